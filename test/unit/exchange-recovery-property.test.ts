/**
 * Property (issue 12): whatever edits, exports, lost files, crashes, restores, acknowledgements
 * and deliveries in whatever order, once every file still on its way is delivered and what HQ
 * reports missing is written again, HQ holds exactly the mission's records, and no honest batch
 * was refused.
 *
 * Restores go to backups taken after the last acknowledgement: an acknowledged batch leaves
 * the outbox, so a backup older than it cannot get its changes back at the mission (HQ keeps
 * them; docs/exchange-format.md#recovery).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/domain/exchange';
import { call, openContext, tempDir } from '../support/context';
import { activity, activitySnapshot, deviceOpener, recipientOf } from '../support/exchange';

const open = deviceOpener();
const SEED = Number(process.env.RECOVERY_SEED ?? 20261202);

type Op =
  | { kind: 'create'; title: string }
  | { kind: 'update'; pick: number; title: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'export'; lost: boolean }
  | { kind: 'crash-export' }
  | { kind: 'deliver'; pick: number }
  | { kind: 'backup' }
  | { kind: 'restore'; pick: number }
  | { kind: 'ack' }
  | { kind: 'resend' };

const title = fc.constantFrom('Hội chợ', 'Tọa đàm', 'Đoàn doanh nghiệp', 'Roadshow');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), title }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(20), title }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('export' as const), lost: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash-export' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('backup' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ack' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resend' as const) }) },
);

describe('recovery property', () => {
  it('HQ converges to the mission after any mix of lost files, crashes, restores and acknowledgements', async () => {
    console.log(`recovery property seed: ${SEED} (RECOVERY_SEED=… to replay)`);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 16 }), async (ops) => {
        let head = await open('Nguyễn Thu Hà', { role: 'head' });
        const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
        const to = [await recipientOf(hq)];
        const inTransit: string[] = [];
        const reports: ImportReport[] = [];
        let backups: string[] = [];
        const deliver = async (file: string) => {
          let got = await call(hq, 'exchange.import', { files: [{ path: file }] });
          const unknown = got.find((r) => r.error?.code === 'BATCH_UNKNOWN_DEVICE');
          if (unknown) {
            await call(hq, 'exchange.trust', { fingerprint: String(unknown.error!.params!.fingerprint) });
            got = await call(hq, 'exchange.import', { files: [{ path: file }] });
          }
          reports.push(...got);
        };
        const exportBatch = () => call(head, 'exchange.export', { recipients: to, out: `${tempDir('caunoi-rp-')}/` });
        const resendMissing = async () => {
          for (const gap of await call(hq, 'exchange.missing', {})) {
            const out = tempDir('caunoi-rp-resend-');
            for (const r of await call(head, 'exchange.resend', { recipients: to, sequences: gap.missing, stream: gap.stream, out })) await deliver(r.path);
          }
        };
        for (const o of ops) {
          const ids = head.db.prepare(`SELECT id FROM activities WHERE deleted_at IS NULL ORDER BY id`).pluck().all() as string[];
          if (o.kind === 'create') await call(head, 'activity.create', activity(o.title));
          else if (o.kind === 'update' && ids.length)
            await call(head, 'activity.update', { id: ids[o.pick % ids.length]!, values: activity(o.title, { city: o.title }) });
          else if (o.kind === 'delete' && ids.length) await call(head, 'activity.delete', { id: ids[o.pick % ids.length]! });
          else if (o.kind === 'export') {
            const written = await exportBatch();
            if (o.lost) fs.rmSync(written.path);
            else inTransit.push(written.path);
          } else if (o.kind === 'crash-export') {
            // Killed after the batch and the chain position were written, before the database committed.
            const before = head.db.prepare(`SELECT id, stream, last_change_seq, last_batch_seq, last_batch_sha256 FROM receivers`).all() as Record<
              string,
              unknown
            >[];
            const written = await exportBatch();
            inTransit.push(written.path);
            head.db.prepare(`DELETE FROM batches_sent WHERE stream = ? AND seq = ?`).run(written.stream, written.sequence);
            for (const r of before)
              head.db
                .prepare(
                  `UPDATE receivers SET stream = @stream, last_change_seq = @last_change_seq, last_batch_seq = @last_batch_seq, last_batch_sha256 = @last_batch_sha256 WHERE id = @id`,
                )
                .run(r);
            const dataDir = head.options.dataDir;
            head.close();
            head = open.track(openContext(dataDir));
          } else if (o.kind === 'deliver' && inTransit.length) await deliver(inTransit.splice(o.pick % inTransit.length, 1)[0]!);
          else if (o.kind === 'backup') {
            const made = await call(head, 'backup.create', {});
            const aside = path.join(tempDir('caunoi-rp-aside-'), made.file);
            fs.copyFileSync(path.join(head.options.dataDir, 'backups', made.file), aside);
            backups.push(aside);
          } else if (o.kind === 'restore' && backups.length) {
            const name = `cau-noi-${new Date().toISOString().replace(/[-:.]/g, '')}-imported.db`;
            fs.copyFileSync(backups[o.pick % backups.length]!, path.join(head.options.dataDir, 'backups', name));
            await call(head, 'backup.restore', { file: name });
          } else if (o.kind === 'ack') {
            const file = path.join(tempDir('caunoi-rp-ack-'), 'hq.ack.json');
            fs.writeFileSync(file, (await call(hq, 'exchange.ack', {})).text);
            // Before HQ applied anything the acknowledgement names no batch of the mission.
            if (reports.some((r) => r.status === 'applied')) await call(head, 'exchange.ackImport', { file: { path: file } });
            backups = [];
          } else if (o.kind === 'resend') await resendMissing();
        }
        // Everything still on its way arrives, the last changes go, and what HQ lacks is written again.
        inTransit.push((await exportBatch()).path);
        for (const file of inTransit.splice(0)) await deliver(file);
        await resendMissing();

        expect(reports.filter((r) => r.status === 'refused').map((r) => [r.file, r.error?.code])).toEqual([]);
        expect(await call(hq, 'exchange.missing', {})).toEqual([]);
        expect(hq.db.prepare(`SELECT count(*) FROM batches_received WHERE status = 'held'`).pluck().get()).toBe(0);
        expect(activitySnapshot(hq)).toEqual(activitySnapshot(head));
        open.closeAll();
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 120_000);
});
