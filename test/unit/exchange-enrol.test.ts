/**
 * Devices over time: a staff computer enrolled with its head's invitation (nothing typed, its first
 * batch trusted at the head), a head's hand-over to a new head, and HQ's key rotation (old and new
 * key both read, the missions' chains go on). The clock is fixed: invitations expire by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { runCliCaptured } from '../support/cli';
import { call, openContext, tempDir } from '../support/context';
import { activity, deviceOpener, recipientOf, rewound, send } from '../support/exchange';
import { EMBASSY_INIT, MINISTRY_INIT } from '../support/ministry';

const open = deviceOpener();
const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2025-07-01T09:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: START });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function later(days: number): void {
  vi.setSystemTime(new Date(START.getTime() + days * DAY));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A new computer set up from an invitation's text. */
async function join(text: string, name: string): Promise<AppContext> {
  const app = open.track(openContext());
  await call(app, 'enrol.join', { text, user: { name } });
  return app;
}

/** Writes the next batch to the receiver saved on `from` (the head, for an invited computer). */
async function toSaved(from: AppContext): Promise<string> {
  const [receiver] = await call(from, 'exchange.receivers', {});
  return (await call(from, 'exchange.export', { receiverId: receiver!.id, out: `${tempDir('caunoi-batch-')}/` })).path;
}

async function importAt(to: AppContext, file: string) {
  return (await call(to, 'exchange.import', { files: [{ path: file }] }))[0]!;
}

function deviceRow(app: AppContext, deviceId: string) {
  return app.db.prepare(`SELECT public_key, trusted_at IS NOT NULL AS trusted, trusted_by FROM devices WHERE device_id = ?`).get(deviceId) as
    { public_key: string; trusted: number; trusted_by: string | null } | undefined;
}

describe('invitations', () => {
  it('a staff computer joins from the file, its first batch is trusted at the head, and its figures reach HQ through the head', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const invitation = await call(head, 'enrol.invite', { name: 'Trần Văn An', days: 14 });
    expect(invitation.expiresAt).toBe('2025-07-15T09:00:00.000Z');

    const preview = await call(openContext(), 'enrol.preview', { text: invitation.text });
    const headId = await call(head, 'exchange.identity', {});
    expect(preview).toMatchObject({
      name: 'Trần Văn An',
      invitedBy: 'Nguyễn Thu Hà',
      mission: { code: 'DSQ-JP', country: 'JP' },
      head: { deviceId: headId.deviceId, fingerprint: headId.fingerprint },
    });

    later(2);
    const staff = await join(invitation.text, 'Trần Văn An');
    const state = await call(staff, 'app.state', {});
    expect(state).toMatchObject({
      setUp: true,
      mode: 'mission',
      mission: { code: 'DSQ-JP', nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản' },
      user: { name: 'Trần Văn An', role: 'staff' },
    });
    // The head is trusted with the key of the invitation and saved as the receiver.
    expect(deviceRow(staff, headId.deviceId)).toEqual({ public_key: headId.publicKey, trusted: 1, trusted_by: 'thư mời: Nguyễn Thu Hà' });
    expect((await call(staff, 'exchange.receivers', {})).map((r) => [r.label, r.recipients])).toEqual([
      [translate('vi', 'exchange.headLabel'), [headId.recipient]],
    ]);

    const created = await call(staff, 'activity.create', activity('Hội chợ Foodex Nhật Bản', { status: 'done', endDate: '2025-03-12' }));
    const report = await importAt(head, await toSaved(staff));
    expect(report.status).toBe('applied');
    expect(deviceRow(head, staff.deviceId)).toMatchObject({ trusted: 1, trusted_by: 'thư mời: Trần Văn An' });
    expect(await call(head, 'enrol.invitations', {})).toEqual([
      {
        name: 'Trần Văn An',
        createdAt: START.toISOString(),
        expiresAt: invitation.expiresAt,
        usedBy: staff.deviceId,
        usedAt: new Date(START.getTime() + 2 * DAY).toISOString(),
      },
    ]);
    // Later batches carry the token too; the device is trusted by then.
    await call(staff, 'activity.update', { id: created.id, values: activity('Hội chợ Foodex Nhật Bản 2025', { status: 'done', endDate: '2025-03-12' }) });
    expect((await importAt(head, await toSaved(staff))).status).toBe('applied');

    expect((await send(head, hq))[0]!.status).toBe('applied');
    expect(hq.db.prepare(`SELECT title FROM activities WHERE id = ?`).pluck().get(created.id)).toBe('Hội chợ Foodex Nhật Bản 2025');
    const figures = await call(hq, 'hq.figures', { period: '2025S1' });
    expect(figures.byMission.find((m) => m.code === 'DSQ-JP')?.key.activitiesDone?.value).toBe(1);
  });

  it('refuses a tampered invitation, and one expired before the computer joins', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const { text } = await call(head, 'enrol.invite', { name: 'Trần Văn An', days: 3 });
    const tampered = text.replace('"DSQ-JP"', '"DSQ-FR"');
    expect(tampered).not.toBe(text);
    const fresh = open.track(openContext());
    expect((await refusal(call(fresh, 'enrol.join', { text: tampered, user: { name: 'Trần Văn An' } }))).code).toBe('SIGNED_FILE_SIGNATURE_INVALID');
    expect((await refusal(call(fresh, 'enrol.join', { text: '{"format":"cau-noi-batch"}', user: { name: 'Trần Văn An' } }))).code).toBe('SIGNED_FILE_INVALID');
    later(3);
    const expired = await refusal(call(fresh, 'enrol.join', { text, user: { name: 'Trần Văn An' } }));
    expect([expired.code, expired.params?.expiresAt]).toEqual(['INVITATION_EXPIRED', '2025-07-04']);
    expect((await call(fresh, 'app.state', {})).setUp).toBe(false);
    // Only a head writes invitations.
    const staff = await open('Lê Văn Bình');
    expect((await refusal(call(staff, 'enrol.invite', { name: 'X', days: 1 }))).code).toBe('INVITE_HEAD_ONLY');
  });

  it('a batch whose invitation expired, or was used by another computer, is refused and the device waits for a person', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const { text } = await call(head, 'enrol.invite', { name: 'Trần Văn An', days: 14 });
    const first = await join(text, 'Trần Văn An');
    const second = await join(text, 'Kẻ mạo danh');
    await call(first, 'activity.create', activity('Hoạt động thứ nhất'));
    await call(second, 'activity.create', activity('Hoạt động thứ hai'));
    expect((await importAt(head, await toSaved(first))).status).toBe('applied');

    const reused = await importAt(head, await toSaved(second));
    expect([reused.status, reused.error?.code, reused.error?.params?.fingerprint]).toEqual([
      'refused',
      'INVITATION_USED',
      (await call(second, 'exchange.identity', {})).fingerprint,
    ]);
    expect(deviceRow(head, second.deviceId)).toMatchObject({ trusted: 0 });
    expect(head.db.prepare(`SELECT count(*) FROM activities WHERE title = 'Hoạt động thứ hai'`).pluck().get()).toBe(0);

    // An invitation still valid when the computer joined, expired when its first batch arrives.
    const late = await call(head, 'enrol.invite', { name: 'Lê Văn Bình', days: 5 });
    const third = await join(late.text, 'Lê Văn Bình');
    await call(third, 'activity.create', activity('Hoạt động thứ ba'));
    const file = await toSaved(third);
    later(6);
    const preview = (await call(head, 'exchange.import', { files: [{ path: file }], dryRun: true }))[0]!;
    expect(preview.error?.code).toBe('INVITATION_EXPIRED');
    const expired = await importAt(head, file);
    expect([expired.status, expired.error?.code]).toEqual(['refused', 'INVITATION_EXPIRED']);
    expect(deviceRow(head, third.deviceId)).toMatchObject({ trusted: 0 });
    // As without an invitation: compared, trusted, imported.
    await call(head, 'exchange.trust', { fingerprint: String(expired.error!.params!.fingerprint) });
    expect((await importAt(head, file)).status).toBe('applied');
    expect(deviceRow(head, third.deviceId)).toMatchObject({ trusted: 1, trusted_by: 'Nguyễn Thu Hà' });
  });

  it('a preview does not use the invitation up', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const staff = await join((await call(head, 'enrol.invite', { name: 'Trần Văn An', days: 14 })).text, 'Trần Văn An');
    await call(staff, 'activity.create', activity('Hội chợ'));
    const file = await toSaved(staff);
    expect((await call(head, 'exchange.import', { files: [{ path: file }], dryRun: true }))[0]!.status).toBe('preview');
    expect(deviceRow(head, staff.deviceId)).toBeUndefined();
    expect((await importAt(head, file)).status).toBe('applied');
  });

  it('an invited computer is trusted only once its whole first batch passed: a refused batch trusts nothing and leaves the invitation unused', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const staff = await join((await call(head, 'enrol.invite', { name: 'Trần Văn An', days: 14 })).text, 'Trần Văn An');
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    // A value no form accepts (a damaged or hostile computer): the batch is signed, the line is not valid.
    staff.db.prepare(`UPDATE changes SET value = '"khong-co-loai-nay"' WHERE entity = 'activity' AND field = 'kind'`).run();
    const bad = await rewound(staff, () => toSaved(staff));
    const refused = await importAt(head, bad);
    expect([refused.status, refused.error?.code]).toEqual(['refused', 'BATCH_LINE_INVALID']);
    expect(deviceRow(head, staff.deviceId)?.trusted ?? 0).toBe(0);
    expect((await call(head, 'enrol.invitations', {})).map((i) => i.usedBy)).toEqual([null]);
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(0);

    // The same computer's corrected batch still qualifies for the invitation.
    staff.db.prepare(`UPDATE changes SET value = '"trade-promotion"' WHERE entity = 'activity' AND field = 'kind'`).run();
    expect((await importAt(head, await toSaved(staff))).status).toBe('applied');
    expect(deviceRow(head, staff.deviceId)).toMatchObject({ trusted: 1, trusted_by: 'thư mời: Trần Văn An' });
    expect((await call(head, 'enrol.invitations', {})).map((i) => i.usedBy)).toEqual([staff.deviceId]);
  });
});

describe('who may revoke, replace and hand over', () => {
  it('a staff computer may not; a head only its own mission’s devices; HQ any', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const staff = await open('Trần Văn An');
    const other = await open('Hoàng Lan');
    await call(head, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(head, staff))[0]!.status).toBe('applied');
    await call(other, 'activity.create', activity('Tọa đàm'));
    expect((await send(other, head))[0]!.status).toBe('applied');
    expect((await send(other, staff))[0]!.status).toBe('applied');

    const staffRevoke = await refusal(call(staff, 'exchange.revoke', { device: head.deviceId, reason: 'Máy bị mất' }));
    expect(staffRevoke.code).toBe('DEVICE_HEAD_OR_HQ_ONLY');
    expect(translate('vi', `errors.${staffRevoke.code}`)).toContain('Trưởng Cơ quan đại diện');
    expect((await refusal(call(staff, 'exchange.replace', { device: other.deviceId, by: (await call(head, 'exchange.identity', {})).fingerprint }))).code).toBe(
      'DEVICE_HEAD_OR_HQ_ONLY',
    );
    expect(staff.db.prepare(`SELECT count(*) FROM device_revocations`).pluck().get()).toBe(0);

    // HQ's computer, trusted at the head (a key notice): not the head's to revoke.
    const hqId = await call(hq, 'exchange.identity', {});
    head.db
      .prepare(
        `INSERT INTO devices (device_id, public_key, fingerprint, mission_code, mission_name, first_seen, trusted_at, trusted_by) VALUES (?, ?, ?, 'BNG', 'Bộ Ngoại giao', ?, ?, 'test')`,
      )
      .run(hqId.deviceId, hqId.publicKey, hqId.fingerprint, START.toISOString(), START.toISOString());
    const foreign = await refusal(call(head, 'exchange.revoke', { device: hqId.deviceId, reason: 'nhầm' }));
    expect([foreign.code, foreign.params]).toEqual(['DEVICE_OTHER_MISSION', { mission: 'BNG', own: 'DSQ-JP' }]);
    expect((await call(head, 'exchange.revoke', { device: other.deviceId, reason: 'Máy bị mất' })).state).toBe('revoked');

    expect((await send(head, hq))[0]!.status).toBe('applied');
    expect((await call(hq, 'exchange.revoke', { device: head.deviceId, reason: 'Thay máy' })).state).toBe('revoked');

    // The head's role passes between heads' computers only.
    expect((await refusal(call(staff, 'enrol.handover', {}))).code).toBe('HANDOVER_HEAD_ONLY');
    const { text } = await call(head, 'enrol.handover', {});
    expect((await refusal(call(staff, 'enrol.acceptHandover', { text, fingerprint: (await call(head, 'exchange.identity', {})).fingerprint }))).code).toBe(
      'HANDOVER_HEAD_ONLY',
    );
  });
});

describe('head hand-over', () => {
  it('the new head accepts the staff batches without trusting anyone again, once it compared the old head’s fingerprint', async () => {
    const oldHead = await open('Nguyễn Thu Hà', { role: 'head' });
    const staff = await open('Trần Văn An');
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(staff, oldHead))[0]!.status).toBe('applied');
    await call(oldHead, 'exchange.export', { recipients: [await recipientOf(hq)], label: 'Bộ Ngoại giao', out: `${tempDir()}/` });

    const { text } = await call(oldHead, 'enrol.handover', {});
    const newHead = await open('Vũ Hoàng Long', { role: 'head' });
    const unverified = await refusal(call(newHead, 'enrol.acceptHandover', { text }));
    const oldId = await call(oldHead, 'exchange.identity', {});
    expect([unverified.code, unverified.params?.fingerprint]).toEqual(['HANDOVER_UNVERIFIED', oldId.fingerprint]);
    expect((await refusal(call(newHead, 'enrol.acceptHandover', { text, fingerprint: '0000 1111 2222 3333 4444 5555 6666 7777' }))).code).toBe(
      'HANDOVER_UNVERIFIED',
    );
    const other = await open('Lê Minh', { role: 'head', code: 'DSQ-FR' });
    expect((await refusal(call(other, 'enrol.acceptHandover', { text, fingerprint: oldId.fingerprint }))).code).toBe('HANDOVER_OTHER_MISSION');

    const accepted = await call(newHead, 'enrol.acceptHandover', { text, fingerprint: oldId.fingerprint.replaceAll(' ', '').toLowerCase() });
    expect(accepted).toEqual({ from: { deviceId: oldHead.deviceId, fingerprint: oldId.fingerprint }, devices: 1, receivers: 1 });
    expect(deviceRow(newHead, staff.deviceId)).toMatchObject({ trusted: 1, trusted_by: 'bàn giao: Nguyễn Thu Hà' });
    expect((await call(newHead, 'exchange.receivers', {})).map((r) => [r.label, r.recipients])).toEqual([['Bộ Ngoại giao', [await recipientOf(hq)]]]);

    await call(staff, 'activity.create', activity('Tọa đàm đầu tư'));
    const file = (await call(staff, 'exchange.export', { recipients: [await recipientOf(newHead)], out: `${tempDir()}/` })).path;
    const report = await importAt(newHead, file);
    expect(report.status).toBe('applied');
    expect(newHead.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(2);
  });
});

describe('HQ key rotation', () => {
  it('reads batches sent to the old key and to the new one, and the mission’s chain goes on', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const oldRecipient = await recipientOf(hq);
    await call(head, 'activity.create', activity('Lô một'));
    expect((await send(head, hq))[0]!.status).toBe('applied');
    const [receiver] = await call(head, 'exchange.receivers', {});
    await call(head, 'activity.create', activity('Lô hai'));
    const second = await call(head, 'exchange.export', { receiverId: receiver!.id, out: `${tempDir()}/` });

    expect((await refusal(call(head, 'enrol.rotateKey', {}))).code).toBe('KEY_ROTATE_HQ_ONLY');
    const rotated = await call(hq, 'enrol.rotateKey', {});
    expect(rotated.previousRecipient).toBe(oldRecipient);
    expect(rotated.recipient).not.toBe(oldRecipient);
    expect(await recipientOf(hq)).toBe(rotated.recipient);

    // The head has never trusted HQ's computer: the fingerprint is compared first.
    const unverified = await refusal(call(head, 'enrol.receiverKey', { text: rotated.text }));
    expect([unverified.code, unverified.params?.fingerprint]).toEqual(['KEY_NOTICE_UNVERIFIED', (await call(hq, 'exchange.identity', {})).fingerprint]);
    const tampered = rotated.text.replace(rotated.recipient, oldRecipient);
    expect((await refusal(call(head, 'enrol.receiverKey', { text: tampered, fingerprint: rotated.fingerprint }))).code).toBe('SIGNED_FILE_SIGNATURE_INVALID');
    const switched = await call(head, 'enrol.receiverKey', { text: rotated.text, fingerprint: rotated.fingerprint });
    expect([switched.id, switched.recipients, switched.lastBatchSeq]).toEqual([receiver!.id, [rotated.recipient], 2]);
    expect((await refusal(call(head, 'enrol.receiverKey', { text: rotated.text, fingerprint: rotated.fingerprint }))).code).toBe('KEY_NOTICE_APPLIED');

    await call(head, 'activity.create', activity('Lô ba'));
    const third = await call(head, 'exchange.export', { receiverId: receiver!.id, out: `${tempDir()}/` });
    expect([third.sequence, third.stream]).toEqual([3, second.stream]);

    const reports = await call(hq, 'exchange.import', { files: [{ path: second.path }, { path: third.path }] });
    expect(reports.map((r) => [r.status, r.batch?.sequence])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(
      hq.db
        .prepare(`SELECT seq FROM batches_received WHERE device_id = ? AND stream = ? AND status = 'applied' ORDER BY seq`)
        .pluck()
        .all(head.deviceId, second.stream),
    ).toEqual([1, 2, 3]);
    expect(hq.db.prepare(`SELECT title FROM activities ORDER BY title`).pluck().all()).toEqual(['Lô ba', 'Lô hai', 'Lô một']);
  });

  it('a mission that trusts HQ’s computer switches without comparing', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(head, 'exchange.export', { recipients: [await recipientOf(hq)], out: `${tempDir()}/` });
    const hqId = await call(hq, 'exchange.identity', {});
    head.db
      .prepare(
        `INSERT INTO devices (device_id, public_key, fingerprint, mission_code, mission_name, first_seen, trusted_at, trusted_by) VALUES (?, ?, ?, 'BNG', 'Bộ Ngoại giao', ?, ?, 'test')`,
      )
      .run(hqId.deviceId, hqId.publicKey, hqId.fingerprint, START.toISOString(), START.toISOString());
    const rotated = await call(hq, 'enrol.rotateKey', {});
    expect((await call(head, 'enrol.receiverKey', { text: rotated.text })).recipients).toEqual([rotated.recipient]);
  });
});

describe('cau-noi device, init --invitation, hq rotate-key, batch receiver-key', () => {
  const ministry = [...MINISTRY_INIT];
  const mission = [...EMBASSY_INIT];

  it('enrols a staff computer, rotates HQ’s key and switches the head to it', async () => {
    const [head, staff, hq, files] = [tempDir(), tempDir(), tempDir(), tempDir()];
    const cli = (dir: string, ...args: string[]) => runCliCaptured(['--data-dir', dir, ...args]);
    expect((await cli(head, 'init', ...mission, '--role', 'head', '--user', 'Nguyễn Thu Hà')).code).toBe(0);
    expect((await cli(hq, 'init', ...ministry)).code).toBe(0);
    const missing = await cli(staff, 'init', '--user', 'Trần Văn An');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('--invitation FILE')]);

    const invite = await cli(head, 'device', 'invite', '--name', 'Trần Văn An', '--out', files, '--days', '7', '--json');
    expect(invite.code).toBe(0);
    const invitationFile = (JSON.parse(invite.stdout) as { path: string }).path;
    expect(path.dirname(invitationFile)).toBe(files);
    const joined = await cli(staff, 'init', '--invitation', invitationFile, '--user', 'Trần Văn An');
    expect([joined.code, joined.stdout]).toEqual([0, expect.stringContaining('Set up DSQ-FR')]);
    expect(joined.stdout).toContain(JSON.parse(fs.readFileSync(invitationFile, 'utf8')).signer.fingerprint);

    const notice = path.join(files, 'notice.json');
    const rotated = await cli(hq, 'hq', 'rotate-key', '--out', notice, '--json');
    expect(rotated.code).toBe(0);
    const { recipient, previousRecipient, fingerprint } = JSON.parse(rotated.stdout) as { recipient: string; previousRecipient: string; fingerprint: string };
    expect((await cli(head, 'batch', 'export', '--out', files, '--to', previousRecipient, '--label', 'Bộ Ngoại giao')).code).toBe(0);
    const unverified = await cli(head, 'batch', 'receiver-key', notice);
    expect([unverified.code, unverified.stderr]).toEqual([1, expect.stringContaining('KEY_NOTICE_UNVERIFIED')]);
    const switched = await cli(head, 'batch', 'receiver-key', notice, '--fingerprint', fingerprint);
    expect([switched.code, switched.stdout]).toEqual([0, `Bộ Ngoại giao now sends to ${recipient}; the next batch is number 2\n`]);

    const handover = await cli(head, 'device', 'handover', '--out', path.join(files, 'handover.json'));
    expect(handover.code).toBe(0);
    // A staff computer neither hands over the head's role nor revokes.
    const staffHandover = await cli(staff, 'device', 'handover', '--out', path.join(files, 'staff.json'));
    expect([staffHandover.code, staffHandover.stderr]).toEqual([1, expect.stringContaining('HANDOVER_HEAD_ONLY')]);
    const headId = JSON.parse(fs.readFileSync(invitationFile, 'utf8')).signer.id as string;
    const staffRevoke = await cli(staff, 'device', 'revoke', headId, '--reason', 'Máy bị mất');
    expect([staffRevoke.code, staffRevoke.stderr]).toEqual([1, expect.stringContaining('DEVICE_HEAD_OR_HQ_ONLY')]);
  });
});
