/**
 * Writes a batch for the head, for HQ, or for a receiver used before; shows each receiver's
 * outbox (sent, acknowledged, waiting) and writes again the batches a receiver reports missing.
 */
import { useState } from 'react';
import type { ExportResult, OutboxView, ReceiverInfo } from '../../../shared/domain/exchange';
import { api, downloadBase64 } from '../api/client';
import { useChannel } from '../api/query';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/fields';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { ProgressBar } from '../components/ProgressBar';
import { useProgress } from '../components/useLongCall';
import { ReceiverKey } from './ReceiverKey';

const NO_OUTBOX: OutboxView[] = [];

export function SendCard({ receivers }: { receivers: ReceiverInfo[] }) {
  const { t } = useTranslation();
  const role = useAppStore((s) => s.state?.user?.role);
  const [label, setLabel] = useState(role === 'head' ? t('exchange.hqLabel') : t('exchange.headLabel'));
  const [recipient, setRecipient] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useProgress('exchange.export', busy);
  // Read again after every batch written and every acknowledgement imported (the client's invalidation).
  const outboxQuery = useChannel('exchange.outbox', {});
  const outbox = outboxQuery.data ?? NO_OUTBOX;
  const [resendText, setResendText] = useState<Record<string, string>>({});
  const [resent, setResent] = useState<string | null>(null);

  const send = async (input: { recipients?: string[]; receiverId?: string; label?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const written = await api('exchange.export', { ...input, includeData: true });
      setResult(written);
      setRecipient('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  /** Writes again the batches the receiver reports missing, and offers each file as a download. */
  const resend = async (receiverId: string) => {
    const sequences = (resendText[receiverId] ?? '')
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    setError(null);
    setResent(null);
    if (sequences.length === 0 || sequences.some((n) => !Number.isInteger(n) || n < 1)) {
      setError(t('exchange.resendInvalid'));
      return;
    }
    setBusy(true);
    try {
      const files = await api('exchange.resend', { receiverId, sequences });
      for (const f of files) if (f.dataBase64) downloadBase64(f.fileName, f.dataBase64, 'application/octet-stream');
      setResent(t('exchange.resent', { list: files.map((f) => f.sequence).join(', ') }));
      setResendText((all) => ({ ...all, [receiverId]: '' }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const download = () => result?.dataBase64 && downloadBase64(result.fileName, result.dataBase64, 'application/octet-stream');

  return (
    <div className="card exchange-send">
      <h2>{t('exchange.sendTitle')}</h2>
      {receivers.length > 0 && (
        <>
          <h3>{t('exchange.savedReceivers')}</h3>
          <ul className="receivers">
            {receivers.map((r) => {
              const box = outbox.find((o) => o.receiverId === r.id);
              const waiting = box?.batches.filter((b) => b.acknowledgedAt === null).map((b) => b.sequence) ?? [];
              return (
                <li key={r.id}>
                  <div className="receiver-head">
                    <div>
                      <strong>{r.label}</strong>
                      <div className="muted">
                        {t('exchange.pending', { count: r.pending })} ·{' '}
                        {r.lastSentAt
                          ? `${t('exchange.lastSent')} ${formatDate(r.lastSentAt.slice(0, 10))} (${t('exchange.batchNumber')} ${r.lastBatchSeq})`
                          : t('exchange.neverSent')}
                      </div>
                      {box && box.sent > 0 && (
                        <div className="muted" data-testid="outbox-state">
                          {t('exchange.outboxState', { sent: box.sent, acknowledged: box.acknowledged, waiting: box.waiting })}
                          {waiting.length > 0 && ` · ${t('exchange.waitingList', { list: [...waiting].sort((a, b) => a - b).join(', ') })}`}
                        </div>
                      )}
                    </div>
                    <button type="button" disabled={busy} aria-label={`${t('exchange.sendNext')}: ${r.label}`} onClick={() => void send({ receiverId: r.id })}>
                      {t('exchange.sendNext')}
                    </button>
                  </div>
                  {box && box.waiting > 0 && (
                    <>
                      <div className="resend">
                        <TextField
                          label={t('exchange.resendLabel')}
                          value={resendText[r.id] ?? ''}
                          onChange={(v) => setResendText((all) => ({ ...all, [r.id]: v }))}
                          name={`resend-${r.id}`}
                        />
                        <button
                          type="button"
                          disabled={busy || !(resendText[r.id] ?? '').trim()}
                          aria-label={`${t('exchange.resend')}: ${r.label}`}
                          onClick={() => void resend(r.id)}
                        >
                          {t('exchange.resend')}
                        </button>
                      </div>
                      <p className="muted resend-hint">{t('exchange.resendHint')}</p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="send-to">
        <div className="send-choice" role="group" aria-label={t('exchange.receiverLabel')}>
          {[t('exchange.headLabel'), t('exchange.hqLabel')].map((choice) => (
            <button key={choice} type="button" aria-pressed={label === choice} onClick={() => setLabel(choice)}>
              {choice === t('exchange.headLabel') ? t('exchange.sendToHead') : t('exchange.sendToHq')}
            </button>
          ))}
        </div>
        <TextField label={t('exchange.receiverLabel')} value={label} onChange={setLabel} />
        <TextField
          label={t('exchange.receiverRecipient')}
          hint={t('exchange.receiverRecipientHint')}
          value={recipient}
          onChange={setRecipient}
          name="recipient"
        />
        <button
          type="button"
          className="primary"
          disabled={busy || !recipient.trim()}
          onClick={() => void send({ recipients: [recipient.trim()], label: label.trim() || undefined })}
        >
          {t('exchange.send')}
        </button>
      </div>
      {role === 'head' && receivers.length > 0 && <ReceiverKey />}
      {busy && <ProgressBar progress={progress} />}
      {outboxQuery.error && <ErrorMessage text={errorText(outboxQuery.error)} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {resent && (
        <p role="status" data-testid="resend-result">
          {resent}
        </p>
      )}
      {result && (
        <div className="exchange-result" data-testid="export-result">
          <p>{t('exchange.sent', { sequence: result.sequence, count: result.changeCount, file: result.path })}</p>
          {result.remaining > 0 && <p role="status">{t('exchange.sentRemaining', { count: result.remaining })}</p>}
          <button type="button" onClick={download}>
            {t('exchange.download')}
          </button>
        </div>
      )}
    </div>
  );
}
