/** The half-year figures (electron/services/figures.ts) over the whole dataset. */
import { dispatch } from '../../electron/ipc/dispatch';
import { openApp } from '../data';
import { medianOf, result, type Scenario } from '../harness';
import { recordQueries, replayer } from '../replay';
import { timeMs, timeSyncMs } from '../stats';

/** The half-year the demo data covers in full (it spans the two years to 22/11/2026). */
export const FIGURES_PERIOD = '2025S1';
/** Issue 17: the half-year figures over 100,000 activities. */
const FIGURES_MAX_MS = 60;

export const figuresScenario: Scenario = {
  name: 'figures',
  async run(env) {
    const dataset = await env.dataset();
    const app = openApp(dataset.dir, dataset.key);
    const compute = async () => {
      const figures = await dispatch(app, 'figures.compute', { period: FIGURES_PERIOD, missionId: dataset.missionId, asOf: '2026-11-22' });
      if (!figures.ok) throw new Error(`figures.compute failed: ${figures.error.code}`);
    };
    const raw = replayer(app.db, await recordQueries(app.db, compute));
    // The app's readers on the same folder: the figures as the window gets them.
    const pooled = env.readers ? openApp(dataset.dir, dataset.key, env.readers) : null;
    const computePooled = async () => {
      const figures = await dispatch(pooled!, 'figures.compute', { period: FIGURES_PERIOD, missionId: dataset.missionId, asOf: '2026-11-22' });
      if (!figures.ok) throw new Error(`figures.compute failed: ${figures.error.code}`);
    };
    if (pooled) await computePooled();
    const ours: number[] = [];
    const inPool: number[] = [];
    const raws: number[] = [];
    for (let run = 0; run < Math.max(env.sizes.runs, 5); run++) {
      ours.push(await timeMs(compute));
      if (pooled) inPool.push(await timeMs(computePooled));
      raws.push(timeSyncMs(raw));
    }
    app.close();
    pooled?.close();
    const poolResult = result({
      scenario: 'figures',
      name: 'figures-pool',
      title: `figures.compute ${FIGURES_PERIOD} through the read pool (a worker's own connection, as the app asks for it); raw: the same statements on the main connection`,
      unit: 'ms',
      ours: medianOf(inPool),
      raw: medianOf(raws),
      target: { of: 'value', max: FIGURES_MAX_MS },
    });
    return [
      ...(pooled ? [poolResult] : []),
      result({
        scenario: 'figures',
        name: 'figures',
        title: `figures.compute ${FIGURES_PERIOD} (with the same half a year earlier) over ${dataset.counts.activities.toLocaleString('en')} activities`,
        unit: 'ms',
        ours: medianOf(ours),
        raw: medianOf(raws),
        target: { of: 'value', max: FIGURES_MAX_MS },
        note: "target: issue 17's half-year figures at 100,000 activities",
      }),
    ];
  },
};
