// @vitest-environment happy-dom
/**
 * What keeps the activity list cheap to paint and scroll at 100,000 rows: the shell renders once
 * with the state asked at start, and the grid's rows render only when their record, their tab
 * stop or the language changes, while keeping the keyboard and the language working.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivityRow } from '../../shared/domain/activity';

// Province names are looked up by every row that renders: counting them counts row renders.
vi.mock('../../renderer/src/components/options', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/src/components/options')>();
  return { ...original, provinceLabel: vi.fn(original.provinceLabel) };
});

const staffState = { setUp: true, locked: false, encrypted: true, mode: 'mission', user: { role: 'staff' } };

beforeAll(() => {
  window.cauNoi = {
    transport: 'electron',
    async invoke(channel) {
      if (channel === 'app.state') return { ok: true, value: staffState };
      if (channel === 'activity.list') return { ok: true, value: { rows: [], total: null, offset: 0 } };
      if (channel === 'activity.count') return { ok: true, value: { total: 0, exact: true } };
      return { ok: true, value: null };
    },
    onProgress: () => () => {},
  };
  // happy-dom lays nothing out: the list's scroll box is given ten rows' height (44 px each).
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'activity-scroll' ? 440 : 0;
    },
  });
});

const record = (i: number): ActivityRow => ({
  id: `a${i}`,
  title: `Hoạt động ${i}`,
  kind: 'trade-promotion',
  status: 'done',
  startDate: '2026-03-02',
  endDate: null,
  country: 'JP',
  city: 'Osaka',
  provinces: ['01'],
  sectors: [],
  dealValueUsd: 1000 * i,
  updatedAt: '2026-03-02T00:00:00Z',
});

describe('the shell at start', () => {
  it('is not given the state asked at start a second time (the whole shell would render again)', async () => {
    vi.resetModules();
    history.replaceState(null, '', location.pathname);
    const { askEarly, arrivedState } = await import('../../renderer/src/early');
    askEarly();
    await waitFor(() => expect(arrivedState()).toEqual(staffState));
    const { useAppStore } = await import('../../renderer/src/stores/app');
    const started = useAppStore.getState().state;
    expect(started).toEqual(staffState);
    const changes = vi.fn();
    const stop = useAppStore.subscribe(changes);
    await useAppStore.getState().load();
    stop();
    expect(changes).not.toHaveBeenCalled();
    expect(useAppStore.getState().state).toBe(started);
  });
});

describe('the activity grid', () => {
  async function showGrid(rows: number, total: number, totalExact = true) {
    const { setLanguage } = await import('../../renderer/src/i18n');
    setLanguage('vi');
    const { useActivityList } = await import('../../renderer/src/stores/activities');
    const { provinceLabel } = await import('../../renderer/src/components/options');
    const { ActivityGrid } = await import('../../renderer/src/pages/ActivityGrid');
    useActivityList.setState({ rows: new Map(Array.from({ length: rows }, (_, i) => [i, record(i)])), total, totalExact });
    const view = render(createElement(ActivityGrid, { filtered: false }));
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(10));
    return { view, useActivityList, labelled: vi.mocked(provinceLabel), setLanguage };
  }

  it('does not render the rows on screen again when the total or another page of rows arrives', async () => {
    const { view, useActivityList, labelled } = await showGrid(200, 1000, false);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('-1');
    const before = labelled.mock.calls.length;
    expect(before).toBeGreaterThan(10);
    act(() => useActivityList.setState({ total: 100_000, totalExact: true }));
    act(() => useActivityList.setState({ rows: new Map([...useActivityList.getState().rows, [400, record(400)]]) }));
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('100000');
    expect(labelled.mock.calls.length).toBe(before);
    // A record that changed is shown as it is now.
    act(() => useActivityList.setState({ rows: new Map([...useActivityList.getState().rows, [0, { ...record(0), title: 'Đổi tên' }]]) }));
    expect(screen.getByText('Đổi tên')).toBeTruthy();
    expect(labelled.mock.calls.length).toBe(before + 1);
    view.unmount();
  });

  it('labels its rows in the language chosen, also after a switch', async () => {
    const { view, setLanguage } = await showGrid(20, 20);
    const { default: i18next } = await import('../../renderer/src/i18n');
    const kindIn = (language: string) => i18next.getFixedT(language)('enum.activityKind.trade-promotion');
    expect(kindIn('vi')).not.toBe(kindIn('en'));
    const firstRow = () => screen.getAllByRole('row')[1]!;
    expect(firstRow().textContent).toContain(kindIn('vi'));
    act(() => setLanguage('en'));
    await waitFor(() => expect(firstRow().textContent).toContain(kindIn('en')));
    expect(firstRow().textContent).not.toContain(kindIn('vi'));
    act(() => setLanguage('vi'));
    view.unmount();
  });

  it('walks the rows with the arrow keys and opens one with Enter', async () => {
    const { view } = await showGrid(50, 50);
    const { useAppStore } = await import('../../renderer/src/stores/app');
    const row = (n: number) => document.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${n}"]`)!;
    expect(row(1).tabIndex).toBe(0);
    row(1).focus();
    fireEvent.keyDown(row(1), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row(2));
    // The tab stop follows the focus: one per list.
    await waitFor(() => expect(row(2).tabIndex).toBe(0));
    expect(row(1).tabIndex).toBe(-1);
    fireEvent.keyDown(row(2), { key: 'Enter' });
    expect(useAppStore.getState().activityForm).toEqual({ id: 'a1' });
    view.unmount();
  });
});
