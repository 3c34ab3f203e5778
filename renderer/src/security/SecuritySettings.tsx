/** Settings › Security and Backups: passphrase, auto-lock, trusted device, backup and restore. */
import { useState, type FormEvent } from 'react';
import type { BackupInfo } from '../../../shared/contract/backup';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { SelectField, TextField } from '../components/fields';
import { confirm } from '../components/confirm';
import { shortcutLabel } from '../components/useShortcut';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { useSecurityStore } from '../stores/security';
import { backupReason, backupSize, backupWhen } from './backupText';
import { newPassphraseErrors, PassphraseFields, type NewPassphrase } from './PassphraseFields';
import '../styles/security.css';
import { BACKUP_RETENTION } from '../../../shared/contract/backup';
import { ErrorMessage } from '../components/ErrorMessage';
import { useProgress } from '../components/useLongCall';

const IDLE_CHOICES = [0, 5, 10, 15, 30, 60, 120] as const;
const EMPTY: NewPassphrase = { passphrase: '', confirm: '' };
const NO_BACKUPS: BackupInfo[] = [];

/** Runs an action, shows its error; returns whether it succeeded. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure(errorText(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run };
}

function SecurityCard() {
  const { t } = useTranslation();
  // Read again after every change below (the client's invalidation), and shared with the auto-lock.
  const status = useChannel('security.status', {}).data;
  const lock = useSecurityStore((s) => s.lock);
  const notify = useAppStore((s) => s.notify);
  const load = useAppStore((s) => s.load);
  const { busy, failure, run } = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rememberPassphrase, setRememberPassphrase] = useState('');
  if (!status) return null;

  const submitNew = async (event: FormEvent) => {
    event.preventDefault();
    const found = { ...(await newPassphraseErrors(next)), ...(status.encrypted && !current ? { current: 'required' } : {}) };
    setErrors(found);
    if (Object.keys(found).length) return;
    const ok = await run(async () => {
      if (status.encrypted) await api('security.changePassphrase', { current, next: next.passphrase });
      else await api('security.enable', { passphrase: next.passphrase });
      await load();
    });
    if (ok) {
      setCurrent('');
      setNext(EMPTY);
      notify({ kind: 'info', text: t(status.encrypted ? 'security.settings.changed' : 'security.settings.encryptedYes') });
    }
  };

  return (
    <div className="card security-settings">
      <h2>{t('security.title')}</h2>
      <p className={status.encrypted ? 'security-ok' : 'security-warning'}>
        {t(status.encrypted ? 'security.settings.encryptedYes' : 'security.settings.encryptedNo')}
      </p>
      {status.encrypted && (
        <>
          <SelectField
            label={t('security.settings.idle')}
            value={String(status.idleMinutes ?? 0)}
            options={IDLE_CHOICES.map((m) => ({
              value: String(m),
              label: m === 0 ? t('security.settings.idleNever') : t('security.settings.idleMinutes', { count: m }),
            }))}
            onChange={(v) => void run(() => api('security.setIdleTimeout', { minutes: Number(v ?? 0) }))}
            name="idleMinutes"
          />
          <button type="button" onClick={() => void lock()}>
            {t('security.lock.lockNow')} <kbd>{shortcutLabel('lock')}</kbd>
          </button>
        </>
      )}
      <form onSubmit={(e) => void submitNew(e)} noValidate className="security-form">
        <h3>{status.encrypted ? t('security.settings.change') : t('security.settings.encryptNow')}</h3>
        {status.encrypted && (
          <TextField
            label={t('security.settings.current')}
            required
            type="password"
            value={current}
            onChange={setCurrent}
            error={errors.current}
            name="currentPassphrase"
          />
        )}
        <PassphraseFields
          value={next}
          onChange={setNext}
          errors={errors}
          labels={status.encrypted ? { passphrase: t('security.settings.next'), confirm: t('security.settings.nextConfirm') } : undefined}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {status.encrypted ? t('security.settings.change') : t('security.settings.encryptNow')}
          </button>
        </div>
      </form>
      {status.canRememberKey && (
        <div className="security-form">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={status.keyRemembered}
              onChange={(e) => void run(() => api('security.rememberKey', { remember: e.target.checked, passphrase: rememberPassphrase || undefined }))}
            />
            {t('security.settings.remember')}
          </label>
          {!status.keyRemembered && (
            <TextField
              label={t('security.settings.rememberConfirm')}
              type="password"
              value={rememberPassphrase}
              onChange={setRememberPassphrase}
              name="rememberPassphrase"
            />
          )}
        </div>
      )}
      <ErrorMessage text={failure} />
    </div>
  );
}

function BackupCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const load = useAppStore((s) => s.load);
  const { busy, failure, run } = useAction();
  const backups = useChannel('backup.list', {}).data ?? NO_BACKUPS;
  const [asking, setAsking] = useState<{ backup: BackupInfo; passphrase: string } | null>(null);
  // Checking, then perhaps upgrading a backup from an earlier version (minutes at HQ's size).
  const restoring = useProgress('backup.restore', busy);

  const restore = async (backup: BackupInfo, passphrase?: string) => {
    if (
      !passphrase &&
      !(await confirm({ message: t('security.backup.restoreConfirm', { date: backupWhen(backup) }), confirmLabel: t('security.backup.restore') }))
    )
      return;
    let needsPassphrase = false;
    const ok = await run(async () => {
      try {
        await api('backup.restore', { file: backup.file, passphrase });
      } catch (error) {
        needsPassphrase = error instanceof AppError && error.code === 'PASSPHRASE_REQUIRED';
        if (!needsPassphrase) throw error;
      }
    });
    if (needsPassphrase) return setAsking({ backup, passphrase: '' });
    if (!ok) return;
    setAsking(null);
    await load();
    notify({ kind: 'info', text: t('security.backup.restored', { date: backupWhen(backup) }) });
  };

  return (
    <div className="card backup-settings">
      <h2>{t('security.backup.title')}</h2>
      <p className="muted small">{t('security.backup.intro', BACKUP_RETENTION)}</p>
      <div className="actions backup-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => api('backup.create', {})).then((ok) => ok && notify({ kind: 'info', text: t('security.backup.done') }))}
        >
          {t('security.backup.now')}
        </button>
      </div>
      {restoring && (
        <p className="stage-notice" role="status">
          {t(restoring.stage)}
        </p>
      )}
      {backups.length === 0 ? (
        <p className="muted">{t('security.backup.none')}</p>
      ) : (
        <table className="backup-list">
          <thead>
            <tr>
              <th>{t('security.backup.when')}</th>
              <th>{t('security.backup.reasonLabel')}</th>
              <th className="num">{t('security.backup.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file}>
                <td>{backupWhen(b)}</td>
                <td>{backupReason(b)}</td>
                <td className="num">{backupSize(b.bytes)}</td>
                <td>
                  <button type="button" className="link" disabled={busy} onClick={() => void restore(b)}>
                    {t('security.backup.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <form
          className="security-form"
          onSubmit={(e) => {
            e.preventDefault();
            void restore(asking.backup, asking.passphrase);
          }}
        >
          <TextField
            label={t('security.backup.passphraseOfBackup')}
            type="password"
            value={asking.passphrase}
            onChange={(passphrase) => setAsking({ ...asking, passphrase })}
            name="backupPassphrase"
            autoFocus
          />
          <div className="actions">
            <button type="button" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy || !asking.passphrase}>
              {t('security.backup.restore')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage text={failure} />
    </div>
  );
}

export function SecuritySettings() {
  return (
    <>
      <SecurityCard />
      <BackupCard />
    </>
  );
}
