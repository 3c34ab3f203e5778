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

/**
 * Two figures: pages while scrolling or paging a filter (its total is remembered), and the
 * first page after anything changed (the total counted again). The raw side replays
 * exactly the statements each call ran.
 */
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
    let touches = 0;
    // Any write makes remembered totals stale; this one changes no activity.
    const touch = () => app.settings.set('bench.touch', ++touches);
    const raws = { fresh: [] as (() => void)[], paging: [] as (() => void)[] };
    for (const input of inputs) {
      touch();
      raws.fresh.push(replayer(app.db, await recordQueries(app.db, () => list(input))));
      raws.paging.push(replayer(app.db, await recordQueries(app.db, () => list(input))));
    }
    const samples = { fresh: { ours: [] as number[], raw: [] as number[] }, paging: { ours: [] as number[], raw: [] as number[] } };
    const perInput = { fresh: inputs.map(() => [] as number[]), paging: inputs.map(() => [] as number[]) };
    for (let i = 0; i < env.sizes.latencySamples; i++) {
      const k = i % inputs.length;
      touch();
      const fresh = await timeMs(() => list(inputs[k]!));
      samples.fresh.ours.push(fresh);
      perInput.fresh[k]!.push(fresh);
      const paging = await timeMs(() => list(inputs[k]!));
      samples.paging.ours.push(paging);
      perInput.paging[k]!.push(paging);
      samples.paging.raw.push(timeSyncMs(raws.paging[k]!));
      samples.fresh.raw.push(timeSyncMs(raws.fresh[k]!));
    }
    app.close();
    // Which shapes are over the target, and by how much.
    const over = (name: 'paging' | 'fresh') =>
      perInput[name]
        .map((s, k) => ({ shape: JSON.stringify({ ...inputs[k], limit: undefined }), ms: p95(s) }))
        .filter((s) => s.ms > 10)
        .map((s) => `${s.shape} ${s.ms.toFixed(1)} ms`)
        .join('; ') || 'none';
    const of = (name: 'paging' | 'fresh', title: string) =>
      result({
        scenario: 'list',
        name: name === 'paging' ? 'list' : 'list-new-filter',
        title: `activity.list page of 200 of ${dataset.counts.activities.toLocaleString('en')}, ${inputs.length} filter/sort shapes: ${title}`,
        unit: 'ms',
        ours: { value: p95(samples[name].ours), stat: 'p95', samples: samples[name].ours.length },
        raw: { value: p95(samples[name].raw), stat: 'p95', samples: samples[name].raw.length },
        target: { of: 'value', max: 10 },
        note: `shapes with p95 over 10 ms: ${over(name)}`,
      });
    return [
      of('paging', 'next pages of a filter (total remembered)'),
      of('fresh', 'first page after a change (total counted)'),
    ];
  },
};
