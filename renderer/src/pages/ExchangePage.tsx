/**
 * Exchange: this computer's identity, sending batches (staff to head, head to HQ), receiving
 * them with a preview, the conflicts to review, and at HQ every mission's batches and figures.
 * Every card reads through the data layer: an import, a trust, a revocation or a batch written
 * goes through the client, which reads again whatever is shown.
 */
import type { ConflictView, KnownDevice, ReceiverInfo } from '../../../shared/domain/exchange';
import { useChannel } from '../api/query';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConflictsCard } from '../exchange/ConflictsCard';
import { DevicesCard } from '../exchange/DevicesCard';
import { HandoverCard } from '../exchange/HandoverCard';
import { HqReportCard } from '../exchange/HqReportCard';
import { IdentityCard } from '../exchange/IdentityCard';
import { ImportCard } from '../exchange/ImportCard';
import { InvitationCard } from '../exchange/InvitationCard';
import { MissionsCard } from '../exchange/MissionsCard';
import { KeyRotationCard } from '../exchange/ReceiverKey';
import { SendCard } from '../exchange/SendCard';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import '../styles/exchange.css';

const NO_RECEIVERS: ReceiverInfo[] = [];
const NO_DEVICES: KnownDevice[] = [];
const NO_CONFLICTS: ConflictView[] = [];

export function ExchangePage() {
  const { t } = useTranslation();
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const head = useAppStore((s) => s.state?.mode === 'mission' && s.state.user?.role === 'head');
  const receivers = useChannel('exchange.receivers', {});
  const devices = useChannel('exchange.devices', {});
  const conflicts = useChannel('exchange.conflicts', {});
  const identity = useChannel('exchange.identity', {});
  const failure = receivers.error ?? devices.error ?? conflicts.error ?? identity.error;
  const conflictList = conflicts.data ?? NO_CONFLICTS;

  return (
    <section className="page exchange-page">
      <header className="page-head">
        <div>
          <h1>{t('exchange.title')}</h1>
          <p className="muted">{t('exchange.intro')}</p>
        </div>
      </header>
      <ErrorMessage text={failure ? errorText(failure) : null} />
      {hq && <MissionsCard />}
      {hq && <HqReportCard />}
      <div className="exchange-grid">
        <ImportCard />
        {!hq && <SendCard receivers={receivers.data ?? NO_RECEIVERS} />}
        {(conflictList.length > 0 || !hq) && <ConflictsCard conflicts={conflictList} />}
        {head && <InvitationCard />}
        {head && <HandoverCard />}
        <IdentityCard />
        {hq && <KeyRotationCard />}
        <DevicesCard devices={devices.data ?? NO_DEVICES} ownDeviceId={identity.data?.deviceId ?? null} />
      </div>
    </section>
  );
}
