import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/context';
import { runCliCaptured } from '../support/cli';

/** Runs the CLI in-process, capturing what it prints. */
const cli = (args: string[]) => runCliCaptured(args);

afterEach(() => vi.restoreAllMocks());

const INIT = [
  'init',
  '--code',
  'TLSQ-OSA',
  '--name-vi',
  'Tổng Lãnh sự quán Việt Nam tại Osaka',
  '--name-en',
  'Consulate General of Viet Nam in Osaka',
  '--kind',
  'consulate-general',
  '--country',
  'jp',
  '--city',
  'Osaka',
  '--user',
  'Trần Minh Đức',
  '--json',
];

describe('cau-noi CLI', () => {
  it('initialises a mission, adds activities from JSON, lists by period and searches', async () => {
    const dir = tempDir();
    const init = await cli(['--data-dir', dir, ...INIT]);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ setUp: true, mission: { code: 'TLSQ-OSA', country: 'JP' } });

    const file = path.join(dir, 'in.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { title: 'Xúc tiến thương mại nông sản Đồng Tháp', kind: 'trade-promotion', startDate: '2025-06-30', provinces: ['dong-thap'] },
        { title: 'Diễn đàn đầu tư Kansai', kind: 'investment-promotion', startDate: '2025-07-01' },
      ]),
    );
    const added = await cli(['--data-dir', dir, 'activity', 'add', '--json', file]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toHaveLength(2);

    const s1 = await cli(['--data-dir', dir, 'activity', 'list', '--period', '2025S1', '--json']);
    const page = JSON.parse(s1.stdout) as { total: number; rows: { title: string }[] };
    expect(page.total).toBe(1);
    expect(page.rows[0]!.title).toBe('Xúc tiến thương mại nông sản Đồng Tháp');

    const found = await cli(['--data-dir', dir, 'search', 'tien giang', '--json']);
    expect((JSON.parse(found.stdout) as { title: string }[]).map((h) => h.title)).toEqual(['Xúc tiến thương mại nông sản Đồng Tháp']);
  });

  it('reports invalid input on stderr with a non-zero exit, and writes nothing', async () => {
    const dir = tempDir();
    await cli(['--data-dir', dir, ...INIT]);
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ title: 'x', kind: 'trade-promotion', startDate: '31/12/2025' }));
    const bad = await cli(['--data-dir', dir, 'activity', 'add', '--json', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('VALIDATION');
    expect(bad.stderr).toContain('startDate: Not a date');
    const list = await cli(['--data-dir', dir, 'activity', 'list', '--json']);
    expect(JSON.parse(list.stdout).total).toBe(0);

    fs.writeFileSync(file, '{ not json');
    expect((await cli(['--data-dir', dir, 'activity', 'add', '--json', file])).code).toBe(2);
    expect((await cli(['--data-dir', dir, 'activity', 'list', '--period', 'S7'])).code).toBe(2);
  });

  it('fills a demo mission deterministically', async () => {
    const a = tempDir();
    const b = tempDir();
    const first = await cli(['--data-dir', a, 'demo', '--activities', '120', '--json']);
    expect(first.code).toBe(0);
    await cli(['--data-dir', b, 'demo', '--activities', '120', '--json']);
    const listA = JSON.parse((await cli(['--data-dir', a, 'activity', 'list', '--json'])).stdout) as {
      total: number;
      rows: { title: string; startDate: string }[];
    };
    const listB = JSON.parse((await cli(['--data-dir', b, 'activity', 'list', '--json'])).stdout) as typeof listA;
    expect(listA.total).toBe(120);
    expect(listA.rows.map((r) => r.title + r.startDate)).toEqual(listB.rows.map((r) => r.title + r.startDate));
    const kinds = new Set(listA.rows.map((r) => (r as unknown as { kind: string }).kind));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  });

  it('encrypts a new demo folder when a passphrase is given, as init does', async () => {
    const dir = tempDir();
    process.env.CAU_NOI_PASSPHRASE = 'Hà Nội mùa thu 2025';
    try {
      expect((await cli(['--data-dir', dir, 'demo', '--activities', '30', '--json'])).code).toBe(0);
    } finally {
      delete process.env.CAU_NOI_PASSPHRASE;
    }
    expect(fs.existsSync(path.join(dir, 'cau-noi.keyinfo.json'))).toBe(true);
    const locked = await cli(['--data-dir', dir, 'activity', 'list', '--json']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('LOCKED');
  });
});
