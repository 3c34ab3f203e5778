/** HQ: each mission's last batch, missing batches and lag, with the consolidated figures of a period. */
import { useEffect, useState } from 'react';
import type { ConsolidatedFigures, KeyValues } from '../../../shared/contract/hq';
import type { HqMission } from '../../../shared/domain/exchange';
import { halfYearOf } from '../../../shared/period';
import { REGIONS } from '../../../shared/regions';
import { api, downloadBase64 } from '../api/client';
import { PeriodSelect } from '../components/PeriodSelect';
import { formatDate, formatNumber, formatUsd, todayIso } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';

const SHOWN = ['activitiesDone', 'localityActivities', 'agreementsSigned', 'dealValueUsd'] as const;

function FigureCells({ values }: { values: Partial<KeyValues> | undefined }) {
  return (
    <>
      {SHOWN.map((key) => {
        const v = values?.[key]?.value;
        return (
          <td key={key} className="num">
            {v === undefined ? '' : key === 'dealValueUsd' ? formatUsd(v) : formatNumber(v)}
          </td>
        );
      })}
    </>
  );
}

export function MissionsCard({ missions }: { missions: HqMission[] }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const navigate = useAppStore((s) => s.navigate);
  const [period, setPeriod] = useState(halfYearOf(todayIso()));
  const [figures, setFigures] = useState<ConsolidatedFigures | null>(null);
  useEffect(() => {
    api('hq.figures', { period }).then(setFigures, (error) => notify({ kind: 'error', text: errorText(error) }));
  }, [missions, period, notify]);
  const download = async () => {
    try {
      const file = await api('hq.figuresXlsx', { period });
      downloadBase64(file.fileName, file.base64, file.mimeType);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  };
  const byMission = new Map(figures?.byMission.map((m) => [m.missionId, m.key]));
  const total = figures ? (Object.fromEntries(SHOWN.map((k) => [k, figures.total.key[k]])) as Partial<KeyValues>) : undefined;
  const regionName = (id: string) => {
    const region = REGIONS.find((r) => r.id === id);
    return region ? (currentLanguage() === 'vi' ? region.name : region.nameEn) : t('exchange.otherRegion');
  };
  const headings = SHOWN.map((key) => (
    <th key={key} className="num">
      {t(`figures.${key}`)}
    </th>
  ));

  return (
    <div className="card exchange-missions">
      <div className="missions-head">
        <h2>{t('exchange.missionsTitle')}</h2>
        <div className="missions-tools">
          <PeriodSelect value={period} onChange={setPeriod} label={t('exchange.period')} />
          <button type="button" disabled={missions.length === 0} onClick={() => void download()}>
            {t('exchange.downloadXlsx')}
          </button>
        </div>
      </div>
      {missions.length === 0 ? (
        <p className="muted">{t('exchange.noMissions')}</p>
      ) : (
        <>
          <table className="exchange-table" data-testid="hq-missions">
            <thead>
              <tr>
                <th>{t('exchange.mission')}</th>
                <th>{t('exchange.lastBatch')}</th>
                <th>{t('exchange.lag')}</th>
                <th>{t('exchange.gaps')}</th>
                {headings}
              </tr>
            </thead>
            <tbody>
              {missions.map((m) => (
                <tr key={m.missionId} data-testid={`hq-mission-${m.code}`}>
                  <td>
                    <button type="button" className="link" title={t('exchange.openActivities')} onClick={() => navigate('activities', { filter: { mission: m.missionId, period } })}>
                      <strong>{m.code}</strong>
                    </button>
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
                  <FigureCells values={m.missionId ? byMission.get(m.missionId) : undefined} />
                </tr>
              ))}
              <tr className="total-row">
                <td colSpan={4}>
                  <strong>{t('exchange.allMissions')}</strong>
                </td>
                <FigureCells values={total} />
              </tr>
            </tbody>
          </table>
          {figures && figures.byRegion.length > 0 && (
            <>
              <h3>{t('exchange.byRegion')}</h3>
              <table className="exchange-table" data-testid="hq-regions">
                <thead>
                  <tr>
                    <th>{t('exchange.region')}</th>
                    <th className="num">{t('exchange.missionCount')}</th>
                    {headings}
                  </tr>
                </thead>
                <tbody>
                  {figures.byRegion.map((r) => (
                    <tr key={r.region}>
                      <td>{regionName(r.region)}</td>
                      <td className="num">{r.missions}</td>
                      <FigureCells values={r.key} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </div>
  );
}
