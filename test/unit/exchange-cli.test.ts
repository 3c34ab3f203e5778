import fs from 'node:fs';
import path from 'node:path';
import { Decrypter } from 'age-encryption';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/context';
import { runCliCaptured } from '../support/cli';
import { EMBASSY_INIT, MINISTRY_INIT } from '../support/ministry';

const cli = (args: string[]) => runCliCaptured(args);
afterEach(() => vi.restoreAllMocks());

const mission = [...EMBASSY_INIT];
const ministry = [...MINISTRY_INIT];

describe('cau-noi batch and hq', () => {
  it('exports, verifies, trusts, imports with distinct exit codes, and lists missions', async () => {
    const head = tempDir();
    const hq = tempDir();
    expect((await cli(['--data-dir', head, 'init', ...mission, '--role', 'head'])).code).toBe(0);
    expect((await cli(['--data-dir', hq, 'init', ...ministry])).code).toBe(0);
    const input = path.join(head, 'a.json');
    fs.writeFileSync(input, JSON.stringify({ title: 'Hội chợ VivaTech', kind: 'trade-promotion', startDate: '2025-06-11', city: 'Paris' }));
    expect((await cli(['--data-dir', head, 'activity', 'add', '--json', input])).code).toBe(0);

    const identityFile = path.join(hq, 'hq.key');
    const keygen = await cli(['--data-dir', hq, 'hq', 'keygen', '--json', '--identity-out', identityFile]);
    const { recipient, fingerprint } = JSON.parse(keygen.stdout) as { recipient: string; fingerprint: string };
    expect(recipient).toMatch(/^age1/);
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

    const out = path.join(head, 'outbox-test', 'b1.cnb.age');
    fs.mkdirSync(path.dirname(out));
    const exported = await cli(['--data-dir', head, 'batch', 'export', '--out', out, '--to', recipient, '--label', 'Bộ Ngoại giao', '--json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ sequence: 1, path: out });

    // HQ's own tools read it: the age identity decrypts it to a zip with the signed manifest.
    const identity = fs
      .readFileSync(identityFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const zip = unzipSync(await decrypter.decrypt(fs.readFileSync(out)));
    expect(Object.keys(zip).sort()).toEqual(['changes.jsonl.gz', 'manifest.json', 'manifest.sig']);
    expect(JSON.parse(strFromU8(zip['manifest.json']!))).toMatchObject({
      formatVersion: 3,
      mission: { code: 'DSQ-FR' },
      sequence: 1,
      previousSha256: null,
      revocations: [],
    });

    const unknown = await cli(['--data-dir', hq, 'batch', 'verify', out, '--json']);
    expect(unknown.code).toBe(4);
    expect(JSON.parse(unknown.stdout).error.code).toBe('BATCH_UNKNOWN_DEVICE');
    const trust = await cli(['--data-dir', hq, 'hq', 'trust', out]);
    expect(trust.code).toBe(0);
    expect(trust.stdout).toContain('DSQ-FR');

    const verify = await cli(['--data-dir', hq, 'batch', 'verify', out, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ status: 'preview', summary: { activity: { created: 1 } } });
    const imported = await cli(['--data-dir', hq, 'batch', 'import', path.dirname(out), '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)[0].status).toBe('applied');
    const again = await cli(['--data-dir', hq, 'batch', 'import', out]);
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('duplicate');

    const bad = path.join(head, 'bad.cnb.age');
    fs.writeFileSync(bad, fs.readFileSync(out).subarray(0, 200));
    const rejected = await cli(['--data-dir', hq, 'batch', 'import', bad]);
    expect(rejected.code).toBe(4);
    expect(rejected.stdout).toContain('BATCH_CORRUPT');

    const missions = await cli(['--data-dir', hq, 'hq', 'missions', '--json']);
    expect(JSON.parse(missions.stdout).find((m: { code: string }) => m.code === 'DSQ-FR')).toMatchObject({
      registered: true,
      batchesApplied: 1,
      lastBatch: { sequence: 1 },
      gaps: [],
    });
    const list = await cli(['--data-dir', hq, 'activity', 'list', '--json']);
    expect(JSON.parse(list.stdout).rows.map((r: { title: string }) => r.title)).toEqual(['Hội chợ VivaTech']);

    // HQ's consolidated figures: every mission, by mission, by region; as JSON and .xlsx.
    const report = await cli(['--data-dir', hq, 'report', '--period', '2025S1', '--all-missions', '--json']);
    expect(report.code).toBe(0);
    const consolidated = JSON.parse(report.stdout);
    expect(consolidated.total.key.activitiesDone.value).toBe(1);
    expect(consolidated.byMission).toMatchObject([{ code: 'DSQ-FR', region: 'europe', key: { activitiesDone: { value: 1 } } }]);
    expect(consolidated.byRegion).toMatchObject([{ region: 'europe', missions: 1, key: { activitiesDone: { value: 1 } } }]);
    const xlsx = path.join(hq, 'tong-hop.xlsx');
    expect((await cli(['--data-dir', hq, 'report', '--period', '2025S1', '--all-missions', '--xlsx', xlsx])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo Cơ quan đại diện',
      'Theo khu vực',
      'Theo loại hoạt động',
      'Theo địa phương',
      'Báo cáo trùng',
    ]);
    expect(book.getWorksheet('Theo Cơ quan đại diện')!.getRow(2).getCell(1).value).toBe('DSQ-FR');
    expect(book.getWorksheet('Theo khu vực')!.getRow(2).getCell(1).value).toBe('Châu Âu');

    // A second export needs no --to: the receiver used before is remembered.
    const second = await cli(['--data-dir', head, 'batch', 'export', '--out', `${path.dirname(out)}/`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Wrote batch 2 \(0 changes\)/);

    // The head's laptop is lost: HQ lists it, revokes it with a reason; its next batch is refused.
    const headFingerprint = (JSON.parse((await cli(['--data-dir', head, 'hq', 'keygen', '--json'])).stdout) as { fingerprint: string }).fingerprint;
    const devices = JSON.parse((await cli(['--data-dir', hq, 'device', 'list', '--json'])).stdout) as { deviceId: string; fingerprint: string }[];
    expect(devices).toMatchObject([{ missionCode: 'DSQ-FR', fingerprint: headFingerprint, state: 'trusted', via: 'direct', revokedAt: null }]);
    const usage = await cli(['--data-dir', hq, 'device', 'revoke', devices[0]!.fingerprint]);
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toContain('--reason');
    const revoke = await cli(['--data-dir', hq, 'device', 'revoke', devices[0]!.fingerprint, '--reason', 'Máy bị mất cắp']);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/^Revoked .*DSQ-FR .* revoked \d{4}-\d\d-\d\d by .*: Máy bị mất cắp$/m);
    expect((await cli(['--data-dir', hq, 'device', 'list'])).stdout).toContain('Máy bị mất cắp');
    const refused = await cli(['--data-dir', hq, 'batch', 'import', path.dirname(out)]);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toContain('BATCH_DEVICE_REVOKED');
    expect(JSON.parse((await cli(['--data-dir', hq, 'hq', 'missions', '--json'])).stdout).find((m: { code: string }) => m.code === 'DSQ-FR')).toMatchObject({
      devices: 0,
      devicesRevoked: 1,
    });
    const replace = await cli(['--data-dir', hq, 'device', 'replace', devices[0]!.deviceId, '--by', 'AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111']);
    expect(replace.code).not.toBe(0);
    expect(replace.stderr).toContain('EXCHANGE_DEVICE_NOT_SEEN');
  });
});
