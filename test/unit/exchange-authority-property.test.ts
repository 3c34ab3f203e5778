/**
 * Property: whatever honest devices of two missions do and send, and whatever a hostile device
 * (a trusted laptop of one mission, stolen) sends to HQ about the other mission's or HQ's
 * records, HQ never applies a change outside its sender's authority, and the honest devices'
 * records converge at HQ. And whatever values a trusted device sends, none reaches the store
 * that the app's own form would refuse.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { ACTIVITY_FIELD_NAMES, ActivityFields } from '../../shared/domain/activity';
import { chainPath } from '../../electron/services/exchange/chain';
import { call } from '../support/context';
import { activity, deviceOpener, receive, rewound, writeBatch } from '../support/exchange';

const open = deviceOpener();

type Honest = 0 | 1 | 2; // the embassy's staff laptop, its head, the consulate's head
type Op =
  | { kind: 'create'; dev: Honest; title: string }
  | { kind: 'update'; dev: Honest; pick: number; title: string; value: number }
  | { kind: 'delete'; dev: Honest; pick: number }
  | { kind: 'send'; route: 0 | 1 | 2 }
  | { kind: 'hostile'; target: 'embassy' | 'hq'; erase: boolean; pick: number; forgeAuthor: boolean };

const title = fc.constantFrom('Hội chợ', 'Tọa đàm', 'Đoàn doanh nghiệp', 'Roadshow', 'Gặp gỡ');
const dev = fc.constantFrom<Honest>(0, 1, 2);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), dev, title }),
  fc.record({ kind: fc.constant('update' as const), dev, pick: fc.nat(20), title, value: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('delete' as const), dev, pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('send' as const), route: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }),
  fc.record({
    kind: fc.constant('hostile' as const),
    target: fc.constantFrom('embassy' as const, 'hq' as const),
    erase: fc.boolean(),
    pick: fc.nat(20),
    forgeAuthor: fc.boolean(),
  }),
);

/** The records a person sees of one mission at a device. */
function records(app: AppContext, missionCode: string) {
  return app.db
    .prepare(
      `SELECT a.id, a.title, a.kind, a.status, a.start_date, a.city, a.deal_value_usd, a.deleted_at IS NOT NULL AS deleted
       FROM activities a JOIN missions m ON m.id = a.mission_id WHERE m.code = ? ORDER BY a.id`,
    )
    .all(missionCode);
}

describe('exchange authority (property)', () => {
  it('HQ never applies a change outside its sender’s authority, and honest devices converge there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
        const honest = [
          await open('Trần Văn An'),
          await open('Nguyễn Thu Hà', { role: 'head' }),
          await open('Lê Minh', { role: 'head', code: 'DSQ-FR' }),
        ] as const;
        const hostile = await open('Kẻ gian', { role: 'head', code: 'DSQ-FR' });
        const [staff, embassy, consulate] = honest;
        const hqOwn = await call(hq, 'activity.create', activity('Hội nghị Ngoại giao kinh tế'));
        const routes: [AppContext, AppContext][] = [
          [staff, embassy],
          [embassy, hq],
          [consulate, hq],
        ];
        const state = () => [hq.db.prepare(`SELECT * FROM activities ORDER BY id`).all(), hq.db.prepare(`SELECT count(*) FROM changes`).pluck().get()];

        for (const o of ops) {
          if (o.kind === 'send') {
            const [from, to] = routes[o.route]!;
            expect((await receive(to, await writeBatch(from, to)))[0]!.status).toBe('applied');
            continue;
          }
          if (o.kind === 'hostile') {
            const targets = hq.db
              .prepare(`SELECT a.id FROM activities a JOIN missions m ON m.id = a.mission_id WHERE m.code = ? ORDER BY a.id`)
              .pluck()
              .all(o.target === 'hq' ? 'BNG' : 'DSQ-JP') as string[];
            if (targets.length === 0) continue;
            const id = targets[o.pick % targets.length]!;
            const before = state();
            hostile.writer.write((ctx) => ctx.recordChanges('activity', id, o.erase ? { _deleted: ctx.now } : { dealValueUsd: 999_000_000 }));
            // A line passed off as the embassy head's own (the hostile cannot sign it as that head).
            if (o.forgeAuthor) {
              hostile.db
                .prepare(`UPDATE changes SET device_id = ?, hlc = substr(hlc, 1, 19) || ? WHERE seq = (SELECT max(seq) FROM changes)`)
                .run(embassy.deviceId, embassy.deviceId);
            }
            const [report] = await receive(hq, await writeBatch(hostile, hq));
            expect(report!.status).toBe('refused');
            expect(['BATCH_NOT_AUTHORISED', 'BATCH_AUTHOR_UNVERIFIED']).toContain(report!.error!.code);
            expect(state()).toEqual(before);
            // The stolen laptop tries again from the same place in its chain next time.
            hostile.db.prepare(`DELETE FROM changes WHERE record_id = ?`).run(id);
            hostile.db.prepare(`UPDATE receivers SET stream = NULL, last_change_seq = 0, last_batch_seq = 0, last_batch_sha256 = NULL`).run();
            hostile.db.prepare(`DELETE FROM batches_sent`).run();
            fs.rmSync(chainPath(hostile), { force: true });
            continue;
          }
          const me = honest[o.dev];
          const mine = me.db.prepare(`SELECT id FROM activities WHERE deleted_at IS NULL ORDER BY id`).pluck().all() as string[];
          if (o.kind === 'create') await call(me, 'activity.create', activity(o.title));
          else if (o.kind === 'update' && mine.length) {
            await call(me, 'activity.update', { id: mine[o.pick % mine.length]!, values: activity(o.title, { city: o.title, dealValueUsd: o.value }) });
          } else if (o.kind === 'delete' && mine.length) await call(me, 'activity.delete', { id: mine[o.pick % mine.length]! });
        }
        for (const [from, to] of routes) expect((await receive(to, await writeBatch(from, to)))[0]!.status).toBe('applied');

        // Converged: each mission's records at HQ are its head's.
        expect(records(hq, 'DSQ-JP')).toEqual(records(embassy, 'DSQ-JP'));
        expect(records(hq, 'DSQ-FR')).toEqual(records(consulate, 'DSQ-FR'));
        expect(hq.activities.get(hqOwn.id)).toMatchObject({ title: hqOwn.title, dealValueUsd: null, deletedAt: null });
        // Authority, over HQ's whole log: every change of a record is by a device of the record's mission.
        const missionOf = new Map([
          [staff.deviceId, 'DSQ-JP'],
          [embassy.deviceId, 'DSQ-JP'],
          [consulate.deviceId, 'DSQ-FR'],
          [hq.deviceId, 'BNG'],
        ]);
        const log = hq.db
          .prepare(
            `SELECT c.device_id, m.code FROM changes c JOIN activities a ON a.id = c.record_id JOIN missions m ON m.id = a.mission_id WHERE c.entity = 'activity'`,
          )
          .all() as { device_id: string; code: string }[];
        for (const row of log) expect(missionOf.get(row.device_id)).toBe(row.code);
        expect(hq.db.prepare(`SELECT count(*) FROM changes WHERE device_id = ?`).pluck().get(hostile.deviceId)).toBe(0);
        open.closeAll();
      }),
      { seed: 20251202, numRuns: 10 },
    );
  }, 120_000);

  it('a trusted device’s random values never reach the store unless the form accepts them', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await receive(head, await writeBatch(staff, head)))[0]!.status).toBe('applied');
    const field = fc.constantFrom<string>(...ACTIVITY_FIELD_NAMES, '_deleted', 'evilField');
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom<unknown>(
        '',
        '   ',
        'x'.repeat(301),
        'not a date',
        '2025-02-30',
        '2025-04-01',
        '2025-01-01',
        'evil-kind',
        'other',
        'done',
        ['hue'],
        [1, 2],
        'abc',
        -1,
        2.5,
        null,
        '2025-07-01T00:00:00.000Z',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 }), async (changes) => {
        const before = head.db.prepare(`SELECT * FROM activities`).all();
        const report = await rewound(
          staff,
          async () => {
            staff.writer.write((ctx) => ctx.recordChanges('activity', a.id, Object.fromEntries(changes)));
            return (await receive(head, await writeBatch(staff, head)))[0]!;
          },
          (r) => r.status === 'applied',
        );
        if (report.status === 'refused') {
          expect(report.error!.code).toBe('BATCH_LINE_INVALID');
          expect(head.db.prepare(`SELECT * FROM activities`).all()).toEqual(before);
        } else expect(report.status).toBe('applied');
        const stored = head.activities.get(a.id);
        expect(ActivityFields.safeParse(Object.fromEntries(ACTIVITY_FIELD_NAMES.map((f) => [f, stored[f]]))).success).toBe(true);
      }),
      { seed: 20251203, numRuns: 60 },
    );
    expect((await call(head, 'export.list', { entity: 'activity', format: 'xlsx', filter: { includeDeleted: true } })).rowCount).toBe(1);
  }, 120_000);
});
