// @vitest-environment happy-dom
/**
 * The activity list's total: counted at once up to COUNT_AT_ONCE, shown as "≥ N" while the
 * exact total is counted, then the exact one (renderer/src/stores/activities.ts, ListHead).
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNT_AT_ONCE } from '../../shared/domain/activity';

interface Call {
  channel: string;
  input: { upTo?: number };
}
const calls: Call[] = [];
let exactTotal: (value: { total: number; exact: boolean }) => void = () => {};

beforeAll(() => {
  window.cauNoi = {
    transport: 'electron',
    async invoke(channel, input) {
      calls.push({ channel, input: input as Call['input'] });
      if (channel === 'activity.list') return { ok: true, value: { rows: Array.from({ length: 200 }, (_, i) => ({ id: `a${i}` })), total: null, offset: 0 } };
      if (channel === 'activity.count') {
        if ((input as Call['input']).upTo) return { ok: true, value: { total: (input as Call['input']).upTo, exact: false } };
        return { ok: true, value: await new Promise((resolve) => (exactTotal = resolve)) };
      }
      return { ok: true, value: null };
    },
    onProgress: () => () => {},
  };
});

describe('the activity list total', () => {
  it('shows "≥ N" at once, then the exact total', async () => {
    const { setLanguage } = await import('../../renderer/src/i18n');
    setLanguage('vi');
    const { useActivityList } = await import('../../renderer/src/stores/activities');
    const { ListHead } = await import('../../renderer/src/components/ListHead');
    const Head = () => {
      const { total, totalExact } = useActivityList();
      return createElement(ListHead, {
        title: 'Hoạt động',
        count: { key: totalExact ? 'activity.count' : 'activityTotal.atLeast', total },
        newLabel: 'Mới',
        onNew: () => {},
      });
    };
    render(createElement(Head));
    act(() => void useActivityList.getState().show());
    await waitFor(() => expect(screen.getByText('≥ 1.000 hoạt động, đang đếm…')).toBeTruthy());
    expect(useActivityList.getState()).toMatchObject({ total: COUNT_AT_ONCE, totalExact: false });
    // The bound first, then the exact count without upTo.
    expect(calls.filter((c) => c.channel === 'activity.count').map((c) => c.input.upTo)).toEqual([COUNT_AT_ONCE, undefined]);
    act(() => exactTotal({ total: 43210, exact: true }));
    await waitFor(() => expect(screen.getByText('43.210 hoạt động')).toBeTruthy());
    expect(useActivityList.getState()).toMatchObject({ total: 43210, totalExact: true });
  });
});
