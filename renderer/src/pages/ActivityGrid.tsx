/**
 * The activity list's table: a virtualised grid of fixed 44 px rows over the list store's sparse
 * rows. It renders on every scroll step, so it is a component of its own (the filters above it do
 * not render with it), and its rows are memoised: a row on screen renders again only when its
 * record, its tab stop or the language changes, not at each step.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ActivityRow } from '../../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../../shared/domain/enums';
import type { Language } from '../../../shared/period';
import { isComposing } from '../components/keys';
import { perLanguage, provinceLabel } from '../components/options';
import { shortcutLabel } from '../components/useShortcut';
import { formatDateRange, formatUsd } from '../format';
import i18next, { currentLanguage, useTranslation } from '../i18n';
import { useActivityList, type SortKey } from '../stores/activities';
import { useAppStore } from '../stores/app';

const ROW_HEIGHT = 44;
const rowHeight = () => ROW_HEIGHT;

const COLUMNS: { key: SortKey | null; labelKey: string; className: string }[] = [
  { key: 'startDate', labelKey: 'activity.startDate', className: 'col-date' },
  { key: 'title', labelKey: 'activity.title', className: 'col-title' },
  { key: 'kind', labelKey: 'activity.kind', className: 'col-kind' },
  { key: null, labelKey: 'activity.filterProvince', className: 'col-provinces' },
  { key: 'status', labelKey: 'activity.status', className: 'col-status' },
  { key: 'dealValueUsd', labelKey: 'activity.valueColumn', className: 'col-value' },
];

/** Kind and status names, looked up once per language rather than in every cell. */
const enumLabels = perLanguage(() => ({
  kind: new Map(ACTIVITY_KINDS.map((k) => [k, i18next.t(`enum.activityKind.${k}`)])),
  status: new Map(ACTIVITY_STATUSES.map((s) => [s, i18next.t(`enum.activityStatus.${s}`)])),
}));

interface RowProps {
  index: number;
  start: number;
  /** Not read yet (the page holding it is on its way): an empty, striped row. */
  row: ActivityRow | undefined;
  /** The list's one tab stop. */
  tabbable: boolean;
  /** Only to render again when it changes: the labels are the language's. */
  language: Language;
  onOpen(id: string): void;
  onFocused(index: number): void;
  focusRow(index: number): void;
}

const GridRow = memo(function GridRow({ index, start, row, tabbable, onOpen, onFocused, focusRow }: RowProps) {
  const labels = enumLabels();
  const provinces = row?.provinces.map(provinceLabel).join(', ');
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      className={`table-row${row ? '' : ' loading'}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onFocused(index)}
      onClick={() => row && onOpen(row.id)}
      onKeyDown={(e) => {
        if (isComposing(e)) return;
        if (row && e.key === 'Enter') {
          // Consumed here: its keypress would otherwise press the button that the
          // opening dialog has just focused (its × closes it again).
          e.preventDefault();
          onOpen(row.id);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          focusRow(index + (e.key === 'ArrowDown' ? 1 : -1));
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
            {labels.kind.get(row.kind)}
          </div>
          <div role="gridcell" className="col-provinces" title={provinces}>
            {provinces}
          </div>
          <div role="gridcell" className="col-status">
            <span className={`badge status-${row.status}`}>{labels.status.get(row.status)}</span>
          </div>
          <div role="gridcell" className="col-value">
            {formatUsd(row.dealValueUsd)}
          </div>
        </>
      )}
    </div>
  );
});

/** `filtered`: the list's filter holds anything (the empty list then says nothing matched). */
export function ActivityGrid({ filtered }: { filtered: boolean }) {
  const { t } = useTranslation();
  const openActivity = useAppStore((s) => s.openActivity);
  const { sort, total, totalExact, rows, setSort, ensureRange } = useActivityList(
    useShallow((s) => ({ sort: s.sort, total: s.total, totalExact: s.totalExact, rows: s.rows, setSort: s.setSort, ensureRange: s.ensureRange })),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeRow, setActiveRow] = useState(0);

  // Until the total of a new filter arrives, the rows already here are the list.
  const count = total ?? rows.size;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: rowHeight,
    // Rows kept beyond each edge: the arrow keys' next row and a wheel notch. Each one more is
    // rendered at every scroll step (12 made 36 rows for the 12 on screen).
    overscan: 4,
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
   * (and so rendered) first. The same function for every count (it reads the virtualizer's), so
   * the rows do not render again when the total arrives.
   */
  const focusRow = useCallback(
    (index: number) => {
      if (index < 0 || index >= virtualizer.options.count) return;
      const row = () => scrollRef.current?.querySelector<HTMLElement>(`[aria-rowindex="${index + 1}"]`);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const rendered = row();
      if (rendered) rendered.focus({ preventScroll: true });
      else requestAnimationFrame(() => row()?.focus());
    },
    [virtualizer],
  );

  const language = currentLanguage();
  return (
    /* -1: the row count is not known yet (ARIA), while only a lower bound is. */
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
              <GridRow
                key={item.key}
                index={item.index}
                start={item.start}
                row={row}
                tabbable={Boolean(row) && item.index === activeRow}
                language={language}
                onOpen={openActivity}
                onFocused={setActiveRow}
                focusRow={focusRow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
