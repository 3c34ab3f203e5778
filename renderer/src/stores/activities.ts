/**
 * The activity list: filter, sort, and a sparse cache of rows fetched page by page as
 * the virtualised table scrolls, so 100,000 activities never travel at once.
 */
import { create } from 'zustand';
import { COUNT_AT_ONCE, type ActivityFilter, type ActivityRow } from '../../../shared/domain/activity';
import { api, onDataChanged } from '../api/client';

export const PAGE_SIZE = 200;

export type SortKey = 'startDate' | 'title' | 'kind' | 'status' | 'dealValueUsd' | 'updatedAt';
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

interface ActivityListStore {
  filter: ActivityFilter;
  sort: Sort;
  /** null until counted: the first page of a filter shows before its total. */
  total: number | null;
  /** false while total is only a lower bound (counting stopped at COUNT_AT_ONCE; the exact one is on its way). */
  totalExact: boolean;
  rows: Map<number, ActivityRow>;
  /** Bumped on every reset so late answers for an old query are dropped. */
  generation: number;
  loadingPages: Set<number>;
  error: unknown;
  /** Records changed while no page showed the list: it is read again when one does. */
  stale: boolean;
  /** How many pages show the list now (a write reads it again at once only then). */
  shown: number;
  /** A page shows the list: read it if it was never read or is stale; returns the page's goodbye. */
  show(): () => void;
  setFilter(patch: Partial<ActivityFilter>): void;
  replaceFilter(filter: ActivityFilter): void;
  setSort(key: SortKey): void;
  reload(): void;
  ensureRange(first: number, last: number): void;
}

export const useActivityList = create<ActivityListStore>((set, get) => {
  async function fetchPage(page: number) {
    const { generation, filter, sort, loadingPages } = get();
    if (loadingPages.has(page)) return;
    loadingPages.add(page);
    try {
      // Rows first; the total of a new filter follows from activity.count (it can cost more than the page).
      const result = await api('activity.list', { filter, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE, withTotal: false });
      if (get().generation !== generation) return;
      const rows = new Map(get().rows);
      result.rows.forEach((row, i) => rows.set(result.offset + i, row));
      set({ rows, error: null, ...(result.total === null ? {} : { total: result.total, totalExact: true }) });
      if (get().total === null) void fetchTotal(generation, filter);
    } catch (error) {
      if (get().generation === generation) set({ error });
    } finally {
      loadingPages.delete(page);
    }
  }

  async function fetchTotal(generation: number, filter: ActivityFilter) {
    try {
      const bound = await api('activity.count', { filter, upTo: COUNT_AT_ONCE });
      if (get().generation !== generation) return;
      set({ total: bound.total, totalExact: bound.exact });
      if (bound.exact) return;
      const { total } = await api('activity.count', { filter });
      if (get().generation === generation) set({ total, totalExact: true });
    } catch (error) {
      if (get().generation === generation) set({ error });
    }
  }

  function reset(patch: Partial<ActivityListStore>) {
    set({ ...patch, total: null, totalExact: true, rows: new Map(), generation: get().generation + 1, loadingPages: new Set(), stale: false });
    void fetchPage(0);
  }

  return {
    filter: {},
    sort: { key: 'startDate', direction: 'desc' },
    total: null,
    totalExact: true,
    rows: new Map(),
    generation: 0,
    loadingPages: new Set(),
    error: null,
    stale: false,
    shown: 0,
    show() {
      set({ shown: get().shown + 1 });
      if (get().generation === 0 || get().stale) reset({});
      return () => set({ shown: get().shown - 1 });
    },
    setFilter(patch) {
      reset({ filter: { ...get().filter, ...patch } });
    },
    replaceFilter(filter) {
      reset({ filter });
    },
    setSort(key) {
      const current = get().sort;
      const direction = current.key === key && current.direction === 'desc' ? 'asc' : 'desc';
      reset({ sort: { key, direction } });
    },
    reload() {
      reset({});
    },
    ensureRange(first, last) {
      const { rows } = get();
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!rows.has(page * PAGE_SIZE)) void fetchPage(page);
      }
    },
  };
});

// After any write (a save, a restore, an import) the list is read again, never the rows from before:
// at once when it is on screen, else when it is next shown.
onDataChanged(() => {
  const list = useActivityList.getState();
  if (list.shown > 0) list.reload();
  else useActivityList.setState({ stale: true });
});
