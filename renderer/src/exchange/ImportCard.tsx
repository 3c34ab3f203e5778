/**
 * Receives batch files: drop or choose files (or a whole folder), preview what they would
 * change, trust an unknown sender after comparing its fingerprint, then import with progress.
 * A receiver's acknowledgements (.ack.json) go in the same way and are read at once: which of
 * this computer's batches the receiver holds.
 */
import { useRef, useState, type DragEvent } from 'react';
import { ACK_EXTENSION, BATCH_SUFFIX, type AckResult, type ImportReport } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { readAgain } from '../api/query';
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

type AckRead = { file: string; result: AckResult } | { file: string; error: string };

function AckLine({ read }: { read: AckRead }) {
  const { t } = useTranslation();
  if ('error' in read) return <li className="field-error">{`${read.file}: ${read.error}`}</li>;
  const sequences = read.result.batches.flatMap((b) => b.sequences);
  return (
    <li>
      {sequences.length
        ? t('trust.ackDone', { file: read.file, list: sequences.join(', '), count: sequences.length })
        : t('trust.ackNothing', { file: read.file })}
      {read.result.keptFiles > 0 && <div className="muted">{t('trust.ackKept', { count: read.result.keptFiles })}</div>}
    </li>
  );
}

/** The files chosen, the input emptied: the same file can be chosen again (after a trust, say). */
function taken(input: HTMLInputElement): File[] {
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}

export function ImportCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [files, setFiles] = useState<Picked[]>([]);
  const [reports, setReports] = useState<ImportReport[] | null>(null);
  const [applied, setApplied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [acks, setAcks] = useState<AckRead[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const progress = useProgress('exchange.import', busy);

  const pick = async (list: Iterable<File> | null) => {
    const all = [...(list ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    const chosen = all.filter((f) => f.name.endsWith(BATCH_SUFFIX));
    const ackFiles = all.filter((f) => f.name.endsWith(ACK_EXTENSION));
    const picked = await Promise.all(chosen.map(async (f) => ({ name: f.name, dataBase64: await fileBase64(f) })));
    setAcks(ackFiles.length ? await readAcks(ackFiles) : []);
    // Neither a batch nor an acknowledgement (an invitation chosen here by mistake, say): said, not ignored.
    if (picked.length === 0 && ackFiles.length === 0 && all.length > 0) notify({ kind: 'error', text: t('errors.EXCHANGE_NO_FILES') });
    if (picked.length === 0) return;
    setFiles(picked);
    setReports(null);
    setApplied(false);
    await run(picked, true);
  };

  /** One after the other: each acknowledgement through the client (the outbox is read again). */
  const readAcks = async (ackFiles: File[]): Promise<AckRead[]> => {
    const read: AckRead[] = [];
    for (const f of ackFiles) {
      try {
        read.push({ file: f.name, result: await api('exchange.ackImport', { file: { name: f.name, dataBase64: await fileBase64(f) } }) });
      } catch (error) {
        read.push({ file: f.name, error: errorText(error) });
      }
    }
    return read;
  };

  const run = async (batch: Picked[], dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await api('exchange.import', { files: batch, dryRun });
      setReports(result);
      setApplied(!dryRun);
      // A sender seen for the first time in a preview (a read) is now a device waiting for trust.
      if (dryRun && result.some((r) => WAITING_FOR_TRUST.includes(r.error?.code ?? ''))) readAgain();
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
        <input
          ref={input}
          type="file"
          multiple
          accept={`${BATCH_SUFFIX},.json`}
          hidden
          data-testid="batch-files"
          onChange={(e) => void pick(taken(e.target))}
        />
        <input ref={folder} type="file" multiple hidden data-testid="batch-folder" {...{ webkitdirectory: '' }} onChange={(e) => void pick(taken(e.target))} />
      </div>
      {files.length > 0 && <p className="muted">{t('exchange.chosen', { count: files.length })}</p>}
      {acks.length > 0 && (
        <div className="exchange-acks" role="status" data-testid="ack-results">
          <h3>{t('trust.ackTitle')}</h3>
          <ul>
            {acks.map((read) => (
              <AckLine key={read.file} read={read} />
            ))}
          </ul>
        </div>
      )}
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
