/**
 * HQ changes its key (a button, as `cau-noi hq rotate-key`): the new receiving address and the key
 * notice file for the missions. A mission takes HQ's new key from that notice: the saved receiver
 * keeps its chain. When this computer does not trust HQ's, the person compares the signer's
 * fingerprint first.
 */
import { useRef, useState } from 'react';
import type { KeyRotation } from '../../../shared/domain/enrol';
import { api, downloadText } from '../api/client';
import { confirm } from '../components/confirm';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { withComparedFingerprint } from './compared';
import { Steps } from './Steps';

export const ROTATE_STEPS = ['hq', 'mission'] as const;

/** HQ's side: the key change, after a confirmation, and what to send to the missions. */
export function KeyRotationCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const [rotated, setRotated] = useState<KeyRotation | null>(null);
  const rotate = async () => {
    if (busy || !(await confirm({ message: t('trust.rotateConfirm'), confirmLabel: t('trust.rotate'), danger: true }))) return;
    setBusy(true);
    try {
      const result = await api('enrol.rotateKey', {});
      setRotated(result);
      downloadText(result.fileName, result.text);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card exchange-rotate" data-testid="key-rotation">
      <h2>{t('enrol.rotateTitle')}</h2>
      <p className="muted">{t('trust.rotateIntro')}</p>
      <button type="button" className="danger" disabled={busy} onClick={() => void rotate()}>
        {t('trust.rotate')}
      </button>
      {rotated && (
        <div className="exchange-result" role="status" data-testid="key-rotated">
          <p>{t('trust.rotated')}</p>
          <code className="recipient-value">{rotated.recipient}</code>
          <p>{t('trust.rotatedFingerprint')}</p>
          <div className="fingerprint">{rotated.fingerprint}</div>
          <p>{t('trust.rotatedFile', { file: rotated.fileName })}</p>
          <button type="button" onClick={() => downloadText(rotated.fileName, rotated.text)}>
            {t('trust.rotatedDownload')}
          </button>
        </div>
      )}
      <ol className="exchange-steps-list">
        {ROTATE_STEPS.map((k) => (
          <li key={k}>{t(`enrol.rotateSteps.${k}`)}</li>
        ))}
      </ol>
    </div>
  );
}

export function ReceiverKey() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const input = useRef<HTMLInputElement>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    try {
      const receiver = await withComparedFingerprint(
        (fingerprint) => api('enrol.receiverKey', { text, fingerprint }),
        'KEY_NOTICE_UNVERIFIED',
        (fingerprint) => ({
          message: t('enrol.receiverKeyCompare', { fingerprint }),
          confirmLabel: t('enrol.receiverKeyConfirm'),
        }),
      );
      if (receiver) notify({ kind: 'info', text: t('enrol.receiverKeyDone', { label: receiver.label, sequence: receiver.lastBatchSeq + 1 }) });
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="receiver-key">
      <h3>{t('enrol.receiverKeyTitle')}</h3>
      <p className="muted">{t('enrol.receiverKeyIntro')}</p>
      <button type="button" onClick={() => input.current?.click()}>
        {t('enrol.receiverKeyChoose')}
      </button>
      <input ref={input} type="file" accept=".json" hidden data-testid="key-notice-file" onChange={(e) => void pick(e.target.files?.[0])} />
      <Steps title={t('enrol.stepsTitle')} steps={ROTATE_STEPS.map((k) => t(`enrol.rotateSteps.${k}`))} />
    </div>
  );
}
