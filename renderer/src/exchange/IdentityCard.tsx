/** This computer's fingerprint and receiving address (on the Exchange page and in Settings). */
import { useChannel } from '../api/query';
import { useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import '../styles/exchange.css';

export function IdentityCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  // Shared with the page's query; read again after HQ changes its key.
  const identity = useChannel('exchange.identity', {}).data;
  if (!identity) return null;
  const copy = () => {
    void navigator.clipboard?.writeText(identity.recipient).then(() => notify({ kind: 'info', text: t('exchange.copied') }));
  };
  return (
    <div className="card exchange-identity">
      <h2>{t('exchange.identityTitle')}</h2>
      <dl>
        <dt>{t('exchange.fingerprint')}</dt>
        <dd>
          <div className="fingerprint" data-testid="own-fingerprint">
            {identity.fingerprint}
          </div>
          <div className="field-hint">{t('exchange.fingerprintHint')}</div>
        </dd>
        <dt>{t('exchange.recipient')}</dt>
        <dd>
          <div className="recipient-line">
            <code data-testid="own-recipient">{identity.recipient}</code>
            <button type="button" onClick={copy}>
              {t('exchange.copy')}
            </button>
          </div>
          <div className="field-hint">{t('exchange.recipientHint')}</div>
        </dd>
      </dl>
    </div>
  );
}
