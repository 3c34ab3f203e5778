/** HQ: each mission's last batch, missing batches and lag, with its key figures for a period. */
import { useEffect, useState } from 'react';
import type { Figures } from '../../../shared/contract/figures';
import type { HqMission } from '../../../shared/domain/exchange';
import { halfYearOf } from '../../../shared/period';
import { api } from '../api/client';
import { PeriodSelect } from '../components/PeriodSelect';
import { formatDate, formatNumber, formatUsd, todayIso } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';

const SHOWN = ['activitiesDone', 'localityActivities', 'agreementsSigned', 'dealValueUsd'] as const;

export function MissionsCard({ missions }: { missions: HqMission[] }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [period, setPeriod] = useState(halfYearOf(todayIso()));
  const [figures, setFigures] = useState<Record<string, Figures>>({});
  useEffect(() => {
    const ids = [null, ...missions.map((m) => m.missionId)];
    Promise.all(ids.map((missionId) => api('figures.compute', { period, missionId })))
      .then((all) => setFigures(Object.fromEntries(all.map((f, i) => [ids[i] ?? 'all', f]))))
      .catch((error) => notify({ kind: 'error', text: errorText(error) }));
  }, [missions, period, notify]);
  const cells = (f: Figures | undefined) =>
    SHOWN.map((key) => (
      <td key={key} className="num">
        {f ? (key === 'dealValueUsd' ? formatUsd(f.key[key].value) : formatNumber(f.key[key].value)) : ''}
      </td>
    ));

  return (
    <div className="card exchange-missions">
      <div className="missions-head">
        <h2>{t('exchange.missionsTitle')}</h2>
        <PeriodSelect value={period} onChange={setPeriod} label={t('exchange.period')} />
      </div>
      {missions.length === 0 ? (
        <p className="muted">{t('exchange.noMissions')}</p>
      ) : (
        <table className="exchange-table" data-testid="hq-missions">
          <thead>
            <tr>
              <th>{t('exchange.mission')}</th>
              <th>{t('exchange.lastBatch')}</th>
              <th>{t('exchange.lag')}</th>
              <th>{t('exchange.gaps')}</th>
              {SHOWN.map((key) => (
                <th key={key} className="num">
                  {t(`figures.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {missions.map((m) => (
              <tr key={m.missionId} data-testid={`hq-mission-${m.code}`}>
                <td>
                  <strong>{m.code}</strong>
                  <div className="muted">{m.nameVi}</div>
                </td>
                <td>{m.lastBatch ? t('exchange.lastBatchValue', { sequence: m.lastBatch.sequence, date: formatDate(m.lastBatch.createdAt.slice(0, 10)) }) : '—'}</td>
                <td className={m.lagDays !== null && m.lagDays > 31 ? 'late' : ''}>{m.lagDays === null ? '—' : t('exchange.lagDays', { count: m.lagDays })}</td>
                <td className={m.gaps.length ? 'gap' : ''}>
                  {m.gaps.length === 0
                    ? t('exchange.noGaps')
                    : m.gaps.flatMap((g) => g.missing.map((s) => <div key={`${g.deviceId}-${s}`}>{t('exchange.gap', { sequence: s, device: g.deviceId.slice(-8) })}</div>))}
                  {m.batchesHeld > 0 && <div className="muted">{t('exchange.held', { count: m.batchesHeld })}</div>}
                  {m.batchesRefused > 0 && <div className="muted">{t('exchange.refused', { count: m.batchesRefused })}</div>}
                </td>
                {cells(figures[m.missionId])}
              </tr>
            ))}
            <tr className="total-row">
              <td colSpan={4}>
                <strong>{t('exchange.allMissions')}</strong>
              </td>
              {cells(figures.all)}
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
