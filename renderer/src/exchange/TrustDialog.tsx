/** Trusting a device (a batch from an unknown sender, or a device waiting in the list): only after comparing the fingerprint. */
import { Dialog } from '../components/Dialog';
import { useTranslation } from '../i18n';

export interface TrustCandidate {
  mission: string;
  missionName?: string;
  /** The user named in its batch, when known. */
  author?: string;
  fingerprint: string;
}

export function TrustDialog({ device, onTrust, onCancel }: { device: TrustCandidate; onTrust(): void; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog shape="modal" role="alertdialog" labelledBy="trust-title" onClose={onCancel}>
      <div className="exchange-modal trust-dialog">
        <div className="exchange-modal-body">
          <h2 id="trust-title">{t('exchange.trustTitle')}</h2>
          <p>{t('exchange.trustIntro')}</p>
          <dl>
            <dt>{t('exchange.mission')}</dt>
            <dd>
              {device.mission} {device.missionName ? `(${device.missionName})` : ''}
            </dd>
            {device.author !== undefined && (
              <>
                <dt>{t('exchange.sender')}</dt>
                <dd>{device.author}</dd>
              </>
            )}
            <dt>{t('exchange.fingerprint')}</dt>
            <dd className="fingerprint" data-testid="trust-fingerprint">
              {device.fingerprint}
            </dd>
          </dl>
        </div>
        <div className="exchange-modal-actions">
          <button type="button" onClick={onCancel}>
            {t('exchange.cancel')}
          </button>
          <button type="button" className="primary" onClick={onTrust}>
            {t('exchange.trust')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
