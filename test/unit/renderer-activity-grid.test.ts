// @vitest-environment happy-dom
/**
 * What keeps the activity list cheap to paint at 100,000 rows: the shell renders once with the
 * state asked at start.
 */
import { waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';

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
