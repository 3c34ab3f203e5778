import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { reportingState } from '../../electron/services/exchange/missions';
import { lastEndedHalfYear } from '../../shared/period';
import { REFERENCE_MISSIONS } from '../../electron/services/register';
import { DEMO_MISSION } from '../../electron/services/demo';
import { dispatch } from '../../electron/ipc/dispatch';
import { isCountryCode } from '../../shared/countries';
import { MissionInput } from '../../shared/domain/mission';
import { call, tempDir } from '../support/context';
import { device } from '../support/exchange';
import { runCliCaptured } from '../support/cli';
import { MINISTRY_INIT } from '../support/ministry';

const opened: AppContext[] = [];
afterEach(() => opened.splice(0).forEach((app) => app.close()));
async function open(...args: Parameters<typeof device>) {
  const app = await device(...args);
  opened.push(app);
  return app;
}

const consulate = {
  code: 'TLSQ-JP-NGO',
  nameVi: 'Tổng Lãnh sự quán Việt Nam tại Nagoya',
  nameEn: 'Consulate General of Viet Nam in Nagoya',
  kind: 'consulate-general',
  country: 'JP',
  city: 'Nagoya',
} as const;

/** A received batch as the import records it (created_at is when the sender wrote it). */
function batch(hq: AppContext, mission: string, seq: number, status: 'applied' | 'held' | 'refused', createdAt: string, deviceId = `dev-${mission}`) {
  hq.db
    .prepare(
      `INSERT INTO batches_received (sha256, device_id, stream, seq, prev_sha256, mission_code, status, reason, change_count, created_at, received_at)
       VALUES (?, ?, 's', ?, NULL, ?, ?, NULL, 1, ?, ?)`,
    )
    .run(`${mission}-${seq}-${status}`, deviceId, seq, mission, status, createdAt, createdAt);
}
function seenDevice(hq: AppContext, mission: string, trusted: boolean) {
  hq.db
    .prepare(
      `INSERT INTO devices (device_id, public_key, fingerprint, mission_code, mission_name, first_seen, trusted_at, trusted_by) VALUES (?, 'k', 'f', ?, ?, '2026-07-01T00:00:00Z', ?, ?)`,
    )
    .run(`dev-${mission}`, mission, `Cơ quan ${mission}`, trusted ? '2026-07-01T00:00:00Z' : null, trusted ? 'HQ' : null);
}

describe('the reference list of missions', () => {
  it('is about 94 valid missions with unique codes, and the four permanent missions', () => {
    expect(REFERENCE_MISSIONS.length).toBeGreaterThanOrEqual(90);
    expect(REFERENCE_MISSIONS.length).toBeLessThanOrEqual(105);
    expect(new Set(REFERENCE_MISSIONS.map((m) => m.code)).size).toBe(REFERENCE_MISSIONS.length);
    for (const m of REFERENCE_MISSIONS) {
      expect(MissionInput.parse(m)).toEqual(m);
      expect(isCountryCode(m.country)).toBe(true);
    }
    expect(REFERENCE_MISSIONS.filter((m) => m.kind === 'permanent-mission').map((m) => m.code)).toEqual(['PDTT-NY', 'PDTT-GE', 'PDTT-UNESCO', 'PDTT-ASEAN']);
  });
});

describe('HQ register', () => {
  it('is seeded once, then edited at HQ: add, edit (rename), remove, with coded refusals', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const seeded = await call(hq, 'hq.register.list', {});
    expect(seeded.length).toBe(REFERENCE_MISSIONS.length);
    expect(seeded.find((m) => m.code === 'PDTT-NY')).toMatchObject({ country: 'US', region: 'permanent-missions' });
    expect(seeded.find((m) => m.code === 'DSQ-US')).toMatchObject({ region: 'americas' });

    expect(await call(hq, 'hq.register.add', { ...consulate, code: ' tlsq-jp-ngo ' })).toMatchObject({ code: 'TLSQ-JP-NGO', region: 'asia' });
    expect(await dispatch(hq, 'hq.register.add', consulate)).toMatchObject({
      ok: false,
      error: { code: 'REGISTER_CODE_TAKEN', params: { code: 'TLSQ-JP-NGO' } },
    });
    expect(await dispatch(hq, 'hq.register.add', { ...consulate, code: 'X-1', kind: 'palace' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    await call(hq, 'hq.register.edit', { code: 'TLSQ-JP-NGO', values: { ...consulate, code: 'TLSQ-JP-NAG', city: 'Nagoya-shi' } });
    expect(await dispatch(hq, 'hq.register.edit', { code: 'TLSQ-JP-NAG', values: { ...consulate, code: 'DSQ-JP' } })).toMatchObject({
      ok: false,
      error: { code: 'REGISTER_CODE_TAKEN' },
    });
    expect(await dispatch(hq, 'hq.register.edit', { code: 'NOPE', values: consulate })).toMatchObject({
      ok: false,
      error: { code: 'REGISTER_NOT_FOUND', params: { code: 'NOPE' } },
    });

    await call(hq, 'hq.register.remove', { code: 'dsq-kp' });
    const after = await call(hq, 'hq.register.list', {});
    expect(after.length).toBe(REFERENCE_MISSIONS.length);
    expect(after.find((m) => m.code === 'TLSQ-JP-NAG')).toMatchObject({ city: 'Nagoya-shi' });
    expect(after.some((m) => m.code === 'TLSQ-JP-NGO' || m.code === 'DSQ-KP')).toBe(false);
    expect(await dispatch(hq, 'hq.register.remove', { code: 'DSQ-KP' })).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_FOUND' } });
  });

  it('is HQ’s: a mission’s computer has none', async () => {
    const mission = await open('Nguyễn Thu Hà', { role: 'head' });
    expect(await dispatch(mission, 'hq.register.list', {})).toMatchObject({ ok: false, error: { code: 'HQ_ONLY' } });
  });
});

describe('missions’ state for a period', () => {
  it('is reported, due, late or never, by the batches written after the period ended and 30 days of grace', () => {
    expect(lastEndedHalfYear('2026-12-02')).toBe('2026S1');
    expect(lastEndedHalfYear('2026-06-30')).toBe('2025S2');
    expect(lastEndedHalfYear('2026-07-01')).toBe('2026S1');
    const end = '2026-06-30';
    expect(reportingState(['2026-07-01T08:00:00.000Z'], end, '2026-07-02')).toBe('reported');
    expect(reportingState(['2026-06-30T23:00:00.000Z'], end, '2026-07-30')).toBe('due');
    expect(reportingState(['2026-06-30T23:00:00.000Z'], end, '2026-07-31')).toBe('late');
    expect(reportingState([], end, '2026-07-30')).toBe('due');
    expect(reportingState([], end, '2026-07-31')).toBe('never');
  });

  it('lists every expected mission and every mission that sent anything, registered or not', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    hq.missions.create(DEMO_MISSION);
    hq.missions.create({
      code: 'DSQ-FR',
      nameVi: 'Đại sứ quán Việt Nam tại Pháp',
      nameEn: 'Embassy of Viet Nam in France',
      kind: 'embassy',
      country: 'FR',
      city: 'Paris',
    });
    batch(hq, 'DSQ-JP', 1, 'applied', '2026-03-01T09:00:00.000Z');
    batch(hq, 'DSQ-JP', 2, 'applied', '2026-07-10T09:00:00.000Z');
    batch(hq, 'DSQ-FR', 1, 'applied', '2026-05-01T09:00:00.000Z');
    // First batch held (its predecessor is missing), another refused: the mission is still seen.
    batch(hq, 'DSQ-DE', 2, 'held', '2026-07-05T09:00:00.000Z');
    batch(hq, 'DSQ-DE', 3, 'refused', '2026-07-06T09:00:00.000Z');
    seenDevice(hq, 'DSQ-DE', false);
    // A device awaiting trust, of a mission that is not in the register.
    seenDevice(hq, 'VPDD-TW', false);
    await call(hq, 'hq.register.remove', { code: 'DSQ-FR' });

    const missions = await call(hq, 'hq.missions', { period: '2026S1', asOf: '2026-12-02' });
    const by = new Map(missions.map((m) => [m.code, m]));
    expect(missions.length).toBe(REFERENCE_MISSIONS.length + 1);
    expect(missions.map((m) => m.code)).toEqual([...missions.map((m) => m.code)].sort());
    expect(by.has('BNG')).toBe(false);
    expect(by.get('DSQ-JP')).toMatchObject({ registered: true, state: 'reported', batchesApplied: 2, lastBatch: { sequence: 2 }, region: 'asia' });
    expect(by.get('DSQ-FR')).toMatchObject({ registered: false, state: 'late', kind: 'embassy', region: 'europe', missionId: expect.any(String) });
    expect(by.get('DSQ-DE')).toMatchObject({
      registered: true,
      state: 'never',
      missionId: null,
      batchesApplied: 0,
      batchesHeld: 1,
      batchesRefused: 1,
      devices: 0,
      devicesWaiting: 1,
    });
    expect(by.get('DSQ-DE')!.gaps).toEqual([{ deviceId: 'dev-DSQ-DE', stream: 's', missing: [1] }]);
    expect(by.get('VPDD-TW')).toMatchObject({ registered: false, state: 'never', kind: null, nameVi: 'Cơ quan VPDD-TW', region: 'other', devicesWaiting: 1 });
    expect(by.get('PDTT-NY')).toMatchObject({ registered: true, state: 'never', region: 'permanent-missions', lastBatch: null });
    expect(missions.filter((m) => m.state === 'never').length).toBe(REFERENCE_MISSIONS.length - 1);

    // Within the grace days the same missions are only due; the period defaults to the last half-year ended.
    const inGrace = await call(hq, 'hq.missions', { asOf: '2026-07-20' });
    expect(Object.fromEntries(inGrace.map((m) => [m.code, m.state]))).toMatchObject({
      'DSQ-JP': 'reported',
      'DSQ-FR': 'due',
      'DSQ-DE': 'due',
      'PDTT-NY': 'due',
    });
  });
});

const cli = (args: string[]) => runCliCaptured(args);

describe('cau-noi hq register and hq missions', () => {
  it('lists, adds, edits only what is given, removes; hq missions prints each state', async () => {
    const dir = tempDir();
    const hq = (...args: string[]) => cli(['--data-dir', dir, ...args]);
    expect((await hq('init', ...MINISTRY_INIT)).code).toBe(0);
    const list = await hq('hq', 'register', 'list', '--json');
    expect(JSON.parse(list.stdout)).toHaveLength(REFERENCE_MISSIONS.length);
    const added = await hq(
      'hq',
      'register',
      'add',
      'TLSQ-JP-NGO',
      '--name-vi',
      consulate.nameVi,
      '--name-en',
      consulate.nameEn,
      '--kind',
      'consulate-general',
      '--country',
      'JP',
      '--city',
      'Nagoya',
      '--json',
    );
    expect(JSON.parse(added.stdout)).toEqual({ ...consulate, region: 'asia' });
    const edited = await hq('hq', 'register', 'edit', 'TLSQ-JP-NGO', '--city', 'Nagoya-shi');
    expect(edited.stdout).toContain('TLSQ-JP-NGO');
    const again = await hq(
      'hq',
      'register',
      'add',
      'TLSQ-JP-NGO',
      '--name-vi',
      'x',
      '--name-en',
      'x',
      '--kind',
      'consulate-general',
      '--country',
      'JP',
      '--city',
      'x',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('REGISTER_CODE_TAKEN');
    expect((await hq('hq', 'register', 'remove', 'PDTT-NY')).code).toBe(0);
    const after = JSON.parse((await hq('hq', 'register', 'list', '--json')).stdout) as { code: string; city: string }[];
    expect(after.find((m) => m.code === 'TLSQ-JP-NGO')!.city).toBe('Nagoya-shi');
    expect(after.some((m) => m.code === 'PDTT-NY')).toBe(false);

    const text = await hq('hq', 'missions', '--period', '2026S1', '--as-of', '2026-12-02');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^DSQ-JP\s+never\s+Đại sứ quán Việt Nam tại Nhật Bản: no batch$/m);
    const json = JSON.parse((await hq('hq', 'missions', '--period', '2026S1', '--as-of', '2026-07-15', '--json')).stdout) as { code: string; state: string }[];
    expect(json).toHaveLength(REFERENCE_MISSIONS.length);
    expect(new Set(json.map((m) => m.state))).toEqual(new Set(['due']));
  });
});
