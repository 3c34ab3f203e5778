/** Shown when a batch comes from an unknown device: trust it only after comparing the fingerprint. */
import type { ImportReport } from '../../../shared/domain/exchange';
import { Dialog } from '../components/Dialog';
import { useTranslation } from '../i18n';

export function TrustDialog({ report, onTrust, onCancel }: { report: ImportReport; onTrust(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const params = report.error?.params ?? {};
  return (
    <Dialog shape="modal" role="alertdialog" labelledBy="trust-title" onClose={onCancel}>
      <div className="exchange-modal trust-dialog">
        <div className="exchange-modal-body">
          <h2 id="trust-title">{t('exchange.trustTitle')}</h2>
          <p>{t('exchange.trustIntro')}</p>
          <dl>
            <dt>{t('exchange.mission')}</dt>
            <dd>
              {String(params.mission ?? '')} {report.batch?.missionName ? `(${report.batch.missionName})` : ''}
            </dd>
            <dt>{t('exchange.sender')}</dt>
            <dd>{String(params.author ?? report.batch?.author ?? '')}</dd>
            <dt>{t('exchange.fingerprint')}</dt>
            <dd className="fingerprint" data-testid="trust-fingerprint">
              {String(params.fingerprint ?? '')}
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
