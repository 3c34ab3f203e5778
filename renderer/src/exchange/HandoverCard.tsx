/**
 * The head of mission's role handed over (as `cau-noi device handover` / `accept-handover`): the
 * outgoing head writes the signed hand-over file and reads its fingerprint to the new head; the
 * new head takes the file after comparing that fingerprint, and trusts what the old head trusted.
 */
import { useRef, useState } from 'react';
import type { HandoverResult } from '../../../shared/domain/enrol';
import { api, downloadText } from '../api/client';
import { useChannel } from '../api/query';
import { confirm } from '../components/confirm';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { withComparedFingerprint } from './compared';
import { Steps } from './Steps';

export function HandoverCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const fingerprint = useChannel('exchange.identity', {}).data?.fingerprint;
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<{ fileName: string; text: string } | null>(null);
  const [accepted, setAccepted] = useState<HandoverResult | null>(null);

  const handOver = async () => {
    if (busy || !(await confirm({ message: t('trust.handoverConfirm'), confirmLabel: t('trust.handoverWrite') }))) return;
    setBusy(true);
    try {
      const file = await api('enrol.handover', {});
      setWritten(file);
      downloadText(file.fileName, file.text);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const takeOver = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setBusy(true);
    try {
      const result = await withComparedFingerprint(
        (given) => api('enrol.acceptHandover', { text, fingerprint: given }),
        'HANDOVER_UNVERIFIED',
        (given) => ({
          message: t('trust.acceptCompare', { fingerprint: given }),
          confirmLabel: t('trust.fingerprintMatches'),
        }),
      );
      if (result) setAccepted(result);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="card exchange-handover" data-testid="handover-card">
      <h2>{t('enrol.handoverTitle')}</h2>
      <p className="muted">{t('trust.handoverIntro')}</p>
      <div className="actions-row">
        <button type="button" disabled={busy} onClick={() => void handOver()}>
          {t('trust.handoverWrite')}
        </button>
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          {t('trust.accept')}
        </button>
        <input ref={input} type="file" accept=".json" hidden data-testid="handover-file" onChange={(e) => void takeOver(e.target.files?.[0])} />
      </div>
      <p className="field-hint">{t('trust.acceptIntro')}</p>
      {written && (
        <div className="exchange-result" role="status" data-testid="handover-written">
          <p>{t('trust.handoverWritten', { file: written.fileName })}</p>
          <div className="fingerprint">{fingerprint}</div>
          <button type="button" onClick={() => downloadText(written.fileName, written.text)}>
            {t('trust.handoverDownload')}
          </button>
        </div>
      )}
      {accepted && (
        <p className="exchange-done" role="status" data-testid="handover-accepted">
          {t('trust.accepted', { fingerprint: accepted.from.fingerprint, devices: accepted.devices, receivers: accepted.receivers })}
        </p>
      )}
      <Steps title={t('enrol.stepsTitle')} steps={['old', 'new', 'staff', 'hq'].map((k) => t(`enrol.handoverSteps.${k}`))} />
    </div>
  );
}
