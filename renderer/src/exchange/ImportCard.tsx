/**
 * Receives batch files: drop or choose files (or a whole folder), preview what they would
 * change, trust an unknown sender after comparing its fingerprint, then import with progress.
 */
import { useRef, useState, type DragEvent } from 'react';
import type { ImportReport } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { ImportTable } from './ImportTable';
import { ProgressBar } from '../components/ProgressBar';
import { TrustDialog } from './TrustDialog';
import { fileBase64, useProgress } from '../components/useLongCall';

/** Refusals after which the sender waits for a person to compare its fingerprint (an invitation that did not qualify too). */
const WAITING_FOR_TRUST = ['BATCH_UNKNOWN_DEVICE', 'INVITATION_UNKNOWN', 'INVITATION_USED', 'INVITATION_EXPIRED'];

interface Picked {
  name: string;
  dataBase64: string;
}

/** The files chosen, the input emptied: the same file can be chosen again (after a trust, say). */
function taken(input: HTMLInputElement): File[] {
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}

export function ImportCard({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [files, setFiles] = useState<Picked[]>([]);
  const [reports, setReports] = useState<ImportReport[] | null>(null);
  const [applied, setApplied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const progress = useProgress('exchange.import', busy);

  const pick = async (list: Iterable<File> | null) => {
    const chosen = [...(list ?? [])].filter((f) => f.name.endsWith('.age')).sort((a, b) => a.name.localeCompare(b.name));
    const picked = await Promise.all(chosen.map(async (f) => ({ name: f.name, dataBase64: await fileBase64(f) })));
    setFiles(picked);
    setReports(null);
    setApplied(false);
    if (picked.length) await run(picked, true);
  };

  const run = async (batch: Picked[], dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await api('exchange.import', { files: batch, dryRun });
      setReports(result);
      setApplied(!dryRun);
      // A sender seen for the first time (even in a preview) is now a device waiting for trust.
      if (!dryRun || result.some((r) => r.error?.code === 'BATCH_UNKNOWN_DEVICE')) onImported();
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const unknown = reports?.find((r) => WAITING_FOR_TRUST.includes(r.error?.code ?? '') && !dismissed.includes(String(r.error?.params?.fingerprint)));
  const trust = async () => {
    if (!unknown) return;
    try {
      const device = await api('exchange.trust', { fingerprint: String(unknown.error!.params!.fingerprint) });
      notify({ kind: 'info', text: t('exchange.trusted', { mission: device.missionCode }) });
      onImported();
      await run(files, true);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void pick(e.dataTransfer.files);
  };
  const canApply = reports?.some((r) => r.status === 'preview') && !applied;

  return (
    <div className="card exchange-import">
      <h2>{t('exchange.importTitle')}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>{t('exchange.dropHere')}</span>
        <button type="button" onClick={() => input.current?.click()}>
          {t('exchange.choose')}
        </button>
        <button type="button" onClick={() => folder.current?.click()}>
          {t('exchange.chooseFolder')}
        </button>
        <input ref={input} type="file" multiple accept=".age" hidden data-testid="batch-files" onChange={(e) => void pick(taken(e.target))} />
        <input ref={folder} type="file" multiple hidden data-testid="batch-folder" {...{ webkitdirectory: '' }} onChange={(e) => void pick(taken(e.target))} />
      </div>
      {files.length > 0 && <p className="muted">{t('exchange.chosen', { count: files.length })}</p>}
      {busy && <ProgressBar progress={progress} />}
      {reports && (
        <>
          <p className={applied ? 'exchange-done' : 'muted'}>{applied ? t('exchange.appliedNote') : t('exchange.previewNote')}</p>
          <ImportTable reports={reports} />
        </>
      )}
      <div className="exchange-actions">
        <button type="button" className="primary" disabled={busy || !canApply} onClick={() => void run(files, false)}>
          {t('exchange.apply')}
        </button>
        <button
          type="button"
          disabled={busy || files.length === 0}
          onClick={() => {
            setFiles([]);
            setReports(null);
          }}
        >
          {t('exchange.clear')}
        </button>
      </div>
      {unknown && !busy && (
        <TrustDialog
          device={{
            mission: String(unknown.error!.params!.mission ?? ''),
            missionName: unknown.batch?.missionName,
            author: String(unknown.error!.params!.author ?? unknown.batch?.author ?? ''),
            fingerprint: String(unknown.error!.params!.fingerprint),
          }}
          onTrust={() => void trust()}
          onCancel={() => setDismissed([...dismissed, String(unknown.error!.params!.fingerprint)])}
        />
      )}
    </div>
  );
}
