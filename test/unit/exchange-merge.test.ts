import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ageEncrypt, deviceKeys, sha256, signBytes } from '../../electron/services/exchange/crypto';
import { FORMAT_VERSION, jsonSchemas, packContainer } from '../../electron/services/exchange/format';
import { conflictOf, winnerOf, withBases } from '../../electron/services/exchange/merge';
import { HybridLogicalClock } from '../../shared/hlc';
import { call } from '../support/context';
import { activity, deviceOpener, receive, recipientOf, send, writeBatch } from '../support/exchange';

const open = deviceOpener();

const change = (hlc: string, device: string, value: string, base: string | null = null) => ({
  hlc,
  device,
  author: device,
  value: JSON.stringify(value),
  base,
});

describe('merge rules', () => {
  it('the greatest HLC wins; equal times are decided by device id', () => {
    const a = change('1735689600000-0000-aaaa', 'aaaa', 'A');
    const b = change('1735689600000-0000-bbbb', 'bbbb', 'B');
    expect(winnerOf([a, b])!.value).toBe('"B"');
    expect(winnerOf([b, a])!.value).toBe('"B"');
  });

  it('a concurrent edit from another device is a conflict; a later edit that saw it is not', () => {
    const create = change('1735689600000-0000-aaaa', 'aaaa', 'X');
    const edit1 = change('1735689600500-0000-aaaa', 'aaaa', 'A', create.hlc);
    const edit2 = change('1735689600900-0000-bbbb', 'bbbb', 'B', create.hlc);
    expect(conflictOf([create, edit1, edit2])).toMatchObject({ winner: { value: '"B"' }, other: { value: '"A"' } });
    const settled = change('1735689601000-0000-bbbb', 'bbbb', 'A', edit2.hlc);
    expect(conflictOf([create, edit1, edit2, settled])).toBeNull();
    const sameValue = change('1735689600900-0000-bbbb', 'bbbb', 'A', create.hlc);
    expect(conflictOf([create, edit1, sameValue])).toBeNull();
  });

  it('local changes take as base the newest change logged before them', () => {
    const rows = [
      { ...change('1735689600000-0000-aaaa', 'aaaa', 'X'), local: false },
      { ...change('1735689600500-0000-bbbb', 'bbbb', 'Y'), local: true },
    ];
    expect(withBases(rows).map((r) => r.base)).toEqual([null, '1735689600000-0000-aaaa']);
  });
});

describe('exchange between devices', () => {
  it('logs concurrent edits of a field as a conflict that a person resolves either way', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const an = await open('Trần Văn An');
    const binh = await open('Lê Thị Bình');
    const a = await call(an, 'activity.create', activity('Hội chợ Foodex'));
    await send(an, head);
    await send(head, binh);
    await call(an, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex Japan') });
    await call(binh, 'activity.update', { id: a.id, values: activity('Foodex 2025 (Chiba)') });
    const [fromAn] = await send(an, head);
    expect(fromAn!.summary.activity!.conflicts).toBe(0);
    const [fromBinh] = await send(binh, head);
    expect(fromBinh!.summary.activity!.conflicts).toBe(1);

    const [conflict] = await call(head, 'exchange.conflicts', {});
    expect(conflict).toMatchObject({
      entity: 'activity',
      recordId: a.id,
      field: 'title',
      winner: { value: 'Foodex 2025 (Chiba)', author: 'Lê Thị Bình' },
      other: { value: 'Hội chợ Foodex Japan', author: 'Trần Văn An' },
    });
    expect((await call(head, 'activity.get', { id: a.id })).title).toBe('Foodex 2025 (Chiba)');

    const resolved = await call(head, 'exchange.resolve', { id: conflict!.id, keep: 'other' });
    expect(resolved.resolution).toBe('other');
    expect((await call(head, 'activity.get', { id: a.id })).title).toBe('Hội chợ Foodex Japan');
    expect(await call(head, 'exchange.conflicts', {})).toEqual([]);
    // The resolution travels: both staff take it without a conflict of their own.
    for (const staff of [an, binh]) {
      const [back] = await send(head, staff);
      expect(back!.status).toBe('applied');
      expect((await call(staff, 'activity.get', { id: a.id })).title).toBe('Hội chợ Foodex Japan');
      expect(await call(staff, 'exchange.conflicts', {})).toEqual([]);
    }
  });

  it('a record deleted at the mission disappears at HQ; HQ sees the mission, its last batch and gaps', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const keep = await call(staff, 'activity.create', activity('Diễn đàn đầu tư'));
    const gone = await call(staff, 'activity.create', activity('Nhầm lẫn'));
    await send(staff, head);
    await send(head, hq);
    expect((await call(hq, 'activity.list', {})).total).toBe(2);
    await call(staff, 'activity.delete', { id: gone.id });
    await send(staff, head);
    const second = await writeBatch(head, hq);
    await call(head, 'activity.update', { id: keep.id, values: activity('Diễn đàn đầu tư Việt Nam - Nhật Bản') });
    const third = await writeBatch(head, hq);

    const [held] = await receive(hq, third);
    expect(held!.status).toBe('held');
    const row = (await call(hq, 'hq.missions', {})).find((m) => m.code === 'DSQ-JP');
    expect(row).toMatchObject({
      code: 'DSQ-JP',
      registered: true,
      nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản',
      batchesApplied: 1,
      batchesHeld: 1,
      lastBatch: { sequence: 1, deviceId: head.deviceId },
      lagDays: 0,
      devices: 1,
    });
    const { stream } = (await call(head, 'exchange.outbox', {}))[0]!;
    expect(row!.gaps).toEqual([{ deviceId: head.deviceId, stream, missing: [2] }]);

    const applied = await receive(hq, second);
    expect(applied.map((r) => [r.status, r.batch!.sequence])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);
    const list = await call(hq, 'activity.list', {});
    expect(list.rows.map((r) => [r.id, r.title])).toEqual([[keep.id, 'Diễn đàn đầu tư Việt Nam - Nhật Bản']]);
    const after = (await call(hq, 'hq.missions', {})).find((m) => m.code === 'DSQ-JP');
    expect(after).toMatchObject({ batchesApplied: 3, batchesHeld: 0, gaps: [] });
    expect(hq.db.prepare(`SELECT mission_id FROM activities WHERE id = ?`).pluck().get(keep.id)).toBe(after!.missionId);
  });

  it('partners, agreements and the head’s final report travel to HQ with the activities', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Tuần hàng Việt Nam tại AEON', { startDate: '2025-03-03' }));
    const org = await call(head, 'organisation.create', { name: 'Tập đoàn AEON', kind: 'company', country: 'JP' });
    await call(head, 'agreement.create', {
      title: 'MoU hợp tác thương mại Huế – AEON',
      kind: 'mou',
      signedDate: '2025-05-20',
      provinceId: 'hue',
      status: 'signed',
    });
    const defaults = await call(head, 'report.defaults', { period: '2025S1' });
    const draft = await call(head, 'report.create', { ...defaults, number: '5/BC-ĐSQ', reportDate: '2025-07-05', signerTitle: 'Đại sứ' });
    const final = await call(head, 'report.finalise', { id: draft.id });
    const [report] = await send(head, hq);
    expect(report!.status).toBe('applied');
    expect(Object.keys(report!.summary).sort()).toEqual(['activity', 'agreement', 'mission', 'organisation', 'report']);
    expect((await call(hq, 'organisation.get', { id: org.id })).name).toBe('Tập đoàn AEON');
    const atHq = await call(hq, 'report.get', { id: final.id });
    expect(atHq.status).toBe('final');
    expect(atHq.figures).toEqual(final.figures);
    const consolidated = await call(hq, 'hq.figures', { period: '2025S1' });
    expect(consolidated.total.key.agreementsSigned.value).toBe(1);
    expect(consolidated.byMission.map((m) => [m.code, m.key.activitiesDone.value])).toEqual([['DSQ-JP', 1]]);
    // HQ's own report of the period is the consolidated one: it counts every mission.
    const hqDefaults = await call(hq, 'report.defaults', { period: '2025S1' });
    const hqDraft = await call(hq, 'report.create', { ...hqDefaults, number: '12/BC-BNG', reportDate: '2025-07-20', signerTitle: 'Vụ trưởng' });
    const hqFinal = await call(hq, 'report.finalise', { id: hqDraft.id });
    expect(hqFinal.figures!.key.activitiesDone.value).toBe(1);
    expect(hqFinal.figures!.key.agreementsSigned.value).toBe(1);
    expect((await call(hq, 'report.document', { id: hqDraft.id, format: 'docx' })).fileName).toMatch(/\.docx$/);
  });

  it('refuses a batch dated more than a day ahead, and a newer format, with their own codes', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Một'));
    await send(staff, head);
    (staff.writer as { clock: HybridLogicalClock }).clock = new HybridLogicalClock(staff.deviceId, null, () => Date.now() + 3 * 24 * 3600 * 1000);
    await call(staff, 'activity.create', activity('Từ tương lai'));
    const [ahead] = await receive(head, await writeBatch(staff, head));
    expect(ahead!.error!.code).toBe('BATCH_CLOCK_AHEAD');
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(1);

    const keys = await deviceKeys(staff.db, staff.deviceId);
    const manifestBytes = strToU8(JSON.stringify({ format: 'cau-noi-batch', formatVersion: FORMAT_VERSION + 1, somethingNew: true }));
    const container = await packContainer({ manifestBytes, signature: signBytes(keys.privateKey, manifestBytes), changesGz: strToU8('') });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-newer-')), 'newer.cnb.age');
    fs.writeFileSync(file, await ageEncrypt(container, [await recipientOf(head)]));
    const [newer] = await receive(head, file);
    expect(newer!.error).toMatchObject({ code: 'BATCH_FORMAT_NEWER', params: { found: FORMAT_VERSION + 1, supported: FORMAT_VERSION } });
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('publishes JSON Schemas equal to the format the code reads', () => {
    const schemas = jsonSchemas();
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/schemas', name), 'utf8'));
    expect(read('batch-manifest.schema.json')).toEqual(schemas.manifest);
    expect(read('change-line.schema.json')).toEqual(schemas.changeLine);
  });
});
