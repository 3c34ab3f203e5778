/**
 * Hostile files: CSV, XLSX, batch and backup files, hand-made attacks (zip bombs, sparse
 * sheets, a million header columns, lying sizes) and seeded random mutations of good files.
 * Every case must answer within 10 s with a result or a refusal that has its own code (never
 * INTERNAL), and the process's peak memory must stay under 500 MB above where it started.
 * Reproduce a run with HOSTILE_SEED=<the seed printed>; HOSTILE_DEBUG=1 prints every case's
 * answer, time and peak memory so far.
 */
import fs from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { DEFAULT_TABLE_LIMITS } from '../../electron/services/table-limits';
import { readTableIsolated } from '../../electron/services/table-reader';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../shared/domain/partner-import';
import type { AppError } from '../../shared/errors';
import type { ImportReport } from '../../shared/domain/exchange';
import { backupDir } from '../../electron/services/backup';
import { seededRandom } from '../../electron/services/demo';
import { ageDecrypt, ageEncrypt, deviceKeys, signBytes } from '../../electron/services/exchange/crypto';
import { exportBatch } from '../../electron/services/exchange/export';
import { gzip, packContainer, unpackContainer } from '../../electron/services/exchange/format';
import { call, openContext, setUpMission } from '../support/context';
import { activity, device, receive, recipientOf, writeBatch } from '../support/exchange';

const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
console.log(`hostile-files seed: ${SEED} (rerun with HOSTILE_SEED=${SEED})`);

// The demo's seeded generator (mulberry32) picks the mutations.
const random = seededRandom(SEED);
const below = (n: number) => Math.floor(random() * n);

/** A copy of bytes with 1–8 random damages: flipped bytes, a cut, a repeated or removed slice. */
function mutate(bytes: Uint8Array): Buffer {
  let out = Buffer.from(bytes);
  for (let n = 1 + below(8); n > 0 && out.length > 0; n--) {
    const at = below(out.length);
    // Cuts are rarer than the rest, or nearly every file would just be truncated.
    const kind = below(10);
    if (kind < 6) out[at] = below(256);
    else if (kind === 6) out = out.subarray(0, at);
    else if (kind === 7) out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + below(64)), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + below(64))]);
  }
  return out;
}

// ---- zips with whatever sizes we like to declare -------------------------------------------

interface RawEntry {
  name: string;
  data: Uint8Array;
  /** 8: data is raw deflate; 0: stored. */
  method?: 0 | 8;
  /** The uncompressed size to declare (default: the data's length, true when stored). */
  size?: number;
}

function zip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.method ?? 0;
    const size = e.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const deflated = (name: string, text: string): RawEntry => ({ name, data: deflateRawSync(Buffer.from(text)), method: 8, size: Buffer.byteLength(text) });

/** Raw deflate of `megabytes` MiB of zeros, about a thousand times smaller, made without allocating them. */
function zeroBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

/** The same as gzip (its checksum is never reached: the reader stops at the size cap). */
const gzipBomb = (megabytes: number) => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), zeroBomb(megabytes), Buffer.alloc(8)]);

// ---- XLSX parts ------------------------------------------------------------------------------

const WORKBOOK =
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const sheetXml = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const xlsx = (sheet: RawEntry) => zip([deflated('xl/workbook.xml', WORKBOOK), deflated('xl/_rels/workbook.xml.rels', RELS), sheet]);
const xlsxOf = (rows: string) => xlsx(deflated('xl/worksheets/sheet1.xml', sheetXml(rows)));

// ---- running a case ------------------------------------------------------------------------

interface Outcome {
  code: string | 'ok';
  ms: number;
}

const outcomes: { label: string; outcome: Outcome }[] = [];
const startRss = process.resourceUsage().maxRSS;

/** Runs one case through the app's own dispatcher; records how long it took and its answer. */
async function attempt(label: string, run: () => Promise<{ ok: boolean; code?: string; message?: string }>): Promise<Outcome> {
  const started = performance.now();
  const result = await run();
  const outcome = { code: result.ok ? 'ok' : result.code!, ms: performance.now() - started };
  outcomes.push({ label, outcome });
  label = `${label}: ${result.message ?? ''}`;
  if (process.env.HOSTILE_DEBUG) console.log(label, outcome, Math.round((process.resourceUsage().maxRSS - startRss) / 1024));
  expect(outcome.code, label).not.toBe('INTERNAL');
  expect(outcome.ms, label).toBeLessThan(10_000);
  return outcome;
}

const refusal = (error: AppError) => ({ ok: false, code: error.code, message: error.message });

async function preview(app: AppContext, fileName: string, bytes: Uint8Array): Promise<{ ok: boolean; code?: string; message?: string }> {
  const result = await dispatch(app, 'partnerImport.preview', { fileName, dataBase64: Buffer.from(bytes).toString('base64') });
  return result.ok ? { ok: true } : { ok: false, code: result.error.code, message: result.error.message };
}

afterAll(() => {
  const peakMb = (process.resourceUsage().maxRSS - startRss) / 1024;
  const slowest = outcomes.reduce<(typeof outcomes)[number] | undefined>((a, b) => (!a || b.outcome.ms > a.outcome.ms ? b : a), undefined);
  console.log(
    `hostile-files: ${outcomes.length} cases, slowest ${slowest?.label} ${Math.round(slowest?.outcome.ms ?? 0)} ms, peak RSS growth ${Math.round(peakMb)} MB`,
  );
});

describe(`hostile files (seed ${SEED})`, () => {
  let app: AppContext;
  beforeAll(async () => {
    app = await setUpMission(openContext());
  });
  afterAll(() => app?.close());

  it('refuses hostile CSV files in seconds', async () => {
    const header = 'Tên đối tác,Quốc gia\n';
    const columns = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    expect((await attempt('csv: 1,000,000 header columns', () => preview(app, 'wide.csv', Buffer.from(`${columns}\nx\n`)))).code).toBe(
      'IMPORT_TOO_MANY_COLUMNS',
    );
    expect((await attempt('csv: 19 MB of commas', () => preview(app, 'commas.csv', Buffer.alloc(19 << 20, ',')))).code).toBe('IMPORT_TOO_MANY_COLUMNS');
    expect(
      (
        await attempt('csv: one unclosed quote of 19 MB', () =>
          preview(app, 'quote.csv', Buffer.concat([Buffer.from(`${header}"`), Buffer.alloc(19 << 20, 'a')])),
        )
      ).code,
    ).toBe('IMPORT_CELL_TOO_LONG');
    expect((await attempt('csv: 400,000 rows', () => preview(app, 'rows.csv', Buffer.from(header + 'Acme,JP\n'.repeat(400_000))))).code).toBe(
      'IMPORT_TOO_MANY_ROWS',
    );
    // The contract bounds the base64 text before the file is even decoded.
    expect((await attempt('csv: 21 MB', () => preview(app, 'big.csv', Buffer.alloc(21 << 20, 'a')))).code).toBe('VALIDATION');
    expect((await attempt('csv: a good file', () => preview(app, 'good.csv', Buffer.from(`${header}Acme,JP\n"Quote ""d"", inc",VN\n`)))).code).toBe('ok');
  });

  it('answers random and mutated CSV text', async () => {
    const alphabet = ['a', 'Đ', ',', ';', '\t', '"', '"', '\n', '\r', ' ', '1', '\u0000'];
    const good = Buffer.from('Tên đối tác,Quốc gia,E-mail\nAcme,JP,a@acme.jp\n"Beta, Ltd",VN,\n');
    for (let i = 0; i < 20; i++) {
      const text = Array.from({ length: 1 + below(400) }, () => alphabet[below(alphabet.length)]).join('');
      await attempt(`csv random ${i}`, () => preview(app, 'random.csv', Buffer.from(`Tên đối tác\n${text}`)));
      await attempt(`csv mutated ${i}`, () => preview(app, 'mutated.csv', mutate(good)));
    }
  });

  it('refuses sparse sheets, zip bombs and lying sizes in XLSX files', async () => {
    const name = cell('A1', 'Tên đối tác');
    const sparse = xlsxOf(`<row r="1">${name}${cell('XFD1', 'far')}</row><row r="1048576">${cell('A1048576', 'deep')}</row>`);
    expect(sparse.length).toBeLessThan(6600);
    expect((await attempt('xlsx: cells at A1, XFD1, A1048576', () => preview(app, 'sparse.xlsx', sparse))).code).toBe('IMPORT_TOO_MANY_COLUMNS');
    // Only what the XML lists is read: a far row is one row, a styled empty cell far right is nothing.
    const deep = xlsxOf(`<row r="1">${name}<c r="XFD1" s="0"/></row><row r="2">${cell('A2', 'Acme')}</row><row r="1048576">${cell('A1048576', 'deep')}</row>`);
    expect((await attempt('xlsx: A1, A2, A1048576', () => preview(app, 'deep.xlsx', deep))).code).toBe('ok');
    const wide = xlsxOf(`<row r="1">${'<c t="inlineStr"><is><t>c</t></is></c>'.repeat(1_000_000)}</row>`);
    expect((await attempt('xlsx: 1,000,000 header columns', () => preview(app, 'wide.xlsx', wide))).code).toBe('IMPORT_TOO_MANY_COLUMNS');
    const honestBomb = xlsx({ name: 'xl/worksheets/sheet1.xml', data: zeroBomb(300), method: 8, size: 300 << 20 });
    expect((await attempt('xlsx: sheet declared 300 MB', () => preview(app, 'bomb.xlsx', honestBomb))).code).toBe('IMPORT_FILE_TOO_COMPLEX');
    const lyingBomb = xlsx({ name: 'xl/worksheets/sheet1.xml', data: zeroBomb(1500), method: 8, size: 4096 });
    expect((await attempt('xlsx: 1.5 GB sheet declared 4 KB', () => preview(app, 'lying.xlsx', lyingBomb))).code).toBe('IMPORT_UNREADABLE');
    const ratioBomb = xlsx({ name: 'xl/worksheets/sheet1.xml', data: zeroBomb(60), method: 8, size: 60 << 20 });
    expect((await attempt('xlsx: 60 MB of zeros (ratio ~1000)', () => preview(app, 'ratio.xlsx', ratioBomb))).code).toBe('IMPORT_FILE_TOO_COMPLEX');
    const entries = zip(Array.from({ length: 5000 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0) })));
    expect((await attempt('xlsx: 5,000 entries', () => preview(app, 'entries.xlsx', entries))).code).toBe('IMPORT_FILE_TOO_COMPLEX');
    const formula = xlsxOf(`<row r="1">${name}</row><row r="2"><c r="A2"><f>HYPERLINK("http://evil.example","x")</f><v>x</v></c></row>`);
    expect((await attempt('xlsx: formula', () => preview(app, 'formula.xlsx', formula))).code).toBe('IMPORT_FORMULA');
  });

  it('answers truncated and mutated XLSX files', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đối tác');
    sheet.addRow(['Tên đối tác', 'Quốc gia', 'Ngày']);
    for (let i = 0; i < 30; i++) sheet.addRow([`Công ty ${i}`, 'JP', new Date(Date.UTC(2025, 0, 1 + i))]);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    expect((await attempt('xlsx: a good file', () => preview(app, 'good.xlsx', good))).code).toBe('ok');
    for (let i = 0; i < 30; i++) await attempt(`xlsx mutated ${i}`, () => preview(app, 'mutated.xlsx', mutate(good)));
    for (let i = 0; i < 5; i++) await attempt(`xlsx truncated ${i}`, () => preview(app, 'cut.xlsx', good.subarray(0, below(good.length))));
    // Damage inside a part (the sheet, shared strings, styles…), in a well-formed zip.
    const parts = unzipSync(good);
    const names = Object.keys(parts)
      .filter((n) => /^xl\/(worksheets\/sheet1|sharedStrings|styles|workbook)\.xml$|workbook\.xml\.rels$/.test(n))
      .sort();
    expect(names).toHaveLength(5);
    for (let i = 0; i < 30; i++) {
      const name = names[below(names.length)]!;
      await attempt(`xlsx part ${name} mutated ${i}`, () => preview(app, 'part.xlsx', zipSync({ ...parts, [name]: mutate(parts[name]!) })));
    }
  });

  describe('batches', () => {
    let sender: AppContext;
    let receiver: AppContext;
    let recipient: string;
    let valid: Buffer;
    beforeAll(async () => {
      sender = await device('Gửi');
      receiver = await device('Nhận');
      recipient = await recipientOf(receiver);
      await call(sender, 'activity.create', activity('Trước'));
      await receive(receiver, await writeBatch(sender, receiver));
      await call(sender, 'activity.create', activity('Sau'));
      valid = fs.readFileSync(await writeBatch(sender, receiver));
    });
    afterAll(() => {
      sender?.close();
      receiver?.close();
    });

    async function importBytes(bytes: Uint8Array): Promise<{ ok: boolean; code?: string; message?: string }> {
      const result = await dispatch(receiver, 'exchange.import', {
        files: [{ name: 'x.cnb.age', dataBase64: Buffer.from(bytes).toString('base64') }],
        dryRun: true,
      });
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
      const report = (result.value as ImportReport[])[0]!;
      return report.error ? { ok: false, code: report.error.code, message: report.error.message } : { ok: true };
    }

    /** The valid batch's container with other changes and a manifest re-signed by the (trusted) sender. */
    async function signed(changesGz: Uint8Array, payloadBytes: number): Promise<Uint8Array> {
      const inner = unpackContainer(await ageDecrypt(valid, (await deviceKeys(receiver.db, receiver.deviceId)).identity));
      const manifest = JSON.parse(Buffer.from(inner.manifestBytes).toString('utf8'));
      manifest.payload.bytes = payloadBytes;
      const manifestBytes = Buffer.from(JSON.stringify(manifest));
      const signature = signBytes((await deviceKeys(sender.db, sender.deviceId)).privateKey, manifestBytes);
      return ageEncrypt(await packContainer({ manifestBytes, signature, changesGz }), [recipient]);
    }

    it('refuses batch bombs before trusting or inflating them', async () => {
      expect((await attempt('batch: a good one', () => importBytes(valid))).code).toBe('ok');
      const manifest = { name: 'manifest.json', data: Buffer.from('{}') };
      const sig = { name: 'manifest.sig', data: Buffer.from('x') };
      const declared = await ageEncrypt(zip([manifest, sig, { name: 'changes.jsonl.gz', data: zeroBomb(1500), method: 8, size: 1500 << 20 }]), [recipient]);
      expect(declared.length).toBeLessThan(2 << 20);
      expect((await attempt('batch: unsigned 1.5 GB zip entry', () => importBytes(declared))).code).toBe('BATCH_TOO_LARGE');
      const lying = await ageEncrypt(zip([manifest, sig, { name: 'changes.jsonl.gz', data: zeroBomb(1500), method: 8, size: 1000 }]), [recipient]);
      expect((await attempt('batch: 1.5 GB zip entry declared 1 KB', () => importBytes(lying))).code).toBe('BATCH_CORRUPT');
      const ratio = await ageEncrypt(zip([manifest, sig, { name: 'changes.jsonl.gz', data: zeroBomb(200), method: 8, size: 200 << 20 }]), [recipient]);
      expect((await attempt('batch: 200 MB zip entry of zeros', () => importBytes(ratio))).code).toBe('BATCH_TOO_LARGE');
      const many = await ageEncrypt(zip(Array.from({ length: 1000 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0) }))), [recipient]);
      expect((await attempt('batch: 1,000 zip entries', () => importBytes(many))).code).toBe('BATCH_TOO_LARGE');
      const huge = await signed(await gzip(Buffer.from('{}\n')), 700 << 20);
      expect((await attempt('batch: signed, declares a 700 MB payload', () => importBytes(huge))).code).toBe('BATCH_TOO_LARGE');
      const gzBomb = await signed(gzipBomb(1500), 64 << 20);
      expect((await attempt('batch: signed, 1.5 GB gzip declared 64 MB', () => importBytes(gzBomb))).code).toBe('BATCH_PAYLOAD_MISMATCH');
      const sparse = path.join(receiver.options.dataDir, 'huge.cnb.age');
      fs.writeFileSync(sparse, '');
      fs.truncateSync(sparse, 300 << 20);
      const result = await attempt('batch: a 300 MB file on disk', async () => {
        const r = await dispatch(receiver, 'exchange.import', { files: [{ path: sparse }], dryRun: true });
        return r.ok ? { ok: true } : { ok: false, code: r.error.code };
      });
      expect(result.code).toBe('BATCH_TOO_LARGE');
    });

    it('an export past the payload limit is split: each batch within it, every change arrives', async () => {
      const from = await device('Tách');
      const to = await device('Nhận tách');
      try {
        for (let i = 0; i < 12; i++) await call(from, 'activity.create', activity(`Hoạt động ${i}`));
        const out = `${fs.mkdtempSync(path.join(from.options.dataDir, 'out-'))}/`;
        const sizes: number[] = [];
        for (let remaining = Infinity, n = 0; remaining > 0 && n < 50; n++) {
          const result = await exportBatch(from, { recipients: [await recipientOf(to)], out, maxPayloadBytes: 4000 });
          expect(result.changeCount).toBeGreaterThan(0);
          const inner = unpackContainer(await ageDecrypt(fs.readFileSync(result.path), (await deviceKeys(to.db, to.deviceId)).identity));
          sizes.push(JSON.parse(Buffer.from(inner.manifestBytes).toString('utf8')).payload.bytes);
          expect((await receive(to, result.path)).map((r) => r.status)).toContain('applied');
          remaining = result.remaining;
        }
        expect(sizes.length).toBeGreaterThan(2);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(4000);
        expect(to.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(12);
      } finally {
        from.close();
        to.close();
      }
    });

    it('answers mutated batch files and mutated containers', async () => {
      const identity = (await deviceKeys(receiver.db, receiver.deviceId)).identity;
      const inner = await ageDecrypt(valid, identity);
      for (let i = 0; i < 25; i++) {
        await attempt(`batch file mutated ${i}`, () => importBytes(mutate(valid)));
        const container = await ageEncrypt(mutate(inner), [recipient]);
        await attempt(`batch container mutated ${i}`, () => importBytes(container));
      }
    });
  });

  it('answers mutated backup files on restore', async () => {
    const owner = await setUpMission(openContext());
    try {
      for (let i = 0; i < 20; i++) await call(owner, 'organisation.create', { name: `Đối tác ${i}`, kind: 'company', country: 'JP' });
      const made = await call(owner, 'backup.create', {});
      const good = fs.readFileSync(path.join(backupDir(owner.options.dataDir), made.file));
      for (let i = 0; i < 15; i++) {
        const file = `cau-noi-20250101T0000000${String(i).padStart(2, '0')}Z-fuzz.db`;
        fs.writeFileSync(path.join(backupDir(owner.options.dataDir), file), mutate(good));
        await attempt(`backup mutated ${i}`, async () => {
          const result = await dispatch(owner, 'backup.restore', { file });
          return result.ok ? { ok: true } : { ok: false, code: result.error.code };
        });
      }
    } finally {
      owner.close();
    }
  });

  it('stops a reader that needs more memory or time than it is given; the next file is read', async () => {
    const csv = Buffer.from(`${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}\n${`${'x,'.repeat(99)}x\n`.repeat(9_999)}`);
    const limits = { ...DEFAULT_TABLE_LIMITS, maxRows: IMPORT_MAX_ROWS, maxBytes: IMPORT_MAX_BYTES };
    const outOfMemory = await attempt('isolation: 1,000,000 cells in an 8 MB heap', () =>
      readTableIsolated('cells.csv', csv, limits, { heapMb: 8, timeoutMs: 10_000 }).then(() => ({ ok: true }), refusal),
    );
    expect(outOfMemory.code).toBe('IMPORT_FILE_TOO_COMPLEX');
    const outOfTime = await attempt('isolation: 1 ms to read it', () =>
      readTableIsolated('cells.csv', csv, limits, { heapMb: 256, timeoutMs: 1 }).then(() => ({ ok: true }), refusal),
    );
    expect(outOfTime.code).toBe('IMPORT_FILE_TOO_COMPLEX');
    expect((await readTableIsolated('cells.csv', csv, limits)).rows).toHaveLength(9_999);
    const tooMany = Buffer.concat([csv, Buffer.from(`${'y,'.repeat(99)}y\n`)]);
    expect((await attempt('csv: 1,000,100 cells', () => readTableIsolated('cells.csv', tooMany, limits).then(() => ({ ok: true }), refusal))).code).toBe(
      'IMPORT_FILE_TOO_COMPLEX',
    );
  });

  it('keeps peak memory under 500 MB above the start', () => {
    expect((process.resourceUsage().maxRSS - startRss) / 1024).toBeLessThan(500);
  });
});
