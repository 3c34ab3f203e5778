/**
 * All activities: filters (period, kind, status, sector, locality, text), sortable
 * columns, and a virtualised table that stays smooth at 100,000 rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { ActivityFilter } from '../../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../../shared/domain/enums';
import { useChannel } from '../api/query';
import { EnumFilter, FilterSelect, PeriodFilter } from '../components/FilterSelect';
import { Picker } from '../components/Picker';
import { provinceLabel, provinceOptions, sectorOptions } from '../components/options';
import { formatDateRange, formatUsd } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { isComposing } from '../components/keys';
import { shortcutLabel } from '../components/useShortcut';
import { useActivityList, type SortKey } from '../stores/activities';
import { useAppStore } from '../stores/app';
import { ErrorMessage } from '../components/ErrorMessage';
import { ListHead } from '../components/ListHead';

const ROW_HEIGHT = 44;

// The import dialog and its sheet schemas load when it is opened, not with the list.
const ActivityImport = lazy(async () => {
  const [{ ImportDialog }, { ACTIVITY_IMPORT }] = await Promise.all([import('../imports/ImportDialog'), import('../imports/record-import-kinds')]);
  return { default: ({ onClose }: { onClose(): void }) => <ImportDialog kind={ACTIVITY_IMPORT} onClose={onClose} /> };
});

const COLUMNS: { key: SortKey | null; labelKey: string; className: string }[] = [
  { key: 'startDate', labelKey: 'activity.startDate', className: 'col-date' },
  { key: 'title', labelKey: 'activity.title', className: 'col-title' },
  { key: 'kind', labelKey: 'activity.kind', className: 'col-kind' },
  { key: null, labelKey: 'activity.filterProvince', className: 'col-provinces' },
  { key: 'status', labelKey: 'activity.status', className: 'col-status' },
  { key: 'dealValueUsd', labelKey: 'activity.valueColumn', className: 'col-value' },
];

/** HQ holds every mission's activities: the missions it has received, as filter choices. */
function useMissionOptions(hq: boolean): { value: string; label: string }[] {
  const missions = useChannel('hq.missions', {}, { enabled: hq }).data ?? [];
  // Only missions whose records arrived have activities to filter by.
  return missions.flatMap((m) => (m.missionId ? [{ value: m.missionId, label: `${m.code} – ${currentLanguage() === 'vi' ? m.nameVi : m.nameEn}` }] : []));
}

const sameFilter = (a: ActivityFilter, b: ActivityFilter) => JSON.stringify(a) === JSON.stringify(b);

export function ActivitiesPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.route);
  const openActivity = useAppStore((s) => s.openActivity);
  const keepParams = useAppStore((s) => s.keepParams);
  const { filter, sort, total, totalExact, rows, error, setFilter, replaceFilter, setSort, ensureRange } = useActivityList();
  const [text, setText] = useState(filter.text ?? '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeRow, setActiveRow] = useState(0);
  const [importing, setImporting] = useState(false);
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const missions = useMissionOptions(hq);

  // Opened from elsewhere (a dashboard figure, a search hit) with a filter or a record.
  useEffect(() => {
    const params = route.params as { filter?: ActivityFilter; open?: string } | undefined;
    if (params?.filter && !sameFilter(params.filter, useActivityList.getState().filter)) {
      replaceFilter(params.filter);
      setText(params.filter.text ?? '');
    }
    if (params?.open) openActivity(params.open);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route]);
  // After the address's filter (above): the list is read when first shown or changed meanwhile.
  useEffect(() => useActivityList.getState().show(), []);

  // The filter goes into the address: a reload, or "back" from a record, keeps it. (The store's
  // filter, not this render's: the effect above may just have applied the address's.)
  useEffect(() => {
    const addressed = (useAppStore.getState().route.params as { filter?: ActivityFilter } | undefined)?.filter ?? {};
    const current = useActivityList.getState().filter;
    if (!sameFilter(addressed, current)) keepParams('activities', { filter: current });
  }, [filter, keepParams]);

  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text: text || undefined });
    }, 150);
    return () => clearTimeout(handle);
  }, [text, filter.text, setFilter]);

  // Until the total of a new filter arrives, the rows already here are the list.
  const count = total ?? rows.size;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total) ensureRange(first, last);
  }, [first, last, total, ensureRange, rows]);

  /**
   * Arrow keys walk the rows. A rendered row (the overscan keeps the neighbours rendered) takes
   * the focus at once, so an Enter typed right after opens it; another is scrolled into view
   * (and so rendered) first.
   */
  function focusRow(index: number) {
    if (index < 0 || index >= count) return;
    const row = () => scrollRef.current?.querySelector<HTMLElement>(`[aria-rowindex="${index + 1}"]`);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const rendered = row();
    if (rendered) rendered.focus({ preventScroll: true });
    else requestAnimationFrame(() => row()?.focus());
  }

  const filtered = Boolean(
    filter.period ||
    filter.kinds?.length ||
    filter.statuses?.length ||
    filter.sector ||
    filter.province ||
    filter.text ||
    filter.supportsLocalities ||
    filter.organisation ||
    filter.mission,
  );

  return (
    <section className="page activities-page">
      <ListHead
        title={t('activity.listTitle')}
        count={{ key: totalExact ? 'activity.count' : 'activityTotal.atLeast', total }}
        newLabel={t('activity.new')}
        onNew={() => openActivity(null)}
      >
        <button type="button" onClick={() => setImporting(true)}>
          {t('recordImport.open')}
        </button>
      </ListHead>
      {importing && (
        <Suspense fallback={null}>
          <ActivityImport onClose={() => setImporting(false)} />
        </Suspense>
      )}

      <div className="filters" role="search">
        <input
          className="filter-text"
          type="search"
          autoComplete="off"
          aria-label={t('activity.searchPlaceholder')}
          placeholder={t('activity.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <PeriodFilter label={t('activity.filterPeriod')} value={filter.period} onChange={(period) => setFilter({ period })} />
        <EnumFilter
          label={t('activity.filterKind')}
          enumName="activityKind"
          values={ACTIVITY_KINDS}
          selected={filter.kinds}
          onChange={(kinds) => setFilter({ kinds })}
        />
        <EnumFilter
          label={t('activity.filterStatus')}
          enumName="activityStatus"
          values={ACTIVITY_STATUSES}
          selected={filter.statuses}
          onChange={(statuses) => setFilter({ statuses })}
        />
        <div className="filter filter-picker">
          <Picker
            label={t('activity.filterSector')}
            single
            options={sectorOptions()}
            selected={filter.sector ? [filter.sector] : []}
            onChange={(v) => setFilter({ sector: v[0] })}
            placeholder={t('common.all')}
            name="filterSector"
          />
        </div>
        {hq && <FilterSelect label={t('activity.filterMission')} value={filter.mission} options={missions} onChange={(mission) => setFilter({ mission })} />}
        <div className="filter filter-picker">
          <Picker
            label={t('activity.filterProvince')}
            single
            options={provinceOptions()}
            selected={filter.province ? [filter.province] : []}
            onChange={(v) => setFilter({ province: v[0] })}
            placeholder={t('common.all')}
            name="filterProvince"
          />
        </div>
        {filtered && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              replaceFilter({});
            }}
          >
            {t('common.clear')}
          </button>
        )}
      </div>

      {(filter.supportsLocalities || filter.organisation) && (
        <p className="notice drill-note">
          {t(filter.supportsLocalities ? 'dashboard.onlyLocalities' : 'dashboard.onlyPartner')}{' '}
          <button type="button" className="link" onClick={() => setFilter({ supportsLocalities: undefined, organisation: undefined })}>
            {t('common.unselect')}
          </button>
        </p>
      )}

      <ErrorMessage text={error ? errorText(error) : null} />

      {/* -1: the row count is not known yet (ARIA), while only a lower bound is. */}
      <div className="table" role="grid" aria-rowcount={totalExact ? (total ?? 0) : -1}>
        <div className="table-row table-header" role="row">
          {COLUMNS.map((c) => (
            <div
              key={c.labelKey}
              role="columnheader"
              className={c.className}
              aria-sort={c.key && sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.key ? (
                <button type="button" className="sort" onClick={() => setSort(c.key!)}>
                  {t(c.labelKey)}
                  {sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              ) : (
                t(c.labelKey)
              )}
            </div>
          ))}
        </div>
        <div className="table-body" ref={scrollRef} data-testid="activity-scroll">
          {total === 0 && <p className="empty">{filtered ? t('activity.noMatch') : t('activity.empty', { shortcut: shortcutLabel('new') })}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows.get(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 1}
                  className={`table-row${row ? '' : ' loading'}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  // One tab stop for the whole list: the row last focused (arrows move between rows).
                  tabIndex={row && item.index === activeRow ? 0 : -1}
                  onFocus={() => setActiveRow(item.index)}
                  onClick={() => row && openActivity(row.id)}
                  onKeyDown={(e) => {
                    if (isComposing(e)) return;
                    if (row && e.key === 'Enter') {
                      // Consumed here: its keypress would otherwise press the button that the
                      // opening dialog has just focused (its × closes it again).
                      e.preventDefault();
                      openActivity(row.id);
                    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      focusRow(item.index + (e.key === 'ArrowDown' ? 1 : -1));
                    }
                  }}
                >
                  {row && (
                    <>
                      <div role="gridcell" className="col-date">
                        {formatDateRange(row.startDate, row.endDate)}
                      </div>
                      <div role="gridcell" className="col-title" title={row.title}>
                        {row.title}
                        {row.city && <span className="muted small"> · {row.city}</span>}
                      </div>
                      <div role="gridcell" className="col-kind">
                        {t(`enum.activityKind.${row.kind}`)}
                      </div>
                      <div role="gridcell" className="col-provinces" title={row.provinces.map(provinceLabel).join(', ')}>
                        {row.provinces.map(provinceLabel).join(', ')}
                      </div>
                      <div role="gridcell" className="col-status">
                        <span className={`badge status-${row.status}`}>{t(`enum.activityStatus.${row.status}`)}</span>
                      </div>
                      <div role="gridcell" className="col-value">
                        {formatUsd(row.dealValueUsd)}
                      </div>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
