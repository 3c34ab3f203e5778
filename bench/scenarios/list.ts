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

type Figure = 'fresh' | 'next' | 'count' | 'pooled';

const FIGURES: Record<Figure, { name: string; title: string; max: number; note?: string }> = {
  fresh: { name: 'list-new-filter', title: 'first page after a filter change', max: 10 },
  next: { name: 'list', title: 'the next page of the same filter', max: 10 },
  count: {
    name: 'list-count',
    title: "the filter's total, asked for once its first page is shown",
    max: 100,
    note: 'target ours: the issue sets none for the total; it shows within the 100 ms a keystroke has',
  },
  pooled: {
    name: 'list-count-pool',
    title: "the filter's total through the read pool (a worker's own connection, as the app asks for it)",
    max: 25,
    note: "target: the issue's 25 ms for totals; raw: the same statements on the main connection",
  },
};

/**
 * Three figures, in the order the list screen asks: the first page of a filter (rows only,
 * as the renderer asks for it), the next page of the same filter, and the filter's total
 * (activity.count). Before each first page something is written, so nothing remembered
 * helps. The raw side replays exactly the statements each call ran.
 */
export const listScenario: Scenario = {
  name: 'list',
  async run(env) {
    const dataset = await env.dataset();
    const app = openApp(dataset.dir);
    // The app's readers, on the same folder: the total as the window gets it.
    const pooled = env.readers ? openApp(dataset.dir, env.readers) : null;
    const inputs = listInputs(dataset.counts.activities);
    // The page after, or the one before where the shape is the last page.
    const nextOf = (input: ActivityListInput): ActivityListInput => {
      const offset = input.offset ?? 0;
      return { ...input, offset: offset + 400 > dataset.counts.activities ? offset - 200 : offset + 200 };
    };
    const calls: Record<Figure, (input: ActivityListInput) => Promise<void>> = {
      fresh: async (input) => {
        const page = await dispatch(app, 'activity.list', { ...input, withTotal: false });
        if (!page.ok) throw new Error(`activity.list failed: ${page.error.code}`);
      },
      next: async (input) => {
        const page = await dispatch(app, 'activity.list', { ...nextOf(input), withTotal: false });
        if (!page.ok) throw new Error(`activity.list failed: ${page.error.code}`);
      },
      count: async (input) => {
        const total = await dispatch(app, 'activity.count', { filter: input.filter });
        if (!total.ok) throw new Error(`activity.count failed: ${total.error.code}`);
      },
      pooled: async (input) => {
        const total = await dispatch(pooled!, 'activity.count', { filter: input.filter });
        if (!total.ok) throw new Error(`activity.count failed: ${total.error.code}`);
      },
    };
    const order: Figure[] = pooled ? ['fresh', 'next', 'count', 'pooled'] : ['fresh', 'next', 'count'];
    let touches = 0;
    // Any write makes remembered totals stale; this one changes no activity.
    const touch = () => app.settings.set('bench.touch', ++touches);
    const raws = inputs.map(() => ({}) as Record<Figure, () => void>);
    for (const [k, input] of inputs.entries()) {
      touch();
      for (const figure of order)
        raws[k]![figure] = figure === 'pooled' ? raws[k]!.count : replayer(app.db, await recordQueries(app.db, () => calls[figure](input)));
    }
    const samples = Object.fromEntries(
      order.map((f) => [f, { ours: [] as number[], raw: [] as number[], perInput: inputs.map(() => [] as number[]) }]),
    ) as Record<Figure, { ours: number[]; raw: number[]; perInput: number[][] }>;
    for (let i = 0; i < env.sizes.latencySamples; i++) {
      const k = i % inputs.length;
      touch();
      for (const figure of order) {
        const ms = await timeMs(() => calls[figure](inputs[k]!));
        samples[figure].ours.push(ms);
        samples[figure].perInput[k]!.push(ms);
      }
      for (const figure of order) samples[figure].raw.push(timeSyncMs(raws[k]![figure]));
    }
    app.close();
    pooled?.close();
    return order.map((figure) => {
      const { name, title, max, note } = FIGURES[figure];
      // Every shape's p95, so a slow one is named.
      const shapes = samples[figure].perInput.map((s, k) => `${JSON.stringify({ ...inputs[k], limit: undefined })} ${p95(s).toFixed(1)} ms`).join('; ');
      return result({
        scenario: 'list',
        name,
        title: `activity.${figure === 'count' || figure === 'pooled' ? 'count' : 'list page of 200'} over ${dataset.counts.activities.toLocaleString('en')} activities, ${inputs.length} filter/sort shapes: ${title}`,
        unit: 'ms',
        ours: { value: p95(samples[figure].ours), stat: 'p95', samples: samples[figure].ours.length },
        raw: { value: p95(samples[figure].raw), stat: 'p95', samples: samples[figure].raw.length },
        target: { of: 'value', max },
        note: [note, `p95 by shape: ${shapes}`].filter(Boolean).join('; '),
      });
    });
  },
};
