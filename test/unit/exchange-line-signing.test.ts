/**
 * Lines signed ahead of their export (line-signing.ts) and who checks which signature: a batch is
 * the same whether its lines were signed while the app was idle or at export; a mission verifies
 * every line it may relay; HQ, which relays nothing, proves the sender's own lines by the manifest.
 */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { ageDecrypt, deviceKeys } from '../../electron/services/exchange/crypto';
import { unpackContainer } from '../../electron/services/exchange/format';
import { CHANGE_ROW_COLUMNS, changeLineOf, lineText, scheduleLineSigning, signAhead, type ChangeRow } from '../../electron/services/exchange/line-signing';
import { call } from '../support/context';
import { activity, deviceOpener, receive, send, writeBatch } from '../support/exchange';

const open = deviceOpener();

/** The change lines of a batch file, as its receiver decrypts them. */
async function batchLines(file: string, receiver: AppContext): Promise<Record<string, unknown>[]> {
  const inner = unpackContainer(await ageDecrypt(fs.readFileSync(file), (await deviceKeys(receiver.db, receiver.deviceId)).identity));
  return gunzipSync(inner.changesGz)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const ownUnsigned = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM changes WHERE device_id = ? AND sig IS NULL`).pluck().get(app.deviceId) as number;

async function signAll(app: AppContext): Promise<void> {
  // A small slice, so that the cursor has to carry the work over several calls.
  while ((await signAhead(app, 3)) > 0);
}

/** Gives one of `app`'s own stored lines the signature of another of its lines. */
function swapOneSignature(app: AppContext): void {
  const [a, b] = app.db.prepare(`SELECT seq, sig FROM changes WHERE device_id = ? ORDER BY seq LIMIT 2`).all(app.deviceId) as { seq: number; sig: string }[];
  app.db.prepare(`UPDATE changes SET sig = ? WHERE seq = ?`).run(b!.sig, a!.seq);
}

describe('signing ahead', () => {
  it('signs this device’s lines a slice at a time; the batch is the one the export would have signed itself', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const otherHead = await open('Lê Minh Quân', { role: 'head' });
    await call(staff, 'activity.create', activity('Hội chợ Foodex', { dealValueUsd: 1_000 }));
    await call(staff, 'activity.create', activity('Diễn đàn đầu tư Việt Nam – Nhật Bản'));
    const atExport = await batchLines(await writeBatch(staff, head), head);
    expect(ownUnsigned(staff)).toBeGreaterThan(6);

    await signAll(staff);
    expect(ownUnsigned(staff)).toBe(0);
    const stored = staff.db.prepare(`SELECT sig FROM changes ORDER BY seq`).pluck().all();
    expect(stored).toEqual(atExport.map((l) => l.sig));

    const file = await writeBatch(staff, otherHead);
    expect(await batchLines(file, otherHead)).toEqual(atExport);
    expect((await receive(otherHead, file))[0]!.status).toBe('applied');
  });

  it('leaves the lines of other devices as they came, and signs the lines written after', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await receive(head, await writeBatch(staff, head)))[0]!.status).toBe('applied');
    const relayed = () => head.db.prepare(`SELECT seq, sig FROM changes WHERE device_id = ? ORDER BY seq`).all(staff.deviceId);
    const before = relayed();
    await signAll(head);
    await call(head, 'activity.create', activity('Tọa đàm xúc tiến du lịch'));
    expect(ownUnsigned(head)).toBeGreaterThan(0);
    await signAll(head);
    expect(ownUnsigned(head)).toBe(0);
    expect(relayed()).toEqual(before);
  });

  it('the export sends the stored signature: a head refuses a staff line whose signature does not match', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    await signAll(staff);
    swapOneSignature(staff);
    const [report] = await receive(head, await writeBatch(staff, head));
    expect(report!.status).toBe('refused');
    expect(report!.error).toMatchObject({ code: 'BATCH_AUTHOR_UNVERIFIED', params: { device: staff.deviceId, line: 1 } });
  });

  it('HQ proves a head’s own lines by the batch’s signature, and sends no batch itself', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const created = await call(head, 'activity.create', activity('Hội chợ Foodex'));
    await signAll(head);
    swapOneSignature(head);
    expect((await receive(hq, await writeBatch(head, hq)))[0]!.status).toBe('applied');
    expect((await call(hq, 'activity.get', { id: created.id })).title).toBe('Hội chợ Foodex');
    await expect(writeBatch(hq, head)).rejects.toMatchObject({ code: 'EXCHANGE_HQ_SENDS_NOTHING' });
  });

  it('runs on its timer only while the app is quiet', async () => {
    const staff = await open('Trần Văn An');
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    let quiet = false;
    const stop = scheduleLineSigning(staff, { quiet: () => quiet, everyMs: 5 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(ownUnsigned(staff)).toBeGreaterThan(0);
      quiet = true;
      await expect.poll(() => ownUnsigned(staff), { timeout: 5000 }).toBe(0);
    } finally {
      stop();
    }
  });
});

describe('the base of a line', () => {
  it('is the latest earlier change of its field in the log, in a first batch and in the next, own lines and relayed', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(staff, head))[0]!.status).toBe('applied');
    const b = await call(head, 'activity.create', activity('Tọa đàm xúc tiến du lịch'));
    await call(head, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex 2025') });
    await call(head, 'activity.update', { id: b.id, values: activity('Tọa đàm du lịch', { city: 'Osaka' }) });
    /** Each line's clock value and base, as the log gives them (CHANGE_ROW_COLUMNS, what lines are signed ahead with), after `after`. */
    const fromLog = (after: number) =>
      (head.db.prepare(`SELECT ${CHANGE_ROW_COLUMNS} FROM changes c WHERE c.seq > ? ORDER BY c.seq`).all(after) as ChangeRow[]).map((r) => [r.hlc, r.base]);
    const sent = (lines: Record<string, unknown>[]) => lines.map((l) => [l.hlc, l.base]);
    const first = fromLog(0);
    expect(first.filter(([, base]) => base !== null).length).toBeGreaterThanOrEqual(2);
    expect(sent(await batchLines(await writeBatch(head, hq), hq))).toEqual(first);

    const sentThrough = head.db.prepare(`SELECT max(seq) FROM changes`).pluck().get() as number;
    await call(head, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex 2026') });
    await call(head, 'activity.update', { id: b.id, values: activity('Tọa đàm du lịch', { city: 'Kyoto' }) });
    await call(head, 'activity.update', { id: b.id, values: activity('Tọa đàm du lịch', { city: 'Nara' }) });
    const next = fromLog(sentThrough);
    expect(next.every(([, base]) => base !== null)).toBe(true);
    expect(sent(await batchLines(await writeBatch(head, hq), hq))).toEqual(next);
  });
});

describe('a change row written out as its line', () => {
  it('reads back as the line the row holds, whatever its text and value', () => {
    const text = fc.string({ unit: 'grapheme' });
    fc.assert(
      fc.property(
        fc.record({ author: text, field: text, record: text, value: fc.jsonValue(), base: fc.option(text), sig: fc.option(fc.base64String()) }),
        ({ author, field, record, value, base, sig }) => {
          const row: ChangeRow = {
            seq: 1,
            hlc: '1751701234567-0000-device',
            device_id: 'device',
            author,
            entity: 'activity',
            record_id: record,
            field,
            value: JSON.stringify(value),
            base,
            sig: null,
          };
          const written = lineText(row, sig);
          expect(written.endsWith('}\n')).toBe(true);
          expect(JSON.parse(written)).toEqual(sig === null ? changeLineOf(row) : { ...changeLineOf(row), sig });
        },
      ),
    );
  });
});
