/** A page of 200 activities with the filters and sorts the list screen offers. */
import { dispatch } from '../../electron/ipc/dispatch';
import type { ActivityListInput } from '../../shared/domain/activity';
import { PROVINCES, SECTORS } from '../../shared/reference';
import { openApp } from '../data';
import { result, type Scenario } from '../harness';
import { recordQueries, replayer } from '../replay';
import { p95, timeMs, timeSyncMs } from '../stats';

function listInputs(activities: number): ActivityListInput[] {
  const page = { limit: 200 };
  return [
    { ...page },
    { ...page, filter: { period: '2025S1', kinds: ['trade-promotion', 'investment-promotion'] } },
    { ...page, filter: { statuses: ['done'], province: PROVINCES[4]!.id }, sort: { key: 'title', direction: 'asc' } },
    { ...page, filter: { sector: SECTORS[2]!.id }, sort: { key: 'dealValueUsd', direction: 'desc' } },
    { ...page, filter: { period: '2025', text: 'xuc tien' } },
    { ...page, filter: { period: '2026S1', supportsLocalities: true } },
    { ...page, sort: { key: 'updatedAt', direction: 'desc' } },
    { ...page, filter: { kinds: ['tourism-promotion'] }, sort: { key: 'status', direction: 'asc' } },
    // Scrolled half-way down the whole list (the virtual list fetches pages by offset).
    { ...page, offset: Math.floor(activities / 2) },
    { ...page, offset: Math.max(0, activities - 200), sort: { key: 'startDate', direction: 'asc' } },
  ];
}

export const listScenario: Scenario = {
  name: 'list',
  async run(env) {
    const dataset = await env.dataset();
    const app = openApp(dataset.dir);
    const inputs = listInputs(dataset.counts.activities);
    const list = async (input: ActivityListInput) => {
      const page = await dispatch(app, 'activity.list', input);
      if (!page.ok) throw new Error(`activity.list failed: ${page.error.code}`);
    };
    const raws = [];
    for (const input of inputs) raws.push(replayer(app.db, await recordQueries(app.db, () => list(input))));
    const ours: number[] = [];
    const raw: number[] = [];
    const perInput = inputs.map(() => [] as number[]);
    for (let i = 0; i < env.sizes.latencySamples; i++) {
      const k = i % inputs.length;
      const ms = await timeMs(() => list(inputs[k]!));
      ours.push(ms);
      perInput[k]!.push(ms);
      raw.push(timeSyncMs(raws[k]!));
    }
    app.close();
    const slowest = perInput.map((s, k) => ({ k, ms: p95(s) })).sort((a, b) => b.ms - a.ms)[0]!;
    return [
      result({
        scenario: 'list',
        name: 'list',
        title: `activity.list page of 200 of ${dataset.counts.activities.toLocaleString('en')} (${inputs.length} filter/sort shapes)`,
        unit: 'ms',
        ours: { value: p95(ours), stat: 'p95', samples: ours.length },
        raw: { value: p95(raw), stat: 'p95', samples: raw.length },
        target: { of: 'value', max: 10 },
        note: `slowest shape: ${JSON.stringify(inputs[slowest.k])} p95 ${slowest.ms.toFixed(1)} ms`,
      }),
    ];
  },
};
