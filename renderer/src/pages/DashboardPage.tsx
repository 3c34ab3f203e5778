/**
 * The period at a glance: key figures beside the same period last year, activities by
 * kind and by month, localities, agreements, sectors, partners and follow-ups. Every
 * figure opens the records behind it (docs/figures.md).
 */
import { useState, type CSSProperties } from 'react';
import { DUE_SOON_DAYS, MONEY_FIGURES, type Drill, type Figure, type Figures, type KeyFigure } from '../../../shared/contract/figures';
import type { ActivityFilter } from '../../../shared/domain/activity';
import { halfYearOf, periodLabel, type Language } from '../../../shared/period';
import { useChannel } from '../api/query';
import { Dialog } from '../components/Dialog';
import { PeriodSelect } from '../components/PeriodSelect';
import { axisTicks } from '../components/chart';
import { provinceLabel, sectorLabel } from '../components/options';
import { formatDate, formatDecimal, formatNumber, formatUsd, todayIso } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import '../styles/reports.css';
import { ErrorMessage } from '../components/ErrorMessage';

const CARDS: KeyFigure[] = [
  'activitiesDone',
  'localityActivities',
  'provincesSupported',
  'agreementsSigned',
  'agreementsForLocalities',
  'businessesSupported',
  'dealValueUsd',
  'agreementsValueUsd',
  'activitiesPlanned',
  'activitiesCancelled',
];

/** "+12 (+25%)" in green, "-3 (-10%)" in red; "mới" when last year had none. */
export function Change({ figure, usd, language }: { figure: Pick<Figure, 'change' | 'changePercent'>; usd?: boolean; language?: Language }) {
  const { t } = useTranslation(undefined, { lng: language });
  if (figure.change === 0) return <span className="change flat">{t('figures.noChange')}</span>;
  const sign = figure.change > 0 ? '+' : '−';
  const amount = usd ? formatUsd(Math.abs(figure.change)) : formatNumber(Math.abs(figure.change));
  const percent = figure.changePercent === null ? t('figures.newThisPeriod') : `${sign}${formatDecimal(Math.abs(figure.changePercent))}%`;
  return (
    <span className={`change ${figure.change > 0 ? 'up' : 'down'}`}>
      {sign}
      {amount} ({percent})
    </span>
  );
}

interface BarRow {
  key: string;
  label: string;
  value: number;
  previous?: number;
  detail?: string;
  onOpen?: () => void;
}

/**
 * The 34 provincial units: those supported in either period with both periods' counts (a unit
 * opens its activities, or its agreements), then those not supported at all this period.
 */
function Coverage({ coverage, onOpen }: { coverage: Figures['coverage']; onOpen(title: string, drill: Drill): void }) {
  const { t } = useTranslation();
  const { units, supported, previousSupported, rows, notSupported } = coverage;
  return (
    <>
      <p className="muted small">{t('overview.coverageSummary', { supported: formatNumber(supported), units, previous: formatNumber(previousSupported) })}</p>
      {rows.length > 0 && (
        <div className="coverage-scroll">
          <table className="figures-table coverage-table" data-testid="coverage">
            <thead>
              <tr>
                <th scope="col">{t('overview.unit')}</th>
                <th scope="col" className="num">
                  {t('overview.activities')}
                </th>
                <th scope="col" className="num muted">
                  {t('overview.previousShort')}
                </th>
                <th scope="col" className="num">
                  {t('overview.agreements')}
                </th>
                <th scope="col" className="num muted">
                  {t('overview.previousShort')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const name = provinceLabel(r.provinceId);
                return (
                  <tr key={r.provinceId}>
                    <th scope="row">
                      {r.activities + r.agreements > 0 ? (
                        <button
                          type="button"
                          className="link"
                          title={t('dashboard.openRecords')}
                          onClick={() => onOpen(name, r.activities ? r.drill : { agreementIds: r.drill.agreementIds ?? [] })}
                        >
                          {name}
                        </button>
                      ) : (
                        <span className="muted">{name}</span>
                      )}
                    </th>
                    <td className="num">{formatNumber(r.activities)}</td>
                    <td className="num muted">{formatNumber(r.previousActivities)}</td>
                    <td className="num">{formatNumber(r.agreements)}</td>
                    <td className="num muted">{formatNumber(r.previousAgreements)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {supported === 0 ? (
        <p className="muted small">{t('overview.noneSupported')}</p>
      ) : notSupported.length === 0 ? (
        <p className="muted small">{t('overview.allSupported', { units })}</p>
      ) : (
        <div data-testid="not-supported">
          <h3 className="subhead small-head">{t('overview.notSupported', { count: notSupported.length })}</h3>
          <p className="not-supported small">{notSupported.map(provinceLabel).join(' · ')}</p>
        </div>
      )}
    </>
  );
}

/** Horizontal bars with their labels and numbers written out (readable without the bars). */
function Bars({ rows, testId }: { rows: BarRow[]; testId: string }) {
  const { t } = useTranslation();
  // A row with nothing in either period is noise: only what happened is drawn.
  const shown = rows.filter((r) => r.value !== 0 || (r.previous ?? 0) !== 0);
  const max = Math.max(1, ...shown.map((r) => Math.max(r.value, r.previous ?? 0)));
  if (shown.length === 0) return <p className="muted small">{t('dashboard.noData')}</p>;
  return (
    <ul className="bars" data-testid={testId}>
      {shown.map((r) => (
        <li key={r.key}>
          <button type="button" className="bar-row" onClick={r.onOpen} disabled={!r.onOpen || (r.value === 0 && !r.detail)} title={t('dashboard.openRecords')}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar now" style={{ width: `${(r.value / max) * 100}%` }} />
              {r.previous !== undefined && <span className="bar before" style={{ width: `${(r.previous / max) * 100}%` }} />}
            </span>
            <span className="bar-value">
              {formatNumber(r.value)}
              {r.previous !== undefined && <span className="muted small"> / {formatNumber(r.previous)}</span>}
              {r.detail && <span className="muted small"> {r.detail}</span>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function MonthChart({
  months: all,
  onOpen,
}: {
  months: { month: string; value: number; previous: number; drill: Drill }[];
  onOpen(filter: ActivityFilter): void;
}) {
  const { t } = useTranslation();
  // Months keep their places on the time axis between the first and the last month with data in
  // either year (an empty month inside stays, empty edges go); a chart of nothing is not drawn.
  const hasData = (m: { value: number; previous: number }) => m.value !== 0 || m.previous !== 0;
  const first = all.findIndex(hasData);
  if (first < 0) return <p className="muted small">{t('dashboard.noData')}</p>;
  const months = all.slice(first, all.findLastIndex(hasData) + 1);
  const ticks = axisTicks(Math.max(...months.map((m) => Math.max(m.value, m.previous))));
  const top = ticks[ticks.length - 1]!;
  return (
    <div className="month-chart" data-testid="by-month" style={{ '--grid-steps': ticks.length - 1 } as CSSProperties}>
      <div className="month-axis" aria-hidden="true">
        <span className="month-axis-ticks">
          {ticks.map((v) => (
            <span key={v} style={{ bottom: `${(v / top) * 100}%` }}>
              {formatNumber(v)}
            </span>
          ))}
        </span>
      </div>
      {months.map((m) => (
        <button
          type="button"
          key={m.month}
          className="month"
          disabled={m.value === 0}
          onClick={() => m.drill.activities && onOpen(m.drill.activities)}
          title={`${m.month.slice(5)}/${m.month.slice(0, 4)}: ${formatNumber(m.value)} (${t('figures.previous')}: ${formatNumber(m.previous)})`}
        >
          <span className="month-bars" aria-hidden="true">
            <span className="bar now" style={{ height: `${(m.value / top) * 100}%` }} />
            <span className="bar before" style={{ height: `${(m.previous / top) * 100}%` }} />
          </span>
          <span className="month-value">{formatNumber(m.value)}</span>
          <span className="month-label">
            {t('dashboard.monthShort', { month: Number(m.month.slice(5)) })}
            {months.length > 12 || m.month.endsWith('-01') ? `/${m.month.slice(2, 4)}` : ''}
          </span>
        </button>
      ))}
    </div>
  );
}

function AgreementDrawer({ title, ids, onClose }: { title: string; ids: string[]; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const { data: rows, error } = useChannel('figures.agreements', { ids });
  return (
    <Dialog shape="drawer" label={title} onClose={onClose}>
      <aside className="drawer">
        <div className="drawer-head">
          <h2>{t('dashboard.drillTitle', { figure: title })}</h2>
          <button type="button" className="icon" aria-label={t('common.close')} onClick={onClose}>
            ×
          </button>
        </div>
        <div className="drawer-body">
          <ErrorMessage text={error ? errorText(error) : null} />
          <table className="figures-table">
            <thead>
              <tr>
                <th>{t('annex.signedDate')}</th>
                <th>{t('annex.name')}</th>
                <th>{t('annex.partners')}</th>
                <th>{t('annex.provinces')}</th>
                <th>{t('annex.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(rows ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.signedDate)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => navigate('agreements', { open: r.id })}>
                      {r.title}
                    </button>
                  </td>
                  <td>{r.partner ?? ''}</td>
                  <td>{r.provinceId ? provinceLabel(r.provinceId) : ''}</td>
                  <td>{t(`enum.agreementStatus.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </aside>
    </Dialog>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const keepParams = useAppStore((s) => s.keepParams);
  // The period lives in the address: back, forward and a reload keep it.
  const today = todayIso();
  const period = (useAppStore((s) => s.route.params) as { period?: string } | undefined)?.period ?? halfYearOf(today);
  const setPeriod = (next: string) => keepParams('dashboard', { period: next });
  // Today cuts an unfinished period (main decides whether it is one) and judges what is overdue,
  // the same day Việc cần làm judges by.
  const { data: figures, error, isPlaceholderData: loading } = useChannel('figures.compute', { period, asOf: today, cutOff: today });
  const [agreements, setAgreements] = useState<{ title: string; ids: string[] } | null>(null);
  const language = currentLanguage();

  const openActivities = (filter: ActivityFilter) => navigate('activities', { filter });
  const open = (title: string, drill: Drill) => {
    if (drill.activities) openActivities(drill.activities);
    else if (drill.agreementIds) setAgreements({ title, ids: drill.agreementIds });
  };

  const f = figures;
  return (
    <section className="page dashboard-page">
      <header className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          {f && (
            <p className="muted">
              {f.cutOff ? t('overview.toDate', { period: periodLabel(f.period, language), date: formatDate(f.cutOff) }) : periodLabel(f.period, language)} ·{' '}
              {t('figures.previous')}:{' '}
              {f.previousCutOff
                ? t('overview.toDate', { period: periodLabel(f.previousPeriod, language), date: formatDate(f.previousCutOff) })
                : periodLabel(f.previousPeriod, language)}
            </p>
          )}
        </div>
        <PeriodSelect label={t('dashboard.period')} value={period} onChange={setPeriod} />
      </header>
      <ErrorMessage text={error ? errorText(error) : null} />
      {f?.cutOff && (
        <p className="notice to-date-note" role="note" data-testid="to-date-note">
          {t('overview.toDateNote', { date: formatDate(f.cutOff), previousDate: formatDate(f.previousCutOff) })}
        </p>
      )}
      {!f ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className={`dashboard${loading ? ' stale' : ''}`}>
          <div className="key-figures">
            {CARDS.map((key) => {
              const figure = f.key[key];
              const usd = MONEY_FIGURES.has(key);
              return (
                <button
                  type="button"
                  key={key}
                  className={`key-card key-${key}`}
                  data-testid={`figure-${key}`}
                  onClick={() => open(t(`figures.${key}`), figure.drill)}
                >
                  <span className="key-label">{t(`figures.${key}`)}</span>
                  <span className="key-value">{usd ? formatUsd(figure.value) : formatNumber(figure.value)}</span>
                  <span className="key-previous small muted">
                    {f.previousCutOff
                      ? t('overview.previousToDate', {
                          date: formatDate(f.previousCutOff),
                          value: usd ? formatUsd(figure.previous) : formatNumber(figure.previous),
                        })
                      : t('dashboard.previousLabel', {
                          period: periodLabel(f.previousPeriod, language),
                          value: usd ? formatUsd(figure.previous) : formatNumber(figure.previous),
                        })}
                  </span>
                  <Change figure={figure} usd={usd} />
                </button>
              );
            })}
          </div>

          <div className="panels">
            <div className="card panel-wide">
              <h2>{t('dashboard.byKind')}</h2>
              <p className="legend small">
                <span className="swatch now" /> {t('dashboard.legendCurrent')} <span className="swatch before" /> {t('dashboard.legendPrevious')}
              </p>
              <Bars
                testId="by-kind"
                rows={f.byKind.map((k) => ({
                  key: k.kind,
                  label: t(`enum.activityKind.${k.kind}`),
                  value: k.value,
                  previous: k.previous,
                  onOpen: () => k.drill.activities && openActivities(k.drill.activities),
                }))}
              />
            </div>
            <div className="card panel-wide">
              <h2>{t('dashboard.byMonth')}</h2>
              <MonthChart months={f.byMonth} onOpen={openActivities} />
            </div>
            <div className="card">
              <h2>{t('overview.coverageTitle')}</h2>
              <Coverage coverage={f.coverage} onOpen={open} />
            </div>
            <div className="card">
              <h2>{t('dashboard.agreementsByStatus')}</h2>
              <Bars
                testId="agreements-by-status"
                rows={f.agreementsByStatus.map((s) => ({
                  key: s.status,
                  label: t(`enum.agreementStatus.${s.status}`),
                  value: s.value,
                  onOpen: () => setAgreements({ title: t(`enum.agreementStatus.${s.status}`), ids: s.drill.agreementIds ?? [] }),
                }))}
              />
              <h2 className="subhead">{t('dashboard.agreementsByKind')}</h2>
              <Bars
                testId="agreements-by-kind"
                rows={f.agreementsByKind.map((s) => ({
                  key: s.kind,
                  label: t(`enum.agreementKind.${s.kind}`),
                  value: s.value,
                  onOpen: () => setAgreements({ title: t(`enum.agreementKind.${s.kind}`), ids: s.drill.agreementIds ?? [] }),
                }))}
              />
            </div>
            <div className="card">
              <h2>{t('dashboard.topSectors')}</h2>
              <Bars
                testId="top-sectors"
                rows={f.topSectors.map((s) => ({
                  key: s.sectorId,
                  label: sectorLabel(s.sectorId),
                  value: s.activities,
                  detail: s.agreements ? `· ${t('dashboard.agreementsCount', { count: s.agreements })}` : undefined,
                  onOpen: () => s.drill.activities && openActivities(s.drill.activities),
                }))}
              />
            </div>
            <div className="card">
              <h2>{t('dashboard.topPartners')}</h2>
              <Bars
                testId="top-partners"
                rows={f.topPartners.map((p) => ({
                  key: p.organisationId,
                  label: p.name,
                  value: p.activities,
                  detail: p.agreements ? `· ${t('dashboard.agreementsCount', { count: p.agreements })}` : undefined,
                  onOpen: () =>
                    p.activities ? p.drill.activities && openActivities(p.drill.activities) : setAgreements({ title: p.name, ids: p.drill.agreementIds ?? [] }),
                }))}
              />
            </div>
            <div className="card panel-wide">
              <h2>{t('dashboard.followups')}</h2>
              <p className="muted small">
                {t('dashboard.asOf', { date: formatDate(f.asOf) })} ·{' '}
                <button type="button" className="link" onClick={() => navigate('followups')}>
                  {t('overview.openTodo')}
                </button>
              </p>
              <div className="followup-columns">
                {(['overdue', 'dueSoon'] as const).map((which) => {
                  const list = f.followups[which];
                  const count = which === 'overdue' ? f.followups.overdueCount : f.followups.dueSoonCount;
                  return (
                    <div key={which} data-testid={`followups-${which}`}>
                      <h3 className={which === 'overdue' ? 'overdue' : ''}>
                        {which === 'overdue' ? t('dashboard.overdue') : t('dashboard.dueSoon', { count: DUE_SOON_DAYS })} ({formatNumber(count)})
                      </h3>
                      {list.length === 0 ? (
                        <p className="muted small">{t('common.none')}</p>
                      ) : (
                        <ul className="followup-list">
                          {list.map((r) => (
                            <li key={`${r.kind}-${r.id}`}>
                              <span className="followup-date">{formatDate(r.dueDate)}</span>
                              <span>
                                {r.kind === 'agreement-review' && <span className="muted">{t('followup.review')}: </span>}
                                <button
                                  type="button"
                                  className="link"
                                  onClick={() =>
                                    r.kind === 'agreement-review' ? navigate('agreements', { open: r.id }) : navigate('followups', { open: r.id })
                                  }
                                >
                                  {r.title}
                                </button>
                                {r.owner && <span className="muted small"> · {r.owner}</span>}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </div>
      )}
      {agreements && <AgreementDrawer title={agreements.title} ids={agreements.ids} onClose={() => setAgreements(null)} />}
    </section>
  );
}
