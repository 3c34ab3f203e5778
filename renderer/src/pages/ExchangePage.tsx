/**
 * Exchange: this computer's identity, sending batches (staff to head, head to HQ), receiving
 * them with a preview, the conflicts to review, and at HQ every mission's batches and figures.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConflictView, KnownDevice, ReceiverInfo } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { ConflictsCard } from '../exchange/ConflictsCard';
import { DevicesCard } from '../exchange/DevicesCard';
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

export function ExchangePage() {
  const { t } = useTranslation();
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const head = useAppStore((s) => s.state?.mode === 'mission' && s.state.user?.role === 'head');
  const notify = useAppStore((s) => s.notify);
  const [receivers, setReceivers] = useState<ReceiverInfo[]>([]);
  const [devices, setDevices] = useState<KnownDevice[]>([]);
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [ownDeviceId, setOwnDeviceId] = useState<string | null>(null);
  // Bumped after each refresh: HQ's missions card reloads its lists and figures.
  const [version, setVersion] = useState(0);

  const refresh = useCallback(() => {
    Promise.all([api('exchange.receivers', {}), api('exchange.devices', {}), api('exchange.conflicts', {})])
      .then(([r, d, c]) => {
        setReceivers(r);
        setDevices(d);
        setConflicts(c);
        setVersion((v) => v + 1);
      })
      .catch((error) => notify({ kind: 'error', text: errorText(error) }));
  }, [notify]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    api('exchange.identity', {}).then((id) => setOwnDeviceId(id.deviceId), (error) => notify({ kind: 'error', text: errorText(error) }));
  }, [notify]);
  // The other pages' lists read themselves again after an import (api/query).
  const dataChanged = refresh;

  return (
    <section className="page exchange-page">
      <header className="page-head">
        <div>
          <h1>{t('exchange.title')}</h1>
          <p className="muted">{t('exchange.intro')}</p>
        </div>
      </header>
      {hq && <MissionsCard version={version} />}
      {hq && <HqReportCard />}
      <div className="exchange-grid">
        <ImportCard onImported={dataChanged} />
        {!hq && <SendCard receivers={receivers} onSent={refresh} />}
        {(conflicts.length > 0 || !hq) && <ConflictsCard conflicts={conflicts} onResolved={dataChanged} />}
        {head && <InvitationCard version={version} />}
        <IdentityCard />
        {hq && <KeyRotationCard />}
        <DevicesCard devices={devices} ownDeviceId={ownDeviceId} hq={hq} onChanged={refresh} />
      </div>
    </section>
  );
}
