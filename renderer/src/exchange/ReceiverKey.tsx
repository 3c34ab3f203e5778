/**
 * A mission takes HQ's new key from its key notice: the saved receiver keeps its chain. When this
 * computer does not trust HQ's, the person compares the signer's fingerprint first.
 */
import { useRef } from 'react';
import { api } from '../api/client';
import { confirm } from '../components/confirm';
import { AppError } from '../../../shared/errors';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { Steps } from './Steps';

export const ROTATE_STEPS = ['hq', 'mission'] as const;

/** HQ's side: the key change is a CLI step (hq rotate-key); the page says what each side does. */
export function KeyRotationCard() {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t('enrol.rotateTitle')}</h2>
      <ol className="exchange-steps-list">
        {ROTATE_STEPS.map((k) => (
          <li key={k}>{t(`enrol.rotateSteps.${k}`)}</li>
        ))}
      </ol>
    </div>
  );
}

export function ReceiverKey({ onSwitched }: { onSwitched(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const input = useRef<HTMLInputElement>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    try {
      let receiver;
      try {
        receiver = await api('enrol.receiverKey', { text });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'KEY_NOTICE_UNVERIFIED')) throw error;
        const fingerprint = String(error.params?.fingerprint ?? '');
        if (!(await confirm({ message: t('enrol.receiverKeyCompare', { fingerprint }), confirmLabel: t('enrol.receiverKeyConfirm') }))) return;
        receiver = await api('enrol.receiverKey', { text, fingerprint });
      }
      notify({ kind: 'info', text: t('enrol.receiverKeyDone', { label: receiver.label, sequence: receiver.lastBatchSeq + 1 }) });
      onSwitched();
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
