import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { dispatch } from '../../electron/ipc/dispatch';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const csvFile = (text: string) => ({ fileName: 'doi-tac.csv', dataBase64: b64(text) });
const changeCount = () => app.db.prepare('SELECT count(*) FROM changes').pluck().get() as number;

async function xlsxFile(rows: unknown[][], formulaAt?: { row: number; col: number }): Promise<{ fileName: string; dataBase64: string }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  rows.forEach((r) => sheet.addRow(r));
  if (formulaAt) sheet.getCell(formulaAt.row, formulaAt.col).value = { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' };
  return { fileName: 'partners.xlsx', dataBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
}

const HEADER = 'Tên đối tác,Quốc gia,Loại đối tác,Lĩnh vực,Họ tên người liên hệ,Chức vụ,E-mail,Điện thoại';

describe('partner import', () => {
  it('maps columns by header, detects duplicates in the database and in the file, and writes nothing on preview', async () => {
    app = await setUpMission(openContext());
    const existing = await call(app, 'organisation.create', { name: 'Tập đoàn Aeon', kind: 'company', country: 'JP' });
    const known = await call(app, 'contact.create', { organisationId: existing.id, name: 'Tanaka', email: 'tanaka@aeon.jp' });
    const file = csvFile(
      [
        HEADER,
        'TAP DOAN AEON,Nhật Bản,Doanh nghiệp,Thương mại; Logistics,Tanaka Hiroshi,Giám đốc,TANAKA@aeon.jp,+81 3 1111',
        'Phòng Thương mại Osaka,JP,chamber,retail,Yamada,Chủ tịch,yamada@osaka.or.jp,',
        'Phong thuong mai Osaka,Japan,Phòng thương mại; hiệp hội,,Suzuki,,suzuki@osaka.or.jp,',
        'Aeon,KR,company,,,,,',
        'Công ty Lạ,Atlantis,company,,,,not-an-email,',
        ',,,,,,,',
      ].join('\n'),
    );
    const before = changeCount();
    const preview = await call(app, 'partnerImport.preview', file);
    expect(changeCount()).toBe(before);
    expect(preview.mapping).toMatchObject({
      orgName: 'Tên đối tác',
      orgCountry: 'Quốc gia',
      orgKind: 'Loại đối tác',
      contactEmail: 'E-mail',
      contactName: 'Họ tên người liên hệ',
    });
    expect(preview.totalRows).toBe(5);
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r]));
    expect(byLine[2]!.problems).toEqual([]);
    expect(byLine[2]!.organisation).toMatchObject({ action: 'merge', matchId: existing.id, matchedBy: 'name-country' });
    expect(byLine[2]!.contact).toMatchObject({ action: 'merge', matchId: known.id, matchedBy: 'email' });
    expect(byLine[3]!.organisation.action).toBe('create');
    expect(byLine[4]!.organisation).toMatchObject({ action: 'merge', matchedBy: 'file' });
    expect(byLine[5]!.organisation.action).toBe('create'); // same name, another country
    expect(byLine[6]!.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual([
      'contactEmail:invalid_email',
      'contactName:required',
      'orgCountry:invalid_country',
    ]);
    expect(preview.organisations).toEqual({ created: 2, merged: 2, skipped: 1 });

    const summary = await call(app, 'partnerImport.commit', { ...file, mapping: preview.mapping });
    expect(summary).toMatchObject({
      totalRows: 5,
      rowsWithProblems: 1,
      organisations: { created: 2, merged: 2, skipped: 1 },
      contacts: { created: 2, merged: 1, skipped: 1 },
    });
    const orgs = await call(app, 'organisation.list', {});
    expect(orgs.rows.map((o) => `${o.name}|${o.country}|${o.contactCount}`).sort()).toEqual(['Aeon|KR|0', 'Phòng Thương mại Osaka|JP|2', 'Tập đoàn Aeon|JP|1']);
    expect(orgs.rows.find((o) => o.id === existing.id)!.sectors).toEqual(['logistics', 'retail']);
    expect((await call(app, 'contact.get', { id: known.id })).title).toBe('Giám đốc');
    // Found without diacritics right after the import; its people are found by its name too.
    expect((await call(app, 'search.query', { text: 'phong thuong mai osaka' })).hits.map((h) => h.entity)).toEqual(['organisation', 'contact', 'contact']);
  });

  it('leaves duplicates untouched when asked to skip them', async () => {
    app = await setUpMission(openContext());
    const existing = await call(app, 'organisation.create', { name: 'KOTRA', kind: 'investment-agency', country: 'KR' });
    const file = csvFile('Organisation,Country,Website,Contact name\nKotra,South Korea,https://kotra.or.kr,Park\n');
    const summary = await call(app, 'partnerImport.commit', { ...file, onDuplicate: 'skip' });
    expect(summary.organisations).toEqual({ created: 0, merged: 0, skipped: 1 });
    expect((await call(app, 'organisation.get', { id: existing.id })).website).toBe('');
    const people = await call(app, 'contact.list', {});
    expect(people.rows.map((c) => [c.name, c.organisationId])).toEqual([['Park', existing.id]]);
  });

  it('reads XLSX files and honours a hand-made mapping', async () => {
    app = await setUpMission(openContext());
    const file = await xlsxFile([
      ['Cột A', 'Cột B', 'Cột C'],
      ['Hitachi', 'Nhật Bản', 'sato@hitachi.jp'],
      ['Toshiba', 'JP', ''],
    ]);
    const missing = (await call(app, 'partnerImport.preview', file).catch((e) => e)) as AppError;
    expect(missing.code).toBe('IMPORT_MISSING_COLUMNS');
    const mapping = { orgName: 'Cột A', orgCountry: 'Cột B', contactEmail: 'Cột C' };
    const preview = await call(app, 'partnerImport.preview', { ...file, mapping });
    expect(preview.rows[0]!.problems).toEqual([{ field: 'contactName', code: 'required' }]);
    const summary = await call(app, 'partnerImport.commit', { ...file, mapping: { orgName: 'Cột A', orgCountry: 'Cột B' } });
    expect(summary.organisations.created).toBe(2);
    expect((await call(app, 'organisation.list', {})).rows.map((o) => o.country)).toEqual(['JP', 'JP']);
    const unknown = (await call(app, 'partnerImport.preview', { ...file, mapping: { orgName: 'Cột Z' } }).catch((e) => e)) as AppError;
    expect(unknown.code).toBe('IMPORT_UNKNOWN_COLUMN');
  });

  it('commits in slices: progress comes meanwhile, other calls wait for the whole import', async () => {
    app = await setUpMission(openContext());
    const rows = Array.from({ length: 1200 }, (_, i) => `Công ty ${i + 1},JP,,,Người ${i + 1},,nguoi${i + 1}@example.jp,`);
    const file = csvFile([HEADER, ...rows].join('\n'));
    const progress: number[] = [];
    let during: Promise<{ total: number }> | null = null;
    const result = await dispatch(app, 'partnerImport.commit', file, (event) => {
      progress.push(event.done);
      // Asked while the import is half written: answered after it, with everything.
      if (event.done > 0 && !during) during = call(app, 'organisation.list', { limit: 1 });
    });
    const list = await during!;
    expect(result.ok).toBe(true);
    expect(list.total).toBe(1200);
    expect(progress.filter((done) => done > 0 && done < 1200).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad files with a clear code and changes nothing', async () => {
    app = await setUpMission(openContext());
    const before = changeCount();
    const codeOf = async (input: { fileName: string; dataBase64: string }) =>
      ((await call(app, 'partnerImport.commit', input).catch((e) => e)) as AppError).code;

    const latin1 = Buffer.concat([Buffer.from('Tên đối tác\n'.normalize('NFC'), 'latin1')]);
    expect(await codeOf({ fileName: 'a.csv', dataBase64: latin1.toString('base64') })).toBe('IMPORT_ENCODING');
    const huge = `Organisation\n${Array.from({ length: 50000 }, (_, i) => `Công ty ${i}`).join('\n')}`;
    const tooMany = (await call(app, 'partnerImport.preview', csvFile(huge)).catch((e) => e)) as AppError;
    expect(tooMany.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(tooMany.params).toMatchObject({ rows: 50000 });
    const formula = (await call(app, 'partnerImport.commit', csvFile('Organisation,Website\nAeon,"=HYPERLINK(""http://x"",""y"")"\n')).catch(
      (e) => e,
    )) as AppError;
    expect(formula.code).toBe('IMPORT_FORMULA');
    expect(formula.params).toEqual({ line: 2, column: 'Website' });
    expect(await codeOf(csvFile('Organisation\nA\n@SUM(1+1)\n'))).toBe('IMPORT_FORMULA');
    expect(
      await codeOf(
        await xlsxFile(
          [
            ['Organisation', 'Notes'],
            ['Aeon', 'ok'],
          ],
          { row: 2, col: 2 },
        ),
      ),
    ).toBe('IMPORT_FORMULA');
    expect(await codeOf({ fileName: 'a.xlsx', dataBase64: b64('not a zip') })).toBe('IMPORT_UNREADABLE');
    expect(await codeOf({ fileName: 'a.pdf', dataBase64: b64('x') })).toBe('IMPORT_FILE_TYPE');
    expect(await codeOf(csvFile('Organisation\n'))).toBe('IMPORT_EMPTY');
    expect(await codeOf(csvFile('Website,Address\nx,y\n'))).toBe('IMPORT_MISSING_COLUMNS');
    expect(changeCount()).toBe(before);
    // A phone number starting with + is data, not a formula.
    const ok = await call(app, 'partnerImport.commit', csvFile('Contact name,Phone\nLan,+84 24 3823 4567\n'));
    expect(ok.contacts.created).toBe(1);
  });
});

describe('export', () => {
  it('exports a filtered list to XLSX that reads back, with dates, numbers and neutralised formulas', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'Marubeni', kind: 'company', country: 'JP' });
    await call(app, 'agreement.create', {
      title: '=HYPERLINK("http://evil")',
      kind: 'mou',
      signedDate: '2025-05-20',
      valueUsd: 1500000,
      foreignOrgId: org.id,
      provinceId: 'da-nang',
    });
    await call(app, 'agreement.create', { title: 'Hợp đồng cũ', kind: 'contract', signedDate: '2024-01-01' });
    const file = await call(app, 'export.list', { entity: 'agreement', filter: { period: '2025' }, format: 'xlsx' });
    expect(file.rowCount).toBe(1);
    expect(file.fileName).toMatch(/^thoa-thuan-cam-ket-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Tên thỏa thuận', 'Loại văn kiện', 'Ngày ký']);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("http://evil")');
    expect(row.getCell(2).value).toBe('Biên bản ghi nhớ (MoU)');
    expect((row.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2025-05-20');
    expect(row.getCell(3).numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(5).value).toBe('Đà Nẵng');
    expect(row.getCell(6).value).toBe('Marubeni');
    expect(row.getCell(7).value).toBe(1500000);
    expect(sheet.rowCount).toBe(2);
  });

  it('exports activities and contacts to CSV with a BOM, in English on request', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'JETRO', kind: 'investment-agency' });
    await call(app, 'contact.create', { organisationId: org.id, name: 'Sato', email: 'sato@jetro.go.jp', phone: '+81 3 0000' });
    await call(app, 'activity.create', {
      title: 'Hội thảo',
      kind: 'investment-promotion',
      startDate: '2025-03-01',
      organisationIds: [org.id],
      provinces: ['hue'],
    });
    const contacts = await call(app, 'export.list', { entity: 'contact', format: 'csv', language: 'en' });
    const text = Buffer.from(contacts.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')).toEqual([
      'Contact name,Title,Partner name,E-mail,Phone,Language,Notes on the contact',
      "Sato,,JETRO,sato@jetro.go.jp,'+81 3 0000,,",
    ]);
    const activities = await call(app, 'export.list', { entity: 'activity', format: 'csv' });
    const lines = Buffer.from(activities.base64, 'base64').toString('utf8').split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Hội thảo,Xúc tiến đầu tư,,Đã thực hiện,2025-03-01');
    expect(lines[1]).toContain('Huế,JETRO');
  });
});
