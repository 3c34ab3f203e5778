/**
 * Shown whenever the data folder is locked: at start, after idle time, on system sleep.
 * When the database cannot be opened at all, it says why and offers the latest backup.
 */
import { useState, type FormEvent } from 'react';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { TextField } from '../components/fields';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorText, useTranslation } from '../i18n';
import { backupWhen } from '../security/backupText';
import { useAppStore } from '../stores/app';
import '../styles/security.css';
import { ErrorMessage } from '../components/ErrorMessage';
import { useProgress } from '../components/useLongCall';

export function LockScreen() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.load);
  const [passphrase, setPassphrase] = useState('');
  const statusQuery = useChannel('security.status', {});
  const status = statusQuery.data ?? null;
  // The backups are offered only when the database cannot be opened.
  const backups = useChannel('backup.list', {}, { enabled: Boolean(status?.problem) }).data ?? [];
  const [busy, setBusy] = useState(false);
  // Said by an unlock or a restore, which may upgrade the data for this version first (minutes at HQ's size).
  const unlocking = useProgress('security.unlock', busy);
  const restoring = useProgress('backup.restore', busy);
  const progress = unlocking ?? restoring;
  const [actionFailure, setFailure] = useState<string | null>(null);
  const failure = actionFailure ?? (statusQuery.error ? errorText(statusQuery.error) : null);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setPassphrase('');
      await load();
    } catch (error) {
      setFailure(errorText(error));
      // A refusal changes nothing, so nothing was read again: the wait after wrong guesses may have grown.
      await statusQuery.refetch();
    } finally {
      setBusy(false);
    }
  }

  const unlock = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return setFailure(t('validation.required'));
    void run(() => api('security.unlock', { passphrase }));
  };
  const latest = backups[0];
  const problem = status?.problem ? AppError.from(status.problem) : null;

  return (
    <main className="setup lock-screen">
      <form className="setup-card security-card lock-card" onSubmit={unlock} noValidate>
        <div className="setup-head">
          <div>
            <svg className="lock-mark" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
              <path d="M7 10V7a5 5 0 0 1 10 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
              <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor" />
            </svg>
            <h1>{t('security.lock.title')}</h1>
            <p className="muted">{t('security.lock.intro')}</p>
          </div>
          <LanguageSwitch />
        </div>
        {status?.encrypted !== false && (
          <TextField label={t('security.passphrase')} type="password" value={passphrase} onChange={setPassphrase} name="passphrase" autoFocus />
        )}
        <ErrorMessage text={failure} />
        {busy && progress && (
          <p className="stage-notice" role="status">
            {t(progress.stage)}
          </p>
        )}
        {problem && (
          <div className="lock-problem" role="alert">
            <h2>{t('security.lock.problemTitle')}</h2>
            <p>{errorText(problem)}</p>
            {latest ? (
              <button
                type="button"
                disabled={busy || (status?.encrypted !== false && !passphrase)}
                onClick={() => void run(() => api('backup.restore', { file: latest.file, passphrase: passphrase || undefined }))}
              >
                {t('security.lock.restoreLatest')} ({backupWhen(latest)})
              </button>
            ) : (
              <p className="muted">{t('security.lock.noBackups')}</p>
            )}
          </div>
        )}
        <div className="actions">
          {status?.encrypted !== false && (
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('security.lock.working') : t('security.lock.submit')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
