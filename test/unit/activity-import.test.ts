import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { importTemplate, TEMPLATE_FILES } from '../../electron/services/import-template';
import { readTable } from '../../electron/services/table-file';
import { DEFAULT_TABLE_LIMITS } from '../../electron/services/table-limits';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  readActivityFormat,
  readActivityKind,
  readActivityStatus,
  readAgreementKind,
  readAmount,
  readCountry,
  readImportDate,
  readLocalities,
  readSectors,
} from '../../shared/import-values';
import { hqFixture } from '../support/hq-fixture';
import { runCliCaptured as cli } from '../support/cli';
import { call, openContext, setUpMission, tempDir } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

describe('cells read the way missions write them', () => {
  it.each([
    ['XTTM', 'trade-promotion'],
    ['xúc tiến thương mại', 'trade-promotion'],
    ['Xúc tiến Thương mại (hội chợ)', 'trade-promotion'],
    ['XT thương mại', 'trade-promotion'],
    ['Hội chợ, triển lãm', 'trade-promotion'],
    ['XT đầu tư', 'investment-promotion'],
    ['XTĐT', 'investment-promotion'],
    ['Xuc tien dau tu', 'investment-promotion'],
    ['du lịch', 'tourism-promotion'],
    ['XT du lịch', 'tourism-promotion'],
    ['Hỗ trợ doanh nghiệp', 'business-support'],
    ['KHCN', 'science-technology'],
    ['Đoàn cấp cao', 'high-level-visit'],
    ['Quảng bá hình ảnh', 'country-branding'],
    ['Thông tin thị trường', 'market-information'],
    ['Kết nối chuyên gia, trí thức kiều bào', 'expert-network'],
    ['Trade promotion', 'trade-promotion'],
    ['Khác', 'other'],
  ])('kind %s -> %s', (text, kind) => {
    expect(readActivityKind(text)).toEqual({ ok: true, value: kind });
  });

  it('refuses a kind it does not know, and an empty one, with a reason', () => {
    expect(readActivityKind('Họp nội bộ')).toEqual({ ok: false, code: 'kind_unknown' });
    expect(readActivityKind('  ')).toEqual({ ok: false, code: 'required' });
    expect(readAgreementKind('Biên bản ghi nhớ')).toEqual({ ok: true, value: 'mou' });
    expect(readAgreementKind('LOI')).toEqual({ ok: true, value: 'letter-of-intent' });
    expect(readAgreementKind('Hợp đồng mua bán')).toEqual({ ok: true, value: 'contract' });
  });

  it.each([
    ['Bình Dương', ['ho-chi-minh']],
    ['TP HCM', ['ho-chi-minh']],
    ['Tp. Hồ Chí Minh', ['ho-chi-minh']],
    ['TP.HCM', ['ho-chi-minh']],
    ['Thành phố Hồ Chí Minh', ['ho-chi-minh']],
    ['Bà Rịa - Vũng Tàu', ['ho-chi-minh']],
    ['Thừa Thiên Huế', ['hue']],
    ['Thua Thien Hue', ['hue']],
    ['Quảng Nam', ['da-nang']],
    ['Hà Giang', ['tuyen-quang']],
    ['tinh Long An', ['tay-ninh']],
    ['Đắk Nông', ['lam-dong']],
    ['Dak Lak', ['dak-lak']],
    ['Hoà Bình', ['phu-tho']],
    ['Thanh Hóa', ['thanh-hoa']],
    ['Hà Nội; Hải Dương và Bắc Giang', ['ha-noi', 'hai-phong', 'bac-ninh']],
    ['Bình Dương, Bà Rịa Vũng Tàu, Sài Gòn', ['ho-chi-minh']],
    ['Sóc Trăng\nHậu Giang', ['can-tho']],
    ['', []],
  ])('locality %s -> %j', (text, ids) => {
    expect(readLocalities(text)).toEqual({ ok: true, value: ids });
  });

  it('reads all 63 pre-2025 provinces, and refuses a name it does not know', () => {
    const former = [
      'An Giang',
      'Bà Rịa - Vũng Tàu',
      'Bạc Liêu',
      'Bắc Giang',
      'Bắc Kạn',
      'Bắc Ninh',
      'Bến Tre',
      'Bình Dương',
      'Bình Định',
      'Bình Phước',
      'Bình Thuận',
      'Cà Mau',
      'Cao Bằng',
      'Cần Thơ',
      'Đà Nẵng',
      'Đắk Lắk',
      'Đắk Nông',
      'Điện Biên',
      'Đồng Nai',
      'Đồng Tháp',
      'Gia Lai',
      'Hà Giang',
      'Hà Nam',
      'Hà Nội',
      'Hà Tĩnh',
      'Hải Dương',
      'Hải Phòng',
      'Hậu Giang',
      'Hòa Bình',
      'Hưng Yên',
      'Khánh Hòa',
      'Kiên Giang',
      'Kon Tum',
      'Lai Châu',
      'Lạng Sơn',
      'Lào Cai',
      'Lâm Đồng',
      'Long An',
      'Nam Định',
      'Nghệ An',
      'Ninh Bình',
      'Ninh Thuận',
      'Phú Thọ',
      'Phú Yên',
      'Quảng Bình',
      'Quảng Nam',
      'Quảng Ngãi',
      'Quảng Ninh',
      'Quảng Trị',
      'Sóc Trăng',
      'Sơn La',
      'Tây Ninh',
      'Thái Bình',
      'Thái Nguyên',
      'Thanh Hóa',
      'Thừa Thiên Huế',
      'Tiền Giang',
      'TP Hồ Chí Minh',
      'Trà Vinh',
      'Tuyên Quang',
      'Vĩnh Long',
      'Vĩnh Phúc',
      'Yên Bái',
    ];
    expect(former).toHaveLength(63);
    const units = new Set(
      former.flatMap((name) => {
        const read = readLocalities(name);
        if (!read.ok || read.value.length !== 1) throw new Error(`not read: ${name}`);
        return read.value;
      }),
    );
    expect(units.size).toBe(34);
    expect(readLocalities('Bình Dương, Atlantis')).toEqual({ ok: false, code: 'province_unknown' });
  });

  it.each([
    ['15/03/2024', '2024-03-15', null],
    ['5/3/24', '2024-03-05', null],
    ['05.03.2024', '2024-03-05', null],
    ['2024-03-15', '2024-03-15', null],
    ['45366', '2024-03-15', null],
    ['tháng 3/2024', '2024-03-01', null],
    ['Tháng 11/2024', '2024-11-01', null],
    ['T3/2024', '2024-03-01', null],
    ['12-14/3/2024', '2024-03-12', '2024-03-14'],
    ['30/3 - 2/4/2024', '2024-03-30', '2024-04-02'],
    ['15/03/2024 - 17/03/2024', '2024-03-15', '2024-03-17'],
    ['28/12/2023 – 2/1/2024', '2023-12-28', '2024-01-02'],
  ])('date %s -> %s', (text, start, end) => {
    expect(readImportDate(text)).toEqual({ ok: true, value: { start, end } });
  });

  it('refuses dates that are not on the calendar or not dates', () => {
    expect(readImportDate('31/02/2024')).toEqual({ ok: false, code: 'date_impossible' });
    expect(readImportDate('quý 3')).toEqual({ ok: false, code: 'invalid_date' });
    expect(readImportDate('')).toEqual({ ok: false, code: 'required' });
  });

  it('reads amounts the Vietnamese way and says why one is refused', () => {
    expect(readAmount('1,5 triệu USD')).toEqual({ ok: true, value: 1_500_000 });
    expect(readAmount('2.500.000')).toEqual({ ok: true, value: 2_500_000 });
    expect(readAmount('2 tỷ')).toEqual({ ok: true, value: 2_000_000_000 });
    expect(readAmount('')).toEqual({ ok: true, value: null });
    expect(readAmount('khoảng 1 triệu')).toEqual({ ok: false, code: 'number_format' });
    expect(readAmount('-5')).toEqual({ ok: false, code: 'negative_number' });
  });
});

describe('statuses, formats, sectors and countries read the way missions write them', () => {
  it.each([
    ['Đã thực hiện', 'done'],
    ['đã tổ chức', 'done'],
    ['Hoàn thành', 'done'],
    ['done', 'done'],
    ['', 'done'],
    ['Dự kiến', 'planned'],
    ['Kế hoạch', 'planned'],
    ['Sắp diễn ra', 'planned'],
    ['chua thuc hien', 'planned'],
    ['Planned', 'planned'],
    ['Hủy', 'cancelled'],
    ['Đã huỷ', 'cancelled'],
    ['Hoãn', 'cancelled'],
    ['Cancelled', 'cancelled'],
  ])('status %j -> %s', (text, status) => {
    expect(readActivityStatus(text)).toEqual({ ok: true, value: status });
  });

  it.each([
    ['Trực tiếp', null],
    ['truc tiep', null],
    ['', null],
    ['Trực tuyến', 'online'],
    ['Online', 'online'],
    ['Kết hợp', 'online'],
    ['Kết hợp trực tiếp và trực tuyến', 'online'],
    ['Hội thảo trực tuyến', 'online'],
    ['Hội thảo', 'conference'],
    ['Hội nghị', 'conference'],
    ['Hội chợ, triển lãm', 'fair'],
    ['Đoàn công tác', 'delegation'],
    ['Gặp gỡ song phương', 'bilateral-meeting'],
    ['Khảo sát', 'study'],
  ])('format %j -> %s', (text, format) => {
    expect(readActivityFormat(text)).toEqual({ ok: true, value: format });
  });

  it.each([
    ['Dệt may', ['textiles']],
    ['Dệt may, da giày', ['textiles']],
    ['Nông nghiệp, lâm nghiệp; Thủy sản', ['agriculture', 'seafood']],
    ['Nông nghiệp, Thủy sản và Du lịch', ['agriculture', 'seafood', 'tourism']],
    ['Năng lượng tái tạo\nLogistics', ['energy', 'logistics']],
    ['CNTT, Chuyển đổi số', ['digital']],
    ['Khoa học công nghệ, đổi mới sáng tạo', ['innovation']],
    ['Thuong mai, phan phoi', ['retail']],
    ['Tourism, Agriculture and forestry', ['tourism', 'agriculture']],
    ['Y tế', ['health']],
    ['', []],
  ])('sectors %j -> %j', (text, ids) => {
    expect(readSectors(text)).toEqual({ ok: true, value: ids });
  });

  it.each([
    ['Nhật Bản', 'JP'],
    ['Japan', 'JP'],
    ['nhat ban', 'JP'],
    ['Hoa Kỳ', 'US'],
    ['Mỹ', 'US'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['Hàn Quốc', 'KR'],
    ['South Korea', 'KR'],
    ['Anh', 'GB'],
    ['United Kingdom', 'GB'],
    ['Liên bang Nga', 'RU'],
    ['Đức', 'DE'],
    ['MY', 'MY'],
    ['', null],
  ])('country %j -> %s', (text, code) => {
    expect(readCountry(text)).toEqual({ ok: true, value: code });
  });

  it('refuses statuses, formats, sectors and countries it does not know, with a reason', () => {
    expect(readActivityStatus('đang xem xét')).toEqual({ ok: false, code: 'status_unknown' });
    expect(readActivityFormat('qua thư')).toEqual({ ok: false, code: 'format_unknown' });
    expect(readSectors('Dệt may; Hàng không vũ trụ')).toEqual({ ok: false, code: 'sector_unknown' });
    expect(readCountry('Atlantis')).toEqual({ ok: false, code: 'country_unknown' });
  });
});

/** A sheet as missions keep it: a title row, a two-row header with merged cells, blank rows. */
async function missionWorkbook(): Promise<{ fileName: string; dataBase64: string }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Năm 2024');
  sheet.getCell('A1').value = 'TỔNG HỢP HOẠT ĐỘNG KINH TẾ NĂM 2024';
  sheet.mergeCells('A1:G1');
  sheet.getRow(3).values = ['STT', 'Ngày', 'Tên hoạt động', 'Loại hoạt động', 'Địa phương', 'Kết quả', null];
  sheet.getRow(4).values = [null, null, null, null, null, 'Giá trị (USD)', 'Số doanh nghiệp'];
  for (const col of ['A', 'B', 'C', 'D', 'E']) sheet.mergeCells(`${col}3:${col}4`);
  sheet.mergeCells('F3:G3');
  sheet.getRow(5).values = [1, new Date(Date.UTC(2024, 2, 15)), 'Hội chợ FOODEX 2024', 'XTTM', 'Bình Dương, TP HCM', '1,5 triệu USD', 12];
  sheet.getCell('B5').numFmt = 'dd/mm/yyyy';
  sheet.getRow(7).values = [2, '5/4/24', 'Hội thảo đầu tư vào Quảng Nam', 'XT đầu tư', 'Quảng Nam', 'khoảng 2 triệu', 3];
  sheet.getRow(8).values = [3, 'tháng 5/2024', 'Tuần lễ du lịch Việt Nam', 'du lịch', 'Thừa Thiên Huế; Hà Giang', null, null];
  sheet.getRow(9).values = [4, '31/02/2024', 'Gặp gỡ doanh nghiệp', 'Hỗ trợ DN', 'Đắk Nông', '200.000', 4];
  return { fileName: 'hoat-dong-2024.xlsx', dataBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
}

describe('merged cells', () => {
  it('fill the cells they cover in the rows read; ranges covering too much are refused quickly', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.addRow(['Ngày', 'Tên hoạt động']);
    sheet.addRow(['15/3/2024', 'Hội chợ']);
    sheet.addRow([null, 'Hội thảo']);
    const files = unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const withMerges = (ranges: string[]) =>
      zipSync({
        ...files,
        'xl/worksheets/sheet1.xml': strToU8(
          sheetXml.replace('</sheetData>', `</sheetData><mergeCells>${ranges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`),
        ),
      });
    const limits = { ...DEFAULT_TABLE_LIMITS, maxBytes: 1 << 20, maxRows: 100 };
    const headers = ['ngay', 'ten hoat dong'];

    // A range reaching the sheet's last cell costs the rows that exist, up to maxColumns.
    const table = readTable('m.xlsx', withMerges(['A2:A3', 'A1:XFD1048576']), limits, headers);
    expect(table.rows.map((r) => r.slice(0, 2))).toEqual([
      ['15/3/2024', 'Hội chợ'],
      ['15/3/2024', 'Hội thảo'],
    ]);
    expect(table.columns).toHaveLength(limits.maxColumns);

    const started = performance.now();
    expect(() => readTable('m.xlsx', withMerges(Array.from({ length: 5000 }, () => 'A1:XFD1048576')), limits, headers)).toThrow(
      /merged ranges cover more than/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('activity import', () => {
  it('finds the header below the title, reads the rows, lists the unreadable ones, takes corrections, and imports a file once', async () => {
    app = await setUpMission(openContext());
    const file = await missionWorkbook();
    const preview = await call(app, 'recordImport.preview', { entity: 'activity', ...file });
    expect(preview.columns).toEqual(['STT', 'Ngày', 'Tên hoạt động', 'Loại hoạt động', 'Địa phương', 'Giá trị (USD)', 'Số doanh nghiệp']);
    expect(preview.mapping).toMatchObject({
      startDate: 'Ngày',
      title: 'Tên hoạt động',
      kind: 'Loại hoạt động',
      provinces: 'Địa phương',
      dealValueUsd: 'Giá trị (USD)',
      businessesSupported: 'Số doanh nghiệp',
    });
    expect(preview.rows.map((r) => [r.line, r.action, r.date])).toEqual([
      [5, 'create', '2024-03-15'],
      [7, 'problem', '2024-04-05'],
      [8, 'create', '2024-05-01'],
      [9, 'problem', null],
    ]);
    expect(preview.rows[1]!.problems).toEqual([{ field: 'dealValueUsd', code: 'number_format' }]);
    expect(preview.rows[3]!.problems).toEqual([{ field: 'startDate', code: 'date_impossible' }]);
    expect(await call(app, 'activity.list', { filter: {} })).toMatchObject({ total: 0 });

    const corrections = { '7': { dealValueUsd: '2 triệu' }, '9': { startDate: '28/02/2024' } };
    const corrected = await call(app, 'recordImport.preview', { entity: 'activity', ...file, mapping: preview.mapping, corrections });
    expect(corrected.counts).toEqual({ create: 4, imported: 0, duplicate: 0, problem: 0 });
    const summary = await call(app, 'recordImport.commit', { entity: 'activity', ...file, mapping: preview.mapping, corrections });
    expect(summary.counts.create).toBe(4);

    const list = await call(app, 'activity.list', { filter: {}, sort: { key: 'startDate', direction: 'asc' } });
    const stored = await Promise.all(list.rows.map((r) => call(app, 'activity.get', { id: r.id })));
    expect(stored.map((a) => [a.startDate, a.kind, a.provinces, a.dealValueUsd, a.businessesSupported])).toEqual([
      ['2024-02-28', 'business-support', ['lam-dong'], 200_000, 4],
      ['2024-03-15', 'trade-promotion', ['ho-chi-minh'], 1_500_000, 12],
      ['2024-04-05', 'investment-promotion', ['da-nang'], 2_000_000, 3],
      ['2024-05-01', 'tourism-promotion', ['hue', 'tuyen-quang'], null, null],
    ]);

    // The same file again, corrections or not: nothing is created twice.
    const again = await call(app, 'recordImport.preview', { entity: 'activity', ...file });
    expect(again.counts).toEqual({ create: 0, imported: 4, duplicate: 0, problem: 0 });
    const second = await call(app, 'recordImport.commit', { entity: 'activity', ...file });
    expect(second.counts.create).toBe(0);
    expect((await call(app, 'activity.list', { filter: {} })).total).toBe(4);
  });

  it('imports agreements, one locality each, and skips one already recorded', async () => {
    app = await setUpMission(openContext());
    await call(app, 'agreement.create', { title: 'MOU hợp tác logistics', kind: 'mou', signedDate: '2024-06-01' });
    const csv = [
      'Ngày ký,Tên thỏa thuận,Loại văn bản,Địa phương,Giá trị (USD),Tình trạng',
      '20/5/2024,Biên bản ghi nhớ KCN,MOU,Quảng Nam,25 triệu USD,Đang triển khai',
      '1/6/2024,MOU HỢP TÁC LOGISTICS,MOU,,,',
      '2/6/2024,Hợp đồng cà phê,Hợp đồng,"Bình Dương, Long An",,',
    ].join('\n');
    const file = { fileName: 'thoa-thuan.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const preview = await call(app, 'recordImport.preview', { entity: 'agreement', ...file });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'duplicate', 'problem']);
    expect(preview.rows[2]!.problems).toEqual([{ field: 'province', code: 'one_province' }]);
    await call(app, 'recordImport.commit', { entity: 'agreement', ...file });
    const list = await call(app, 'agreement.list', { filter: { text: 'KCN' } });
    expect(list.rows.map((a) => [a.signedDate, a.kind, a.provinceId, a.valueUsd, a.status])).toEqual([
      ['2024-05-20', 'mou', 'da-nang', 25_000_000, 'implementing'],
    ]);
  });

  it('reads status, format, sectors, country and partners; links partners by folded name and creates the new ones once, on confirm', async () => {
    app = await setUpMission(openContext());
    const jetro = await call(app, 'organisation.create', { name: 'JETRO Osaka', kind: 'investment-agency', country: 'JP' });
    const csv = [
      'Ngày,Tên hoạt động,Trạng thái,Hình thức,Lĩnh vực,Quốc gia,Đối tác',
      '15/3/2024,Hội chợ FOODEX,Đã thực hiện,Trực tiếp,"Chế biến thực phẩm; Thủy sản",Nhật Bản,"jetro osaka; Hiệp hội Thủy sản Osaka"',
      '20/9/2024,Hội thảo đầu tư số,Dự kiến,Trực tuyến,CNTT,Japan,Hiệp hội thủy sản OSAKA',
      '1/10/2024,Đoàn khảo sát,Hủy,Kết hợp,Du lịch,Hàn Quốc,',
      '2/10/2024,Gặp đối tác,Đang xem xét,Qua thư,Hàng không,Atlantis,',
    ].join('\n');
    const file = { fileName: 'hoat-dong.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const preview = await call(app, 'recordImport.preview', { entity: 'activity', ...file });
    expect(preview.mapping).toMatchObject({ status: 'Trạng thái', format: 'Hình thức', sectors: 'Lĩnh vực', country: 'Quốc gia', organisations: 'Đối tác' });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'create', 'create', 'problem']);
    expect(preview.rows[0]!.organisations).toEqual([
      { name: 'JETRO Osaka', id: jetro.id },
      { name: 'Hiệp hội Thủy sản Osaka', id: null },
    ]);
    // The same new organisation written another way is one organisation to create.
    expect(preview.rows[1]!.organisations).toEqual([{ name: 'Hiệp hội Thủy sản Osaka', id: null }]);
    expect(preview.newOrganisations).toEqual(['Hiệp hội Thủy sản Osaka']);
    expect(preview.rows[3]!.problems).toEqual([
      { field: 'status', code: 'status_unknown' },
      { field: 'format', code: 'format_unknown' },
      { field: 'sectors', code: 'sector_unknown' },
      { field: 'country', code: 'country_unknown' },
    ]);
    expect((await call(app, 'organisation.list', { filter: {} })).total).toBe(1);

    const summary = await call(app, 'recordImport.commit', { entity: 'activity', ...file });
    expect(summary).toMatchObject({ counts: { create: 3, problem: 1 }, organisationsCreated: 1 });
    const organisations = await call(app, 'organisation.list', { filter: {} });
    expect(organisations.rows.map((o) => o.name).sort()).toEqual(['Hiệp hội Thủy sản Osaka', 'JETRO Osaka']);
    const created = organisations.rows.find((o) => o.name === 'Hiệp hội Thủy sản Osaka')!.id;
    const list = await call(app, 'activity.list', { filter: {}, sort: { key: 'startDate', direction: 'asc' } });
    const stored = await Promise.all(list.rows.map((r) => call(app, 'activity.get', { id: r.id })));
    expect(stored.map((a) => [a.title, a.status, a.format, a.sectors, a.country, a.organisationIds])).toEqual([
      ['Hội chợ FOODEX', 'done', null, ['food-processing', 'seafood'], 'JP', [jetro.id, created]],
      ['Hội thảo đầu tư số', 'planned', 'online', ['digital'], 'JP', [created]],
      ['Đoàn khảo sát', 'cancelled', 'online', ['tourism'], 'KR', []],
    ]);
    // Imported again: nothing new, and no organisation created twice.
    await call(app, 'recordImport.commit', { entity: 'activity', ...file });
    expect((await call(app, 'organisation.list', { filter: {} })).total).toBe(2);
  });

  it('links an agreement to its foreign party, existing or new, and refuses a cell naming two', async () => {
    app = await setUpMission(openContext());
    const sumitomo = await call(app, 'organisation.create', { name: 'Tập đoàn Sumitomo', kind: 'company', country: 'JP' });
    const csv = [
      'Ngày ký,Tên thỏa thuận,Bên nước ngoài',
      '20/5/2024,MOU khu công nghiệp,tap doan sumitomo',
      '21/5/2024,MOU logistics,Nippon Express',
      '22/5/2024,MOU ba bên,Nippon Express; Tập đoàn Sumitomo',
    ].join('\n');
    const file = { fileName: 'thoa-thuan.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const preview = await call(app, 'recordImport.preview', { entity: 'agreement', ...file });
    expect(preview.rows.map((r) => [r.action, r.organisations, r.problems])).toEqual([
      ['create', [{ name: 'Tập đoàn Sumitomo', id: sumitomo.id }], []],
      ['create', [{ name: 'Nippon Express', id: null }], []],
      ['problem', [], [{ field: 'foreignOrg', code: 'one_organisation' }]],
    ]);
    expect(preview.newOrganisations).toEqual(['Nippon Express']);
    await call(app, 'recordImport.commit', { entity: 'agreement', ...file });
    const list = await call(app, 'agreement.list', { filter: { text: 'MOU' } });
    expect(list.rows.map((a) => [a.title, a.foreignOrgName]).sort()).toEqual([
      ['MOU khu công nghiệp', 'Tập đoàn Sumitomo'],
      ['MOU logistics', 'Nippon Express'],
    ]);
  });

  it('at HQ, counts as a duplicate only a record of the same mission', async () => {
    const { hq } = await hqFixture();
    app = hq;
    // DSQ-US and TLSQ-US-SF hold this conference on this day; HQ's own record holds the second row.
    await call(hq, 'activity.create', { title: 'Họp tổng kết quý I', kind: 'other', startDate: '2026-03-31' });
    const csv = ['Ngày,Tên hoạt động', '15/3/2026,Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam', '31/3/2026,HỌP TỔNG KẾT QUÝ I'].join('\n');
    const preview = await call(hq, 'recordImport.preview', { entity: 'activity', fileName: 'hq.csv', dataBase64: Buffer.from(csv).toString('base64') });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'duplicate']);
  });

  it('ships templates whose every column the import maps, with an example row it reads', async () => {
    app = await setUpMission(openContext());
    const shipped = TEMPLATE_FILES;
    for (const entity of ['activity', 'agreement'] as const) {
      const dataBase64 = (await importTemplate(entity)).toString('base64');
      const preview = await call(app, 'recordImport.preview', { entity, fileName: 'mau.xlsx', dataBase64 });
      expect(Object.values(preview.mapping).filter(Boolean)).toHaveLength(preview.columns.length);
      expect(preview.rows.map((r) => [r.action, r.problems])).toEqual([['create', []]]);
      // The files in resources/templates/ are what the dialog offers (cau-noi … template writes them).
      const file = fs.readFileSync(path.join(__dirname, '../../resources/templates', shipped[entity])).toString('base64');
      const fromFile = await call(app, 'recordImport.preview', { entity, fileName: shipped[entity], dataBase64: file });
      expect([fromFile.columns, fromFile.rows.map((r) => r.cells)]).toEqual([preview.columns, preview.rows.map((r) => r.cells)]);
    }
    // Partners: every column mapped, the example row a new organisation with its person, the shipped file the same.
    const partner = (dataBase64: string) => call(app, 'partnerImport.preview', { fileName: 'mau.xlsx', dataBase64 });
    const generated = await partner((await importTemplate('partner')).toString('base64'));
    expect(Object.values(generated.mapping).filter(Boolean)).toHaveLength(generated.columns.length);
    expect(generated.rows.map((r) => [r.organisation.action, r.contact.action, r.problems])).toEqual([['create', 'create', []]]);
    const shippedPartner = await partner(fs.readFileSync(path.join(__dirname, '../../resources/templates', shipped.partner)).toString('base64'));
    expect(shippedPartner.columns).toEqual(generated.columns);
    expect(shippedPartner.rows).toEqual(generated.rows);
  });
});

describe('cau-noi activity import / agreement import', () => {
  const INIT = [
    'init',
    '--code',
    'DSQ-JP',
    '--name-vi',
    'Đại sứ quán Việt Nam tại Nhật Bản',
    '--name-en',
    'Embassy of Viet Nam in Japan',
    '--kind',
    'embassy',
    '--country',
    'jp',
    '--city',
    'Tokyo',
    '--user',
    'Trần Minh Đức',
  ];

  it('maps columns by header, dry-runs, imports, and exits 3 on the same file again and 2 when nothing can be read', async () => {
    const dir = tempDir();
    expect((await cli(['--data-dir', dir, ...INIT])).code).toBe(0);
    const csv = path.join(dir, 'hoat-dong.csv');
    fs.writeFileSync(
      csv,
      [
        'Ngày,Tên hoạt động,Loại hoạt động,Địa phương,Giá trị (USD),Số doanh nghiệp,Ghi chú',
        '15/3/2024,Hội chợ FOODEX,XTTM,Bình Dương,"1,5 triệu USD",12,',
        '5/4/2024,Hội thảo,XT đầu tư,Atlantis,,,',
      ].join('\n'),
    );

    const dry = await cli(['--data-dir', dir, 'activity', 'import', csv, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout) as {
      dryRun: boolean;
      counts: object;
      rows: { line: number; action: string; problems: { field: string; code: string }[] }[];
    };
    expect(planned).toMatchObject({ dryRun: true, counts: { create: 1, imported: 0, duplicate: 0, problem: 1 } });
    expect(planned.rows[1]).toMatchObject({ line: 3, action: 'problem', problems: [{ field: 'provinces', code: 'province_unknown' }] });
    expect(JSON.parse((await cli(['--data-dir', dir, 'activity', 'list', '--json'])).stdout)).toMatchObject({ total: 0 });

    const done = await cli(['--data-dir', dir, 'activity', 'import', csv]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('created 1');
    expect(done.stdout).toContain('line 3: Địa phương “Atlantis”');
    expect(JSON.parse((await cli(['--data-dir', dir, 'activity', 'list', '--json'])).stdout)).toMatchObject({ total: 1 });
    expect((await cli(['--data-dir', dir, 'activity', 'import', csv])).code).toBe(3);

    const unreadable = path.join(dir, 'xau.csv');
    fs.writeFileSync(unreadable, 'Ngày,Tên hoạt động\n31/02/2024,Hội thảo\n');
    expect((await cli(['--data-dir', dir, 'activity', 'import', unreadable])).code).toBe(2);
    const notATable = path.join(dir, 'x.docx');
    fs.writeFileSync(notATable, 'x');
    expect((await cli(['--data-dir', dir, 'agreement', 'import', notATable])).code).toBe(2);
  });

  it('takes --map for headers it does not know, and refuses a --map naming no field', async () => {
    const dir = tempDir();
    await cli(['--data-dir', dir, ...INIT]);
    const csv = path.join(dir, 'la.csv');
    // "Nội dung chính" is unknown; "Ghi chú" would be guessed as notes but is mapped to the partners by hand.
    fs.writeFileSync(csv, ['BẢNG THEO DÕI 2024', 'Thời điểm,Nội dung chính,Ghi chú', '15/3/2024,Hội chợ FOODEX,JETRO'].join('\n'));
    expect((await cli(['--data-dir', dir, 'activity', 'import', csv, '--dry-run'])).code).toBe(2);

    const mapped = await cli([
      '--data-dir',
      dir,
      'activity',
      'import',
      csv,
      '--map',
      'Thời điểm=startDate',
      '--map',
      'Nội dung chính=title',
      '--map',
      'Ghi chú=organisations',
      '--json',
    ]);
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout)).toMatchObject({
      mapping: { startDate: 'Thời điểm', title: 'Nội dung chính', organisations: 'Ghi chú' },
      counts: { create: 1 },
      newOrganisations: ['JETRO'],
    });
    expect(JSON.parse(mapped.stdout).mapping.notes).toBeUndefined();
    const list = JSON.parse((await cli(['--data-dir', dir, 'activity', 'list', '--json'])).stdout) as { rows: { title: string; startDate: string }[] };
    expect(list.rows.map((r) => [r.title, r.startDate])).toEqual([['Hội chợ FOODEX', '2024-03-15']]);

    const wrong = await cli(['--data-dir', dir, 'activity', 'import', csv, '--map', 'Nội dung chính=ten']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--map "Nội dung chính=ten"');
  });

  it('imports the shipped agreement template', async () => {
    const dir = tempDir();
    await cli(['--data-dir', dir, ...INIT]);
    const shipped = path.join(__dirname, '../../resources/templates/mau-nhap-thoa-thuan.xlsx');
    const done = await cli(['--data-dir', dir, 'agreement', 'import', shipped, '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ counts: { create: 1, problem: 0 } });
  });
});
