/**
 * Settings › Cập nhật: the Ministry's update server (check, then download and install only when
 * the person says so) and offline update packages (open, see what was verified and what installing
 * does, then hand off to the installer). Main does every check; this card only shows and asks.
 */
import { useState, type FormEvent } from 'react';
import type { ServerUpdate, UpdatePackageView } from '../../../shared/contract/update';
import { updateChannels } from '../../../shared/contract/update';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { confirm } from '../components/confirm';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/fields';
import { ProgressBar } from '../components/ProgressBar';
import { useFieldErrors } from '../components/useFieldErrors';
import { useProgress } from '../components/useLongCall';
import { formatDate } from '../format';
import { backupSize } from '../security/backupText';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import '../styles/update.css';

type Busy = null | 'save' | 'check' | 'download' | 'open' | 'install';

export function UpdateCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const status = useChannel('update.status', {});
  const fields = useFieldErrors();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [server, setServer] = useState<ServerUpdate | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const [found, setFound] = useState<UpdatePackageView | null>(null);
  const downloadProgress = useProgress('update.download', busy === 'download');

  const state = status.data;
  if (!state) return null;
  const shownUrl = url ?? (state.server?.source === 'settings' ? state.server.url : '');

  const run = async (what: Exclude<Busy, null>, action: () => Promise<void>) => {
    setBusy(what);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      if (!fields.fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const input = fields.check(updateChannels['update.setServer'].input, { url: shownUrl });
    if (!input) return;
    void run('save', async () => {
      await api('update.setServer', input);
      setUrl(null);
      setServer(null);
      await status.refetch();
      notify({ kind: 'info', text: t('update.serverSaved') });
    });
  };
  const check = () => void run('check', async () => setServer(await api('update.check', {})));
  const download = () => void run('download', async () => setDownloaded((await api('update.download', {})).version));
  const restart = () => void run('install', async () => void (await api('update.restart', {})));
  const open = () =>
    void run('open', async () => {
      setFound(null);
      setFound(await api('update.inspect', {}));
    });
  const install = async (pkg: UpdatePackageView) => {
    if (!(await confirm({ message: t('update.installConfirm', { version: pkg.version }), confirmLabel: t('update.install', { version: pkg.version }) })))
      return;
    await run('install', async () => {
      const done = await api('update.install', { path: pkg.path, sha256: pkg.sha256 });
      notify({ kind: 'info', text: t('update.installStarted', { file: done.installer }) });
    });
  };

  return (
    <div className="card update-card" data-testid="update-card">
      <h2>{t('update.title')}</h2>
      <p>{t('update.current', { version: state.appVersion, platform: state.platform })}</p>

      <h3>{t('update.serverTitle')}</h3>
      <form className="update-server" onSubmit={save} noValidate>
        <TextField
          label={t('update.serverUrl')}
          name="update-server"
          value={shownUrl}
          placeholder={state.server?.source === 'ministry-file' ? state.server.url : 'https://'}
          hint={state.server?.source === 'ministry-file' ? t('update.serverFromFile') : state.server ? undefined : t('update.serverNone')}
          error={fields.errors.url}
          onChange={(v) => {
            setUrl(v);
            fields.clear('url');
          }}
        />
        <div className="actions">
          <button type="submit" disabled={busy !== null}>
            {t('update.serverSave')}
          </button>
          {state.desktop && (
            <button type="button" disabled={busy !== null || !state.server} onClick={check}>
              {busy === 'check' ? t('update.checking') : t('update.check')}
            </button>
          )}
        </div>
      </form>
      {server && !server.available && <p role="status">{t('update.upToDate', { version: state.appVersion })}</p>}
      {server?.available && (
        <div className="update-found" role="status">
          <strong>{t('update.available', { version: server.version })}</strong>
          {server.releaseDate && <span className="muted"> · {formatDate(server.releaseDate.slice(0, 10))}</span>}
          {server.notes && <pre className="update-notes">{server.notes}</pre>}
          <p className="muted">{server.size ? t('update.downloadSize', { size: backupSize(server.size) }) : t('update.downloadSizeUnknown')}</p>
          {downloaded ? (
            <>
              <p>{t('update.downloaded', { version: downloaded })}</p>
              <button type="button" className="primary" disabled={busy !== null} onClick={restart}>
                {t('update.restart')}
              </button>
            </>
          ) : (
            <button type="button" disabled={busy !== null} onClick={download}>
              {t('update.download', { version: server.version })}
            </button>
          )}
          {busy === 'download' && <ProgressBar progress={downloadProgress ?? { done: 0, total: 0, stage: 'update.downloading' }} />}
        </div>
      )}

      <h3>{t('update.packageTitle')}</h3>
      <p className="muted">{t('update.packageIntro')}</p>
      {state.desktop ? (
        <button type="button" disabled={busy !== null} onClick={open}>
          {busy === 'open' ? t('update.verifying') : t('update.packageOpen')}
        </button>
      ) : (
        <p className="field-hint">{t('update.packageDesktopOnly')}</p>
      )}
      {(busy === 'open' || busy === 'install') && <p role="status">{t('update.verifying')}</p>}
      {found && <PackageDetails pkg={found} busy={busy !== null} onInstall={() => void install(found)} />}
      <ErrorMessage text={failure} />

      <details className="update-keys">
        <summary>{t('update.keys')}</summary>
        <ul>
          {state.keys.map((k) => (
            <li key={k.fingerprint}>
              {k.label} <code>{k.fingerprint}</code>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** What was verified and what installing will do, before the person confirms. */
export function PackageDetails({ pkg, busy, onInstall }: { pkg: UpdatePackageView; busy: boolean; onInstall(): void }) {
  const { t } = useTranslation();
  return (
    <div className="update-found" data-testid="update-package">
      <strong>{t('update.verified', { version: pkg.version })}</strong>
      <dl>
        <dt>{t('update.signedBy')}</dt>
        <dd>
          <div>{pkg.signer.label}</div>
          <code>{pkg.signer.fingerprint}</code>
          {pkg.signer.test && <div className="update-test-key">{t('update.testKey')}</div>}
        </dd>
        <dt>{t('update.builtAt')}</dt>
        <dd>{formatDate(pkg.createdAt.slice(0, 10))}</dd>
        <dt>{t('update.installer')}</dt>
        <dd>
          <code>{pkg.installerName}</code> · {backupSize(pkg.size)}
        </dd>
        <dt>{t('update.notes')}</dt>
        <dd>
          <pre className="update-notes">{pkg.notes[currentLanguage()] || pkg.notes.vi || pkg.notes.en}</pre>
        </dd>
        <dt>{t('update.whatHappens')}</dt>
        <dd>{t(`update.action.${pkg.action}`)}</dd>
      </dl>
      <button type="button" className="primary" disabled={busy} onClick={onInstall}>
        {t('update.install', { version: pkg.version })}
      </button>
    </div>
  );
}
