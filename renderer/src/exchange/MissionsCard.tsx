/**
 * HQ: every expected mission (the register) and every mission heard from, with its state for the
 * half-year whose report is awaited, last batch, missing batches and lag; and the consolidated
 * figures of a period, by mission, by region (permanent missions apart) and the deals several
 * missions reported (counted once).
 */
import { useMemo, useState } from 'react';
import { REPORT_GRACE_DAYS, type KeyValues } from '../../../shared/contract/hq';
import type { RegisterEntry } from '../../../shared/contract/register';
import { REPORTING_STATES, type HqMission, type ReportingState } from '../../../shared/domain/exchange';
import { lastEndedHalfYear, parsePeriod, periodLabel } from '../../../shared/period';
import { REGIONS } from '../../../shared/regions';
import { api, downloadBase64 } from '../api/client';
import { useChannel } from '../api/query';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodSelect } from '../components/PeriodSelect';
import { formatDate, formatNumber, formatUsd, todayIso } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { useHqPeriod } from './period';
import { RegisterForm } from './RegisterForm';

const SHOWN = ['activitiesDone', 'localityActivities', 'agreementsSigned', 'dealValueUsd'] as const;
type StateFilter = 'all' | ReportingState | 'unregistered';
const NONE: HqMission[] = [];

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

/** The last day of grace after the awaited period (yyyy-MM-dd). */
function dueBy(period: string): string {
  const end = new Date(`${parsePeriod(period)!.end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + REPORT_GRACE_DAYS);
  return end.toISOString().slice(0, 10);
}

export function MissionsCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const navigate = useAppStore((s) => s.navigate);
  const today = todayIso();
  const awaited = lastEndedHalfYear(today);
  const [period, setPeriod] = useHqPeriod();
  const [filter, setFilter] = useState<StateFilter>('all');
  // Imports, trust and register edits go through the client, which reads these again.
  const missionsQuery = useChannel('hq.missions', { period: awaited, asOf: today });
  const registerQuery = useChannel('hq.register.list', {});
  const figuresQuery = useChannel('hq.figures', { period });
  const missions = missionsQuery.data ?? NONE;
  const figures = figuresQuery.data ?? null;
  const register = useMemo(() => new Map((registerQuery.data ?? []).map((e) => [e.code, e])), [registerQuery.data]);
  const failure = missionsQuery.error ?? registerQuery.error ?? figuresQuery.error;
  // The register form open: an entry to edit, a mission heard from to add, or a new one.
  const [form, setForm] = useState<{ entry: RegisterEntry | null; registered: boolean } | null>(null);
  const openForm = (m: HqMission) =>
    setForm(
      m.registered
        ? { entry: register.get(m.code) ?? null, registered: true }
        : {
            entry: { code: m.code, nameVi: m.nameVi, nameEn: m.nameEn, kind: m.kind ?? 'embassy', country: m.country, city: '', region: m.region },
            registered: false,
          },
    );
  const download = async () => {
    try {
      const file = await api('hq.figuresXlsx', { period });
      downloadBase64(file.fileName, file.base64, file.mimeType);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  };
  const language = currentLanguage();
  const byMission = new Map(figures?.byMission.map((m) => [m.missionId, m.key]));
  const total = figures ? (Object.fromEntries(SHOWN.map((k) => [k, figures.total.key[k]])) as Partial<KeyValues>) : undefined;
  const regionName = (id: string) => {
    const region = REGIONS.find((r) => r.id === id);
    return region ? (language === 'vi' ? region.name : region.nameEn) : t('exchange.otherRegion');
  };
  const headings = SHOWN.map((key) => (
    <th key={key} className="num">
      {t(`figures.${key}`)}
    </th>
  ));
  const count = (f: StateFilter) => missions.filter((m) => (f === 'all' ? true : f === 'unregistered' ? !m.registered : m.state === f)).length;
  // Missions heard from (a batch of any status, a device) first, each part by code: the ones to act on.
  const heard = (m: HqMission) => m.lastBatch !== null || m.batchesHeld + m.batchesRefused + m.devices + m.devicesWaiting + m.devicesRevoked > 0;
  const shown = missions
    .filter((m) => (filter === 'all' ? true : filter === 'unregistered' ? !m.registered : m.state === filter))
    .sort((a, b) => Number(heard(b)) - Number(heard(a)) || a.code.localeCompare(b.code));
  const filters: StateFilter[] = ['all', ...REPORTING_STATES, 'unregistered'];

  return (
    <div className="card exchange-missions">
      <div className="missions-head">
        <div>
          <h2>{t('exchange.missionsTitle')}</h2>
          <p className="muted" data-testid="hq-awaited">
            {t('exchange.awaited', { period: periodLabel(awaited, language), date: formatDate(dueBy(awaited)) })}
          </p>
          <ErrorMessage text={failure ? errorText(failure) : null} />
        </div>
        <div className="missions-tools">
          <label className="filter">
            <span>{t('exchange.stateFilter')}</span>
            <select
              aria-label={t('exchange.stateFilter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value as StateFilter)}
              data-testid="hq-state-filter"
            >
              {filters.map((f) => (
                <option key={f} value={f}>
                  {t(`exchange.stateOption.${f}`, { total: count(f) })}
                </option>
              ))}
            </select>
          </label>
          <PeriodSelect value={period} onChange={setPeriod} label={t('exchange.period')} />
          <button type="button" onClick={() => setForm({ entry: null, registered: false })}>
            {t('exchange.registerAdd')}
          </button>
          <button type="button" onClick={() => void download()}>
            {t('exchange.downloadXlsx')}
          </button>
        </div>
      </div>
      <div className="missions-scroll">
        <table className="exchange-table" data-testid="hq-missions">
          <thead>
            <tr>
              <th>{t('exchange.mission')}</th>
              <th>{t('exchange.stateColumn', { period: periodLabel(awaited, language) })}</th>
              <th>{t('exchange.lastBatch')}</th>
              <th>{t('exchange.lag')}</th>
              <th>{t('exchange.gaps')}</th>
              {headings}
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.code} data-testid={`hq-mission-${m.code}`}>
                <td>
                  {m.missionId ? (
                    <button
                      type="button"
                      className="link"
                      title={t('exchange.openActivities')}
                      onClick={() => navigate('activities', { filter: { mission: m.missionId!, period } })}
                    >
                      <strong>{m.code}</strong>
                    </button>
                  ) : (
                    <strong>{m.code}</strong>
                  )}
                  <div className="muted">{language === 'vi' ? m.nameVi : m.nameEn}</div>
                  {!m.registered && <div className="unregistered">{t('exchange.notRegistered')}</div>}
                  <button type="button" className="link small" onClick={() => openForm(m)}>
                    {t(m.registered ? 'exchange.registerEdit' : 'exchange.registerAddUnlisted')}
                  </button>
                </td>
                <td className={`state state-${m.state}`}>{t(`exchange.state.${m.state}`)}</td>
                <td>
                  {m.lastBatch ? t('exchange.lastBatchValue', { sequence: m.lastBatch.sequence, date: formatDate(m.lastBatch.createdAt.slice(0, 10)) }) : '—'}
                </td>
                <td className={m.state === 'late' ? 'late' : ''}>{m.lagDays === null ? '—' : t('exchange.lagDays', { count: m.lagDays })}</td>
                <td className={m.gaps.length ? 'gap' : ''}>
                  {m.gaps.length === 0
                    ? m.lastBatch
                      ? t('exchange.noGaps')
                      : ''
                    : m.gaps.flatMap((g) =>
                        g.missing.map((s) => <div key={`${g.deviceId}-${s}`}>{t('exchange.gap', { sequence: s, device: g.deviceId.slice(-8) })}</div>),
                      )}
                  {m.batchesHeld > 0 && <div className="muted">{t('exchange.held', { count: m.batchesHeld })}</div>}
                  {m.batchesRefused > 0 && <div className="muted">{t('exchange.refused', { count: m.batchesRefused })}</div>}
                  {m.devicesWaiting > 0 && <div className="muted">{t('exchange.devicesWaiting', { count: m.devicesWaiting })}</div>}
                  {m.devicesRevoked > 0 && <div className="muted">{t('exchange.devicesRevoked', { count: m.devicesRevoked })}</div>}
                </td>
                <FigureCells values={m.missionId ? byMission.get(m.missionId) : undefined} />
              </tr>
            ))}
            <tr className="total-row">
              <td colSpan={5}>
                <strong>{t('exchange.allMissions')}</strong>
              </td>
              <FigureCells values={total} />
            </tr>
          </tbody>
        </table>
      </div>
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
      {figures && figures.shared.length > 0 && (
        <>
          <h3>{t('exchange.sharedTitleHeading')}</h3>
          <table className="exchange-table" data-testid="hq-shared">
            <thead>
              <tr>
                <th>{t('exchange.sharedRecord')}</th>
                <th>{t('exchange.sharedTitle')}</th>
                <th>{t('exchange.sharedDate')}</th>
                <th className="num">{t('exchange.sharedValue')}</th>
                <th>{t('exchange.sharedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.shared.map((r) => (
                <tr key={r.reportedBy[0]!.recordId}>
                  <td>{t(`exchange.sharedEntity.${r.entity}`)}</td>
                  <td>{r.title}</td>
                  <td>{formatDate(r.date)}</td>
                  <td className="num">{formatUsd(r.valueUsd)}</td>
                  <td>{r.reportedBy.map((m) => m.code).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {form && (
        <RegisterForm
          entry={form.entry}
          registered={form.registered}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
          }}
        />
      )}
    </div>
  );
}
