/**
 * Property tests: whatever the order and repetition in which a receiver imports the same
 * batches, it ends with the same records, change log and open conflicts; and no corruption
 * of a batch file, nor any forgery re-encrypted to the receiver, is ever applied.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { ageDecrypt, ageEncrypt, deviceKeys } from '../../electron/services/exchange/crypto';
import { trustBatchFile } from '../../electron/services/exchange/devices';
import { packContainer, unpackContainer } from '../../electron/services/exchange/format';
import { call } from '../support/context';
import { activity, deviceOpener, recipientOf, writeBatch } from '../support/exchange';

const open = deviceOpener();

/** The receiver's state that must not depend on import order (times of import excluded). */
function snapshot(app: AppContext) {
  return {
    activities: app.db
      .prepare(`SELECT id, title, kind, status, city, start_date, deleted_at, mission_id FROM activities ORDER BY id`)
      .all()
      .map((r) => ({ ...(r as object), mission_id: (r as { mission_id: string }).mission_id === app.missionId() })),
    changes: app.db
      .prepare(`SELECT hlc, entity, record_id, field, value, base FROM changes WHERE origin = 'remote' ORDER BY hlc, entity, record_id, field`)
      .all(),
    conflicts: app.db
      .prepare(`SELECT entity, record_id, field, winner_hlc, other_hlc FROM conflicts WHERE resolved_at IS NULL ORDER BY entity, record_id, field`)
      .all(),
  };
}

type Op =
  | { kind: 'create'; dev: number; title: string }
  | { kind: 'update'; dev: number; pick: number; title: string }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'send'; dev: number }
  | { kind: 'pull'; dev: number };

const title = fc.constantFrom('Hội chợ', 'Tọa đàm', 'Đoàn doanh nghiệp', 'Roadshow', 'Gặp gỡ');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), dev: fc.nat(1), title }),
  fc.record({ kind: fc.constant('update' as const), dev: fc.nat(1), pick: fc.nat(20), title }),
  fc.record({ kind: fc.constant('delete' as const), dev: fc.nat(1), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('send' as const), dev: fc.nat(1) }),
  fc.record({ kind: fc.constant('pull' as const), dev: fc.nat(1) }),
);

describe('exchange properties', () => {
  it('any interleaving and repetition of the same batches gives the same receiver', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 3, maxLength: 14 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.nat(40), { maxLength: 5 }),
        async (ops, orderKeys, repeats) => {
          const staff = [await open('Trần Văn An'), await open('Lê Thị Bình')];
          const heads = [await open('Nguyễn Thu Hà', { role: 'head' }), await open('Nguyễn Thu Hà', { role: 'head' })];
          // One batch goes to both heads' recipients, so each head can read every file.
          const recipients = [await recipientOf(heads[0]!), await recipientOf(heads[1]!)];
          const files: string[] = [];
          const sendToHeads = async (from: AppContext) => {
            files.push((await call(from, 'exchange.export', { recipients, out: `${fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-prop-'))}/` })).path);
          };
          for (const o of ops) {
            const me = staff[o.dev]!;
            const mine = me.db.prepare(`SELECT id FROM activities WHERE deleted_at IS NULL ORDER BY id`).pluck().all() as string[];
            if (o.kind === 'create') await call(me, 'activity.create', activity(o.title));
            else if (o.kind === 'update' && mine.length)
              await call(me, 'activity.update', { id: mine[o.pick % mine.length]!, values: activity(o.title, { city: o.title }) });
            else if (o.kind === 'delete' && mine.length) await call(me, 'activity.delete', { id: mine[o.pick % mine.length]! });
            else if (o.kind === 'send') await sendToHeads(me);
            else if (o.kind === 'pull') {
              const other = staff[1 - o.dev]!;
              const file = await writeBatch(other, me);
              await trustBatchFile(me, fs.readFileSync(file));
              const [r] = await call(me, 'exchange.import', { files: [{ path: file }] });
              expect(r!.status).toBe('applied');
            }
          }
          for (const s of staff) await sendToHeads(s);
          for (const head of heads) for (const file of files) await trustBatchFile(head, fs.readFileSync(file)).catch(() => undefined);

          const natural = [...files];
          const shuffled = files
            .map((f, i) => ({ f, k: orderKeys[i % orderKeys.length]! + i * 1e-9 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.f);
          for (const r of repeats) shuffled.splice(r % (shuffled.length + 1), 0, files[r % files.length]!);
          for (const file of natural) await call(heads[0]!, 'exchange.import', { files: [{ path: file }] });
          for (const file of shuffled) await call(heads[1]!, 'exchange.import', { files: [{ path: file }] });
          // Import everything once more: nothing may change.
          const first = snapshot(heads[1]!);
          await call(heads[1]!, 'exchange.import', { files: files.map((path) => ({ path })) });
          expect(snapshot(heads[1]!)).toEqual(first);
          expect(snapshot(heads[1]!)).toEqual(snapshot(heads[0]!));
          // Once the staff have pulled from each other, all three hold the same activities.
          const pull = async (me: AppContext, other: AppContext) => {
            const file = await writeBatch(other, me);
            await trustBatchFile(me, fs.readFileSync(file));
            expect((await call(me, 'exchange.import', { files: [{ path: file }] }))[0]!.status).toBe('applied');
          };
          await pull(staff[0]!, staff[1]!);
          await pull(staff[1]!, staff[0]!);
          const visible = (app: AppContext) =>
            app.db.prepare(`SELECT id, title, kind, status, city, start_date, deleted_at IS NOT NULL AS deleted FROM activities ORDER BY id`).all();
          expect(visible(staff[0]!)).toEqual(visible(heads[0]!));
          expect(visible(staff[1]!)).toEqual(visible(heads[0]!));
          open.closeAll();
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);

  it('a corrupted or truncated batch file is always refused and changes nothing', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Một'));
    const first = await writeBatch(staff, head);
    await trustBatchFile(head, fs.readFileSync(first));
    await call(head, 'exchange.import', { files: [{ path: first }] });
    await call(staff, 'activity.create', activity('Hai'));
    await call(staff, 'activity.delete', { id: (await call(staff, 'activity.list', {})).rows[0]!.id });
    const good = fs.readFileSync(await writeBatch(staff, head));
    const state = () => JSON.stringify([snapshot(head), head.db.prepare(`SELECT count(*) FROM batches_received WHERE status = 'applied'`).pluck().get()]);
    const before = state();

    const corruption = fc.oneof(
      fc.record({ truncate: fc.integer({ min: 1, max: good.length - 1 }) }),
      fc.record({ flips: fc.array(fc.record({ at: fc.nat(good.length - 1), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(corruption, async (c) => {
        const bad = Buffer.from(good);
        const bytes = 'truncate' in c ? bad.subarray(0, c.truncate) : bad;
        if ('flips' in c) for (const f of c.flips) bytes[f.at]! ^= f.xor;
        const [report] = await call(head, 'exchange.import', { files: [{ name: 'bad.cnb.age', dataBase64: bytes.toString('base64') }] });
        expect(report!.status).toBe('refused');
        expect(['BATCH_CORRUPT', 'BATCH_NOT_FOR_US']).toContain(report!.error!.code);
        expect(state()).toBe(before);
      }),
      { numRuns: 150 },
    );

    // Anyone can encrypt to the head's public recipient: forged contents must fail the signature or
    // hashes. Only the gzip wrapper is not signed (its header time, say): a change there that leaves
    // the signed lines intact is no forgery, and may pass.
    const identity = (await deviceKeys(head.db, head.deviceId)).identity;
    const inner = await unpackContainer(await ageDecrypt(good, identity));
    const lines = gunzipSync(inner.changesGz);
    const intact = (gz: Uint8Array) => {
      try {
        return Buffer.from(gunzipSync(gz)).equals(lines);
      } catch {
        return false;
      }
    };
    const part = fc.constantFrom('manifestBytes' as const, 'changesGz' as const);
    await fc.assert(
      fc.asyncProperty(part, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (which, at, xor, cut) => {
        const forged = { ...inner, [which]: Uint8Array.from(inner[which]) };
        const target = forged[which];
        if (cut) forged[which] = target.subarray(0, at % target.length);
        else target[at % target.length]! ^= xor;
        const bytes = await ageEncrypt(await packContainer(forged), [await recipientOf(head)]);
        const file = { name: 'forged.cnb.age', dataBase64: Buffer.from(bytes).toString('base64') };
        if (which === 'changesGz' && intact(forged.changesGz)) {
          expect((await call(head, 'exchange.import', { files: [file], dryRun: true }))[0]!.status).toBe('preview');
          return;
        }
        const [report] = await call(head, 'exchange.import', { files: [file] });
        expect(report!.status).toBe('refused');
        expect(['BATCH_SIGNATURE_INVALID', 'BATCH_PAYLOAD_MISMATCH', 'BATCH_CORRUPT', 'BATCH_MANIFEST_INVALID']).toContain(report!.error!.code);
        expect(state()).toBe(before);
      }),
      { numRuns: 100 },
    );
    const forgedSignature = await ageEncrypt(await packContainer({ ...inner, signature: Buffer.alloc(64, 7).toString('base64') }), [await recipientOf(head)]);
    const [sig] = await call(head, 'exchange.import', { files: [{ name: 'sig.cnb.age', dataBase64: Buffer.from(forgedSignature).toString('base64') }] });
    expect(sig!.error!.code).toBe('BATCH_SIGNATURE_INVALID');
    expect(state()).toBe(before);

    const [ok] = await call(head, 'exchange.import', { files: [{ name: 'good.cnb.age', dataBase64: good.toString('base64') }] });
    expect(ok!.status).toBe('applied');
    expect(state()).not.toBe(before);
  }, 240_000);
});
