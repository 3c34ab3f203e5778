/**
 * Every channel of the contract, fed random and half-right inputs (fast-check): each call
 * ends with a result or a typed error (never INTERNAL, never a crash), and a failed call
 * leaves every table exactly as it was.
 * Left out: long calls (files, documents, batches: their own tests cover them) and the
 * security channels that change the key (a random valid passphrase would re-encrypt).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { contract, type ChannelName } from '../../shared/contract';
import { call, openContext, setUpMission } from '../support/context';

const SKIPPED = new Set<string>(['security.lock', 'security.enable', 'security.changePassphrase', 'security.unlock', 'security.rememberKey']);
const channels = (Object.keys(contract) as ChannelName[]).filter((c) => !contract[c].long && !SKIPPED.has(c));

const FIELDS = [
  'id',
  'ids',
  'title',
  'kind',
  'status',
  'format',
  'startDate',
  'endDate',
  'values',
  'filter',
  'text',
  'limit',
  'offset',
  'sort',
  'period',
  'name',
  'file',
  'minutes',
  'mode',
  'mission',
  'user',
  'country',
  'city',
  'sectors',
  'provinces',
  'organisationId',
  'activityId',
  'date',
  'done',
  'dueDate',
  'email',
  'csv',
  'entity',
  'value',
];
const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant('2025-02-30'),
  fc.constant('01a2058c-1f52-7103-b740-64de4b984965'),
  fc.string({ unit: 'grapheme' }),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.constantFrom(...FIELDS), scalar, { maxKeys: 4 }));
const input = fc.oneof(fc.anything({ maxDepth: 2 }), fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }));

let app: AppContext;
let tables: string[];

/** Rows per table: a failed call must not change any of them. */
function fingerprint(): string {
  return tables.map((t) => `${t}:${app.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number}`).join(',');
}

beforeAll(async () => {
  app = await setUpMission(openContext());
  await call(app, 'activity.create', { title: 'Hội chợ Foodex Nhật Bản', kind: 'trade-promotion', startDate: '2025-03-11' });
  tables = app.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%'`)
    .pluck()
    .all() as string[];
});
afterAll(() => app.close());

describe('contract fuzzing', () => {
  it(`answers ${channels.length} channels with a value or a typed error, and writes nothing on error`, { timeout: 120_000 }, async () => {
    const errorsSeen = new Set<string>();
    for (const channel of channels) {
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          const before = fingerprint();
          const result = await dispatch(app, channel, raw);
          if (result.ok) return;
          errorsSeen.add(result.error.code);
          expect(result.error.code, `${channel} ${JSON.stringify(raw)?.slice(0, 200)}: ${result.error.message}`).not.toBe('INTERNAL');
          expect(typeof result.error.message).toBe('string');
          expect(fingerprint(), channel).toBe(before);
        }),
        { numRuns: 25, seed: 20251122 },
      );
    }
    expect(errorsSeen.has('VALIDATION')).toBe(true);
  });

  it('writes a nearly valid record completely or not at all', { timeout: 60_000 }, async () => {
    const base = {
      title: 'Đoàn doanh nghiệp Đà Nẵng thăm Osaka',
      kind: 'trade-promotion' as const,
      startDate: '2025-04-02',
      sectors: ['energy'],
      provinces: ['da-nang'],
    };
    const existing = await call(app, 'activity.create', base);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(base), 'endDate', 'dealValueUsd', 'businessesSupported', 'status', 'format', 'country', 'outcomes'),
        value,
        fc.boolean(),
        async (field, v, update) => {
          const values = { ...base, [field]: v };
          const before = fingerprint();
          const result = update ? await dispatch(app, 'activity.update', { id: existing.id, values }) : await dispatch(app, 'activity.create', values);
          if (result.ok) return;
          expect(result.error.code).toBe('VALIDATION');
          expect(fingerprint()).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses unknown channels and non-object inputs without touching anything', async () => {
    const before = fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.anything(), async (channel, raw) => {
        const result = await dispatch(app, channel, raw);
        if (!Object.hasOwn(contract, channel)) expect(result.ok ? 'ok' : result.error.code).toBe('UNKNOWN_CHANNEL');
      }),
      { numRuns: 200 },
    );
    expect(fingerprint()).toBe(before);
  });
});
