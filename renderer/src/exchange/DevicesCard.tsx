/**
 * The devices this computer knows over time: waiting for trust, trusted (directly or through a
 * head's certificate), revoked (when, by whom, why). A waiting device is trusted after comparing
 * its fingerprint; a trusted one is revoked with a reason. Below, what each side does when a
 * laptop is lost or replaced.
 */
import { useState } from 'react';
import { exchangeChannels } from '../../../shared/contract/exchange';
import type { KnownDevice } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { confirm } from '../components/confirm';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/fields';
import { useFieldErrors } from '../components/useFieldErrors';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { TrustDialog } from './TrustDialog';

const RevokeInput = exchangeChannels['exchange.revoke'].input;

function StateCell({ device: d }: { device: KnownDevice }) {
  const { t } = useTranslation();
  if (d.state === 'revoked') {
    return (
      <td className="state state-revoked">
        {t('exchange.device.revoked', { date: formatDate(d.revokedAt!.slice(0, 10)), by: d.revokedBy })}
        <div className="status-reason">{t('exchange.device.reasonShown', { reason: d.revokedReason })}</div>
      </td>
    );
  }
  if (d.state === 'waiting') return <td className="state state-waiting">{t('exchange.device.waiting')}</td>;
  const date = formatDate(d.trustedAt!.slice(0, 10));
  return (
    <td className="state state-trusted">
      {d.via === 'certificate' ? t('exchange.device.certified', { by: d.trustedBy!.slice(-8), date }) : t('exchange.device.trusted', { by: d.trustedBy, date })}
    </td>
  );
}

function RevokeDialog({ device, onDone, onCancel }: { device: KnownDevice; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError, clear } = useFieldErrors();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    const input = check(RevokeInput, { device: device.deviceId, reason });
    if (!input || busy) return;
    if (
      !(await confirm({
        message: t('exchange.device.confirm', { fingerprint: device.fingerprint, mission: device.missionCode }),
        confirmLabel: t('exchange.device.revoke'),
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      await api('exchange.revoke', input);
      notify({ kind: 'info', text: t('exchange.device.revokedNote', { mission: device.missionCode }) });
      onDone();
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog shape="modal" labelledBy="revoke-title" onClose={onCancel}>
      <form
        className="exchange-modal revoke-dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="exchange-modal-body">
          <h2 id="revoke-title">{t('exchange.device.revokeTitle')}</h2>
          <p>{t('exchange.device.revokeIntro')}</p>
          <dl>
            <dt>{t('exchange.mission')}</dt>
            <dd>
              {device.missionCode} ({device.missionName})
            </dd>
            <dt>{t('exchange.fingerprint')}</dt>
            <dd className="fingerprint">{device.fingerprint}</dd>
          </dl>
          <TextField
            label={t('exchange.device.reason')}
            hint={t('exchange.device.reasonHint')}
            required
            autoFocus
            value={reason}
            onChange={(value) => {
              setReason(value);
              clear('reason');
            }}
            error={errors.reason}
            name="revokeReason"
          />
          <ErrorMessage text={failure} />
        </div>
        <div className="exchange-modal-actions">
          <button type="button" onClick={onCancel}>
            {t('exchange.cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy}>
            {t('exchange.device.revoke')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Who may revoke here (as main decides, electron/services/exchange/devices.ts): HQ, or the head of
 * mission for its own mission's devices; a staff computer sees why it may not.
 */
function useRevokeRule(): (device: KnownDevice) => string | null {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.state);
  return (device) => {
    if (state?.mode === 'hq') return null;
    if (state?.user?.role !== 'head') return t('trust.staffNoRevoke');
    return device.missionCode === state.mission?.code ? null : t('trust.otherMissionNoRevoke', { mission: device.missionCode });
  };
}

/** Revoke, or why not: said once above the table on a staff computer, beside the device on a head's. */
function RevokeAction({ refusal, staff, onRevoke }: { refusal: string | null; staff: boolean; onRevoke(): void }) {
  const { t } = useTranslation();
  if (refusal !== null) return staff ? null : <span className="muted">{refusal}</span>;
  return (
    <button type="button" className="danger" onClick={onRevoke}>
      {t('exchange.device.revoke')}
    </button>
  );
}

export function DevicesCard({ devices, ownDeviceId }: { devices: KnownDevice[]; ownDeviceId: string | null }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const staff = useAppStore((s) => s.state?.mode === 'mission' && s.state.user?.role !== 'head');
  const revokeRefusal = useRevokeRule();
  const [trusting, setTrusting] = useState<KnownDevice | null>(null);
  const [revoking, setRevoking] = useState<KnownDevice | null>(null);
  const trust = async (device: KnownDevice) => {
    setTrusting(null);
    try {
      await api('exchange.trust', { fingerprint: device.fingerprint });
      notify({ kind: 'info', text: t('exchange.trusted', { mission: device.missionCode }) });
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <div className="card exchange-devices" data-testid="devices-card">
      <h2>{t('exchange.devicesTitle')}</h2>
      {staff && devices.length > 0 && (
        <p className="muted" data-testid="revoke-rule">
          {t('trust.staffNoRevoke')}
        </p>
      )}
      {devices.length === 0 ? (
        <p className="muted">{t('exchange.noDevices')}</p>
      ) : (
        <table className="exchange-table" data-testid="devices">
          <thead>
            <tr>
              <th>{t('exchange.mission')}</th>
              <th>{t('exchange.fingerprint')}</th>
              <th>{t('exchange.device.firstSeen')}</th>
              <th>{t('exchange.device.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId} data-testid={`device-${d.deviceId}`}>
                <td>
                  <strong>{d.missionCode}</strong>
                  <div className="muted">{d.missionName}</div>
                </td>
                <td className="mono">{d.fingerprint || '—'}</td>
                <td>{formatDate(d.firstSeen.slice(0, 10))}</td>
                <StateCell device={d} />
                <td className="actions">
                  {d.state === 'waiting' && (
                    <button type="button" onClick={() => setTrusting(d)}>
                      {t('exchange.device.trust')}
                    </button>
                  )}
                  {d.state === 'trusted' && d.deviceId !== ownDeviceId && (
                    <RevokeAction refusal={revokeRefusal(d)} staff={staff} onRevoke={() => setRevoking(d)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="devices-guide">
        <summary>{t('exchange.device.guideTitle')}</summary>
        <ul>
          {(hq ? ['guideHq', 'guideHead', 'guideStaff'] : ['guideStaff', 'guideHead', 'guideHq']).map((key) => (
            <li key={key}>{t(`exchange.device.${key}`)}</li>
          ))}
        </ul>
      </details>
      {trusting && (
        <TrustDialog
          device={{ mission: trusting.missionCode, missionName: trusting.missionName, fingerprint: trusting.fingerprint }}
          onTrust={() => void trust(trusting)}
          onCancel={() => setTrusting(null)}
        />
      )}
      {revoking && <RevokeDialog device={revoking} onCancel={() => setRevoking(null)} onDone={() => setRevoking(null)} />}
    </div>
  );
}
