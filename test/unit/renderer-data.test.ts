// @vitest-environment happy-dom
/**
 * The renderer's data layer, router and formats in a DOM: reads are cached queries that every
 * write marks stale, locking forgets them, the address keeps the page and its lasting
 * parameters, numbers follow the reader's language.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

interface Call {
  channel: string;
  input: unknown;
}
const calls: Call[] = [];
let activities = [{ id: 'a1' }];
// What app.state answers: a staff member's set-up device, unless a test says otherwise.
const staffState = { setUp: true, locked: false, encrypted: true, mode: 'mission', user: { role: 'staff' } };
let appState: Record<string, unknown> = staffState;

// The preload bridge as Electron would give it; the client picks it up when first imported.
beforeAll(() => {
  window.cauNoi = {
    transport: 'electron',
    async invoke(channel, input) {
      calls.push({ channel, input });
      if (channel === 'activity.create') {
        activities = [...activities, { id: `a${activities.length + 1}` }];
        return { ok: true, value: activities[activities.length - 1] };
      }
      if (channel === 'activity.list') return { ok: true, value: { rows: activities, total: activities.length, offset: 0 } };
      if (channel === 'app.state') return { ok: true, value: appState };
      return { ok: true, value: null };
    },
    onProgress: () => () => {},
  };
});

afterEach(() => {
  calls.length = 0;
});

const load = async () => {
  const client = await import('../../renderer/src/api/client');
  const query = await import('../../renderer/src/api/query');
  const { QueryClientProvider } = await import('@tanstack/react-query');
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: query.queryClient }, children);
  return { ...client, ...query, wrapper };
};

describe('what counts as a write', () => {
  it.each([
    ['activity.list', {}, true],
    ['activity.get', {}, true],
    ['figures.compute', {}, true],
    ['draft.save', {}, true],
    ['exchange.import', { dryRun: true }, true],
    ['exchange.import', { dryRun: false }, false],
    ['activity.create', {}, false],
    ['backup.restore', {}, false],
    ['organisation.merge', {}, false],
    ['hq.register.add', {}, false],
    // Read by the Exchange page's queries: a write verb there would read everything again, forever.
    ['exchange.outbox', {}, true],
    ['enrol.invitations', {}, true],
    ['exchange.ackImport', {}, false],
    ['enrol.acceptHandover', {}, false],
    ['enrol.rotateKey', {}, false],
  ] as const)('%s %j is read-only: %s', async (channel, input, readOnly) => {
    const { isReadOnly } = await load();
    expect(isReadOnly(channel, input)).toBe(readOnly);
  });
});

describe('queries', () => {
  it('reads once for two views of the same data, and again after a write', async () => {
    const { api, useChannel, wrapper, queryClient } = await load();
    queryClient.clear();
    const input = { filter: {}, offset: 0, limit: 50 };
    const first = renderHook(() => useChannel('activity.list', input), { wrapper });
    const second = renderHook(() => useChannel('activity.list', input), { wrapper });
    await waitFor(() => expect(first.result.current.data?.total).toBe(1));
    expect(second.result.current.data?.total).toBe(1);
    expect(calls.filter((c) => c.channel === 'activity.list')).toHaveLength(1);

    await act(() => api('activity.create', { title: 'x' } as never));
    await waitFor(() => expect(first.result.current.data?.total).toBe(2));
    expect(second.result.current.data?.total).toBe(2);
    expect(calls.filter((c) => c.channel === 'activity.list')).toHaveLength(2);
  });

  it('a read-only call does not read the lists again', async () => {
    const { api, useChannel, wrapper, queryClient } = await load();
    queryClient.clear();
    const view = renderHook(() => useChannel('activity.list', { filter: {}, offset: 0, limit: 50 }), { wrapper });
    await waitFor(() => expect(view.result.current.data).toBeTruthy());
    await act(() => api('draft.save', { key: 'k', value: {} } as never));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.filter((c) => c.channel === 'activity.list')).toHaveLength(1);
  });

  it('locking forgets every answer', async () => {
    const { useChannel, wrapper, queryClient, forgetAllData } = await load();
    queryClient.clear();
    const view = renderHook(() => useChannel('activity.list', { filter: {}, offset: 0, limit: 50 }), { wrapper });
    await waitFor(() => expect(view.result.current.data).toBeTruthy());
    view.unmount();
    forgetAllData();
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });
});

describe('the address', () => {
  it('keeps the page and its lasting parameters, drops one-off ones and what does not parse', async () => {
    const { addressOf, plainRoute, routeFromAddress } = await import('../../renderer/src/router');
    // Only an address with lasting parameters needs their schemas (loaded then).
    expect(plainRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(plainRoute('#/activities?open=a1')).toEqual({ page: 'activities' });
    expect(plainRoute(addressOf({ page: 'activities', params: { filter: { text: 'x' } } }))).toBeNull();
    const filter = { kinds: ['trade-promotion'], text: 'đà nẵng' };
    expect(await routeFromAddress(addressOf({ page: 'activities', params: { filter, open: 'a1' } }))).toEqual({ page: 'activities', params: { filter } });
    expect(await routeFromAddress(addressOf({ page: 'dashboard', params: { period: '2025S1' } }))).toEqual({ page: 'dashboard', params: { period: '2025S1' } });
    expect(await routeFromAddress('#/dashboard?period=%22not-a-period%22')).toEqual({ page: 'dashboard' });
    // HQ's Exchange page keeps the one period of its figures and report card.
    expect(await routeFromAddress(addressOf({ page: 'exchange', params: { period: '2026S1' } }))).toEqual({ page: 'exchange', params: { period: '2026S1' } });
    expect(await routeFromAddress('#/activities?filter=%7Bbroken')).toEqual({ page: 'activities' });
  });

  it('navigating pushes a history step; a filter change replaces the address; back follows it', async () => {
    const { useAppStore } = await import('../../renderer/src/stores/app');
    const store = useAppStore.getState();
    const steps = history.length;
    await store.navigate('agreements');
    expect(location.hash).toBe('#/agreements');
    expect(history.length).toBe(steps + 1);
    store.keepParams('dashboard', { period: '2024S2' });
    expect(location.hash).toBe(`#/dashboard?period=${encodeURIComponent('"2024S2"')}`);
    expect(history.length).toBe(steps + 1);
    history.replaceState(null, '', '#/contacts');
    await store.followAddress();
    expect(useAppStore.getState().route).toEqual({ page: 'contacts' });
  });

  it('a page with unsaved work can keep the person on it', async () => {
    const { useAppStore } = await import('../../renderer/src/stores/app');
    await useAppStore.getState().navigate('reports');
    useAppStore.getState().setLeaveGuard(async () => false);
    await useAppStore.getState().navigate('activities');
    expect(useAppStore.getState().route.page).toBe('reports');
    useAppStore.getState().setLeaveGuard(null);
  });
});

describe('the first calls', () => {
  const listCalls = () => calls.filter((c) => c.channel === 'activity.list');

  it('landing on the list, it is read with the state and not asked again when shown', async () => {
    const { askEarly, takeEarlyState } = await import('../../renderer/src/early');
    const { useActivityList } = await import('../../renderer/src/stores/activities');
    appState = staffState;
    history.replaceState(null, '', location.pathname);
    askEarly();
    await waitFor(() => expect(useActivityList.getState().rows.get(0)).toEqual(activities[0]));
    expect(await takeEarlyState()).toEqual(staffState);
    const goodbye = useActivityList.getState().show();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((c) => c.channel)).toEqual(['app.state', 'activity.list']);
    goodbye();
  });

  it('a write before the list is shown makes it read again', async () => {
    const { api } = await load();
    const { askEarly, takeEarlyState } = await import('../../renderer/src/early');
    const { useActivityList } = await import('../../renderer/src/stores/activities');
    history.replaceState(null, '', location.pathname);
    askEarly();
    await waitFor(() => expect(listCalls()).toHaveLength(1));
    await takeEarlyState();
    await api('activity.create', { title: 'x' } as never);
    const goodbye = useActivityList.getState().show();
    await waitFor(() => expect(useActivityList.getState().rows.size).toBe(activities.length));
    expect(listCalls()).toHaveLength(2);
    goodbye();
  });

  it.each([
    ['a head, who lands on the dashboard', '', { ...staffState, user: { role: 'head' } }],
    ['an address naming another page', '#/dashboard', staffState],
    ['a filter in the address (read through the router first)', '#/activities?filter=%7B%7D', staffState],
    ['a locked device', '', { ...staffState, locked: true }],
    ['a device not set up', '', { ...staffState, setUp: false }],
  ])('no page is asked early for %s', async (_, hash, state) => {
    const { askEarly, takeEarlyState } = await import('../../renderer/src/early');
    appState = state;
    history.replaceState(null, '', hash || location.pathname);
    askEarly();
    await takeEarlyState();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((c) => c.channel)).toEqual(['app.state']);
    appState = staffState;
  });
});

describe('numbers in the reader’s language', () => {
  it('groups with dots in Vietnamese and commas in English', async () => {
    const { setLanguage } = await import('../../renderer/src/i18n');
    const { formatUsd, formatDecimal } = await import('../../renderer/src/format');
    setLanguage('vi');
    expect(formatUsd(3478000)).toBe('3.478.000 USD');
    expect(formatDecimal(12.25)).toMatch(/^12,[23]$/);
    setLanguage('en');
    expect(formatUsd(3478000)).toBe('3,478,000 USD');
    expect(formatDecimal(1234.5)).toBe('1,234.5');
    setLanguage('vi');
  });

  it('whole numbers are grouped by hand exactly as Intl groups them, rounding included', async () => {
    const { setLanguage } = await import('../../renderer/src/i18n');
    const { formatNumber, formatUsd } = await import('../../renderer/src/format');
    const values = [0, -0, -0.4, 0.5, 1.5, 2.5, -2.5, 7, 999, 1000, -1234.5, 99999.5, 1234567.49, 1234567.5, 12345678901, 2 ** 53 + 2, Infinity, NaN];
    for (let i = 1; i < 40; i++) values.push(Math.round((i * 7919.37) ** 1.7) / (i % 3 ? 1 : 100));
    for (const [language, locale] of [
      ['vi', 'vi-VN'],
      ['en', 'en-GB'],
    ] as const) {
      setLanguage(language);
      const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
      for (const value of values) {
        expect(formatNumber(value), `${language} ${value}`).toBe(intl.format(value));
        expect(formatUsd(value)).toBe(`${intl.format(value)} USD`);
      }
    }
    setLanguage('vi');
  });
});

describe('chart axes', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [40, [0, 10, 20, 30, 40]],
    [41, [0, 20, 40, 60]],
    [1234, [0, 500, 1000, 1500]],
  ])('max %d gets the ticks %j', async (max, ticks) => {
    const { axisTicks } = await import('../../renderer/src/components/chart');
    expect(axisTicks(max)).toEqual(ticks);
  });
});
