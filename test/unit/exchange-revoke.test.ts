/**
 * Devices over time: a revoked device's later batches and lines are refused with the reason,
 * its earlier batches keep counting, held ones are refused at revocation; a head's revocation of
 * a staff laptop reaches HQ in the signed manifest; a replaced laptop passes its trust on.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { ageDecrypt, deviceKeys, signBytes } from '../../electron/services/exchange/crypto';
import { parseManifest, signedLineBytes, unpackContainer, type ChangeLine } from '../../electron/services/exchange/format';
import type { Entity } from '../../shared/domain/enums';
import { call } from '../support/context';
import { activity, deviceOpener, receive, send, writeBatch } from '../support/exchange';

const open = deviceOpener();

const figures = async (hq: AppContext) =>
  JSON.stringify(await call(hq, 'hq.figures', { period: '2025S1' }), (key, value: unknown) => (key === 'computedAt' ? undefined : value));
const titles = (app: AppContext) => app.db.prepare(`SELECT title FROM activities WHERE deleted_at IS NULL ORDER BY title`).pluck().all();
const deviceAt = async (app: AppContext, id: string) => (await call(app, 'exchange.devices', {})).find((d) => d.deviceId === id);

describe('device revocation', () => {
  it('HQ revokes a head laptop: its next batch is refused with the reason, what it sent before keeps counting', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(head, 'activity.create', activity('Hội chợ Foodex', { dealValueUsd: 1_200_000 }));
    const first = await writeBatch(head, hq);
    expect((await receive(hq, first))[0]!.status).toBe('applied');
    const before = await figures(hq);

    const revoked = await call(hq, 'exchange.revoke', { device: head.deviceId, reason: 'Máy bị mất cắp' });
    expect(revoked).toMatchObject({ state: 'revoked', revokedReason: 'Máy bị mất cắp', revokedBy: 'Phạm Quốc Việt', via: 'direct' });
    // Idempotent: revoking again changes nothing.
    expect(await call(hq, 'exchange.revoke', { device: head.deviceId, reason: 'lần hai' })).toEqual(revoked);

    await call(head, 'activity.create', activity('Tọa đàm đầu tư'));
    const [report] = await receive(hq, await writeBatch(head, hq));
    expect(report!.status).toBe('refused');
    expect(report!.error).toMatchObject({
      code: 'BATCH_DEVICE_REVOKED',
      params: { device: head.deviceId, mission: 'DSQ-JP', reason: 'Máy bị mất cắp', date: revoked.revokedAt!.slice(0, 10) },
    });
    expect(titles(hq)).toEqual(['Hội chợ Foodex']);
    expect(await figures(hq)).toBe(before);
    // The batch applied before the revocation is still a duplicate, not a refusal.
    expect((await call(hq, 'exchange.import', { files: [{ path: first }] }))[0]!.status).toBe('duplicate');
    // No un-revoking by trusting it again.
    await expect(call(hq, 'exchange.trust', { fingerprint: revoked.fingerprint })).rejects.toMatchObject({ code: 'BATCH_DEVICE_REVOKED' });
    expect((await call(hq, 'hq.missions', { period: '2025S1', asOf: '2025-08-01' })).find((m) => m.code === 'DSQ-JP')).toMatchObject({
      devices: 0,
      devicesWaiting: 0,
      devicesRevoked: 1,
    });
  });

  it('a held batch of a revoked device is refused at revocation', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(head, 'activity.create', activity('Hội chợ Foodex'));
    const one = await writeBatch(head, hq);
    await call(head, 'activity.create', activity('Tọa đàm đầu tư'));
    const two = await writeBatch(head, hq);
    expect((await receive(hq, two))[0]!.status).toBe('held');
    expect(hq.db.prepare(`SELECT status FROM batches_received WHERE seq = 2`).pluck().get()).toBe('held');

    await call(hq, 'exchange.revoke', { device: head.deviceId, reason: 'Thay máy' });
    expect(hq.db.prepare(`SELECT status, reason, container IS NULL AS dropped FROM batches_received WHERE seq = 2`).get()).toEqual({
      status: 'refused',
      reason: 'BATCH_DEVICE_REVOKED',
      dropped: 1,
    });
    const reports = await call(hq, 'exchange.import', { files: [{ path: one }, { path: two }] });
    expect(reports.map((r) => [r.status, r.error?.code])).toEqual([
      ['refused', 'BATCH_DEVICE_REVOKED'],
      ['refused', 'BATCH_DEVICE_REVOKED'],
    ]);
    expect(titles(hq)).toEqual([]);
  });

  it('a head revokes a staff laptop: the revocation travels to HQ, which then refuses later lines of it', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(staff, head))[0]!.status).toBe('applied');
    expect((await send(head, hq))[0]!.status).toBe('applied');
    // Received by the head before the revocation, not yet sent on: still counts at HQ.
    const late = await call(staff, 'activity.create', activity('Tuần hàng Việt Nam'));
    expect((await send(staff, head))[0]!.status).toBe('applied');

    await call(head, 'exchange.revoke', { device: staff.deviceId, reason: 'Máy bị mất' });
    await call(staff, 'activity.create', activity('Sau khi thu hồi'));
    const [refused] = await send(staff, head);
    expect(refused!.error?.code).toBe('BATCH_DEVICE_REVOKED');

    const carrying = await writeBatch(head, hq);
    const manifest = await manifestOf(carrying, hq);
    expect(manifest.formatVersion).toBe(3);
    expect(manifest.revocations).toEqual([
      {
        id: staff.deviceId,
        reason: 'Máy bị mất',
        revokedAt: expect.any(String),
        upTo: staff.db.prepare(`SELECT max(hlc) FROM changes WHERE record_id = ?`).pluck().get(late.id),
        replacedBy: null,
      },
    ]);
    expect((await receive(hq, carrying))[0]!.status).toBe('applied');
    expect(titles(hq)).toEqual(['Hội chợ Foodex', 'Tuần hàng Việt Nam']);
    expect(await deviceAt(hq, staff.deviceId)).toMatchObject({ state: 'revoked', via: 'certificate', revokedReason: 'Máy bị mất', revokedBy: 'Nguyễn Thu Hà' });

    // A later line of the staff laptop, relayed by the head (a copy of its log given by hand): refused at HQ.
    const later = await call(staff, 'activity.create', activity('Dòng muộn'));
    const copy = head.db.prepare(
      `INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value, origin, base, sig) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, ?)`,
    );
    const staffKey = (await deviceKeys(staff.db, staff.deviceId)).privateKey;
    for (const c of staff.db.prepare(`SELECT * FROM changes WHERE record_id = ? ORDER BY seq`).all(later.id) as Record<string, string>[]) {
      // Signed as the staff laptop signs its lines when it writes a batch (a new record: no base).
      const line: ChangeLine = {
        hlc: c.hlc!,
        device: c.device_id!,
        author: c.author!,
        entity: c.entity as Entity,
        record: c.record_id!,
        field: c.field!,
        value: JSON.parse(c.value ?? 'null') as ChangeLine['value'],
        base: null,
      };
      copy.run(c.hlc, c.device_id, c.author, c.entity, c.record_id, c.field, c.value, null, signBytes(staffKey, signedLineBytes(line)));
    }
    const [relayed] = await receive(hq, await writeBatch(head, hq));
    expect(relayed!.status).toBe('refused');
    expect(relayed!.error).toMatchObject({
      code: 'BATCH_DEVICE_REVOKED',
      params: { device: staff.deviceId, mission: 'DSQ-JP', reason: 'Máy bị mất', line: 1 },
    });
    expect(titles(hq)).toEqual(['Hội chợ Foodex', 'Tuần hàng Việt Nam']);
  });

  it('HQ ignores a revocation of another mission’s device, and of a device HQ trusted itself', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const other = await open('Lê Minh', { role: 'head', code: 'DSQ-FR' });
    const direct = await open('Đỗ Văn Bình');
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(staff, head))[0]!.status).toBe('applied');
    expect((await send(head, hq))[0]!.status).toBe('applied');
    await call(direct, 'activity.create', activity('Gửi thẳng về Bộ'));
    expect((await send(direct, head))[0]!.status).toBe('applied');
    expect((await send(direct, hq))[0]!.status).toBe('applied');

    // The consulate's head claims the embassy's staff laptop as its own and revokes it.
    const staffKey = (await call(staff, 'exchange.identity', {})).publicKey;
    other.db.prepare(`INSERT INTO device_certificates VALUES (?, ?, 'DSQ-FR', ?, '2025-07-01T00:00:00.000Z')`).run(staff.deviceId, staffKey, other.deviceId);
    await call(other, 'exchange.revoke', { device: staff.deviceId, reason: 'giả mạo' });
    expect((await send(other, hq))[0]!.status).toBe('applied');
    // The embassy's head revokes a laptop HQ trusted after comparing its fingerprint: HQ's decision stands.
    await call(head, 'exchange.revoke', { device: direct.deviceId, reason: 'không phải của Bộ' });
    expect((await send(head, hq))[0]!.status).toBe('applied');
    expect(hq.db.prepare(`SELECT count(*) FROM device_revocations`).pluck().get()).toBe(0);

    await call(staff, 'activity.create', activity('Vẫn được nhận'));
    expect((await send(staff, head))[0]!.status).toBe('applied');
    expect((await send(head, hq))[0]!.status).toBe('applied');
    await call(direct, 'activity.create', activity('Vẫn gửi được'));
    expect((await send(direct, hq))[0]!.status).toBe('applied');
    expect(titles(hq)).toEqual(['Gửi thẳng về Bộ', 'Hội chợ Foodex', 'Vẫn gửi được', 'Vẫn được nhận']);
  });

  it('replace trusts the new laptop for the old one’s mission and revokes the old one in one step', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const old = await open('Nguyễn Thu Hà', { role: 'head' });
    const created = await call(old, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(old, hq))[0]!.status).toBe('applied');
    const before = await figures(hq);

    const laptop = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(laptop, 'activity.create', activity('Máy mới'));
    const file = await writeBatch(laptop, hq);
    const [waiting] = await call(hq, 'exchange.import', { files: [{ path: file }] });
    expect(waiting!.error?.code).toBe('BATCH_UNKNOWN_DEVICE');
    const fingerprint = String(waiting!.error!.params!.fingerprint);
    expect(await deviceAt(hq, laptop.deviceId)).toMatchObject({ state: 'waiting' });

    const { revoked, trusted } = await call(hq, 'exchange.replace', { device: old.deviceId, by: fingerprint });
    expect(revoked).toMatchObject({ deviceId: old.deviceId, state: 'revoked', revokedReason: `replaced by ${fingerprint}`, replacedBy: laptop.deviceId });
    expect(trusted).toMatchObject({ deviceId: laptop.deviceId, state: 'trusted', missionCode: 'DSQ-JP', trustedBy: 'Phạm Quốc Việt' });
    expect(await figures(hq)).toBe(before);

    expect((await call(hq, 'exchange.import', { files: [{ path: file }] }))[0]!.status).toBe('applied');
    await call(old, 'activity.create', activity('Máy cũ'));
    expect((await send(old, hq))[0]!.error?.code).toBe('BATCH_DEVICE_REVOKED');
    // The old laptop's records still count, now with the new one's.
    expect(titles(hq)).toEqual(['Hội chợ Foodex', 'Máy mới']);
    expect(hq.db.prepare(`SELECT mission_id FROM activities WHERE id = ?`).pluck().get(created.id)).toBe(
      (await call(hq, 'hq.missions', { period: '2025S1', asOf: '2025-08-01' })).find((m) => m.code === 'DSQ-JP')!.missionId,
    );
  });
});

/** The signed manifest of a batch file, as its receiver reads it. */
async function manifestOf(file: string, to: AppContext) {
  const inner = await ageDecrypt(fs.readFileSync(file), (await deviceKeys(to.db, to.deviceId)).identity);
  return parseManifest(unpackContainer(inner).manifestBytes);
}
