/** Diacritic-free search, top 50 over every kind of record, as typed in the search box. */
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { openApp } from '../data';
import { result, type Scenario } from '../harness';
import { recordQueries, replayer } from '../replay';
import { p95, timeMs, timeSyncMs } from '../stats';

/** What people type: words without diacritics, half-typed words, place and partner names. */
export const SEARCH_TEXTS = [
  'xuc tien',
  'hoi cho',
  'dau tu ban dan',
  'da nang',
  'ha noi',
  'du lich',
  'nong san',
  'hai quan',
  'startup',
  'nguyen',
  'tokyo',
  'osaka',
  'chuyen doi so',
  'thuy san',
  'aeon',
  'jetro',
  'khanh hoa',
  'ky ket',
  'nang luong',
  'mitsubishi',
  'tanaka',
  'xu',
  'xuc t',
  'ban d',
  'bien ban ghi nho',
  'quang nam',
];

/** `samples` searches cycling through SEARCH_TEXTS, and the same statements replayed raw. */
export async function searchSamples(app: AppContext, samples: number): Promise<{ ours: number[]; raw: number[] }> {
  const search = async (text: string) => {
    const found = await dispatch(app, 'search.query', { text, limit: 50 });
    if (!found.ok) throw new Error(`search.query failed: ${found.error.code}`);
  };
  const raws = new Map<string, () => void>();
  for (const text of SEARCH_TEXTS) raws.set(text, replayer(app.db, await recordQueries(app.db, () => search(text))));
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < samples; i++) {
    const text = SEARCH_TEXTS[i % SEARCH_TEXTS.length]!;
    ours.push(await timeMs(() => search(text)));
    raw.push(timeSyncMs(raws.get(text)!));
  }
  return { ours, raw };
}

export const searchScenario: Scenario = {
  name: 'search',
  async run(env) {
    const dataset = await env.dataset();
    const app = openApp(dataset.dir, dataset.key);
    const { ours, raw } = await searchSamples(app, env.sizes.latencySamples);
    app.close();
    const total = Object.values(dataset.counts).reduce((s, n) => s + n, 0);
    return [
      result({
        scenario: 'search',
        name: 'search',
        title: `search.query top 50 over ${total.toLocaleString('en')} records (${SEARCH_TEXTS.length} texts)`,
        unit: 'ms',
        ours: { value: p95(ours), stat: 'p95', samples: ours.length },
        raw: { value: p95(raw), stat: 'p95', samples: raw.length },
        target: { of: 'value', max: 5 },
      }),
    ];
  },
};
