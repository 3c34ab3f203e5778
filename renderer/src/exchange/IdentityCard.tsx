/** This computer's fingerprint and receiving address, and the devices it knows. */
import { useEffect, useState } from 'react';
import type { DeviceIdentity, KnownDevice } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import '../styles/exchange.css';

/** Without devices it is the Settings section (fingerprint and address only). */
export function IdentityCard({ devices }: { devices?: KnownDevice[] }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [identity, setIdentity] = useState<DeviceIdentity | null>(null);
  useEffect(() => {
    api('exchange.identity', {}).then(setIdentity, (error) => notify({ kind: 'error', text: errorText(error) }));
  }, [notify]);
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
      {devices && <h3>{t('exchange.devicesTitle')}</h3>}
      {!devices ? null : devices.length === 0 ? (
        <p className="muted">{t('exchange.noDevices')}</p>
      ) : (
        <table className="exchange-table">
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId}>
                <td>{d.missionCode}</td>
                <td className="mono">{d.fingerprint}</td>
                <td>{d.trustedAt ? `${t('exchange.trustedAt')} ${formatDate(d.trustedAt.slice(0, 10))}` : t('exchange.notTrusted')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
