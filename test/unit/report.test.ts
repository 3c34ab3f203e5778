import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/program';
import type { AppContext } from '../../electron/context';
import { dateLineParts, normalizeReportNumber, recipientLines } from '../../shared/domain/report';
import { province } from '../../shared/reference';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission, tempDir } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

async function fixture() {
  app = await setUpMission(openContext(), 'head');
  await call(app, 'activity.create', {
    title: 'Hội thảo xúc tiến đầu tư vào Huế tại Osaka',
    kind: 'investment-promotion',
    startDate: '2025-06-30',
    provinces: ['hue'],
  });
  await call(app, 'activity.create', { title: 'Tuần hàng Việt Nam tại AEON', kind: 'trade-promotion', startDate: '2025-03-03', businessesSupported: 12 });
  await call(app, 'activity.create', { title: 'Hội chợ năm trước', kind: 'trade-promotion', startDate: '2024-04-04' });
  await call(app, 'agreement.create', {
    title: 'MoU hợp tác du lịch Huế – Kyoto',
    kind: 'mou',
    signedDate: '2025-05-20',
    provinceId: 'hue',
    status: 'implementing',
  });
  const defaults = await call(app, 'report.defaults', { period: '2025S1' });
  return call(app, 'report.create', {
    ...defaults,
    number: '5/BC-ĐSQ',
    reportDate: '2026-01-05',
    signerTitle: 'Đại sứ',
    recipients: ['Bộ Ngoại giao (Cục Ngoại giao kinh tế)', 'UBND thành phố Huế'],
    sections: {
      generalSituation: 'Tình hình kinh tế nước sở tại ổn định.\nNhu cầu đầu tư vào Việt Nam tăng.',
      mainResults: 'Đại sứ quán đã triển khai nhiều hoạt động.',
      difficulties: '',
      proposals: 'Đề nghị Bộ hỗ trợ kinh phí.',
      nextTasks: 'Tổ chức Tuần hàng Việt Nam.',
    },
  });
}

function documentXml(base64: string): { document: string; files: string[]; settings: string; styles: string; headers: string[] } {
  const files = unzipSync(Buffer.from(base64, 'base64'));
  const text = (name: string) => strFromU8(files[name]!);
  const names = Object.keys(files);
  return {
    document: text('word/document.xml'),
    files: names,
    settings: text('word/settings.xml'),
    styles: text('word/styles.xml'),
    headers: names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(text),
  };
}

/** An annex sheet's data rows (after the title, "Kèm theo" and heading rows) keyed by heading; the last is the totals row. */
async function annexSheet(base64: string, name: string): Promise<{ sheet: ExcelJS.Worksheet; rows: Record<string, unknown>[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name)!;
  const head = sheet.getRow(3).values as unknown[];
  const rows: Record<string, unknown>[] = [];
  for (let r = 4; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    rows.push(Object.fromEntries(head.map((h, i) => [String(h), values[i] ?? null]).filter(([h]) => h !== 'undefined')));
  }
  return { sheet, rows };
}

/** The visible text of a run of XML, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter(Boolean);
}

describe('report workflow', () => {
  it('saves drafts, normalises the number, and freezes figures when final', async () => {
    const draft = await fixture();
    expect(draft.status).toBe('draft');
    expect(draft.number).toBe('05/BC-ĐSQ');
    expect(draft.place).toBe('Tokyo');
    expect(draft.signerName).toBe('Nguyễn Thu Hà');
    expect(draft.figures).toBeNull();
    const updated = await call(app, 'report.update', { id: draft.id, values: { ...draft, place: 'Tô-ky-ô' } });
    expect(updated.place).toBe('Tô-ky-ô');
    expect((await call(app, 'report.list', { period: '2025S1' })).map((r) => r.id)).toEqual([draft.id]);

    const final = await call(app, 'report.finalise', { id: draft.id });
    expect(final.status).toBe('final');
    expect(final.finalisedAt).not.toBeNull();
    expect(final.figures!.key.activitiesDone.value).toBe(2);
    // Later records do not change a final report's figures.
    await call(app, 'activity.create', { title: 'Thêm sau', kind: 'trade-promotion', startDate: '2025-01-10' });
    expect((await call(app, 'report.get', { id: draft.id })).figures!.key.activitiesDone.value).toBe(2);
    expect((await call(app, 'figures.compute', { period: '2025S1' })).key.activitiesDone.value).toBe(3);
    const refused = (await call(app, 'report.update', { id: draft.id, values: { ...draft } }).catch((e: AppError) => e)) as AppError;
    expect(refused.code).toBe('REPORT_FINAL');
    expect(((await call(app, 'report.delete', { id: draft.id }).catch((e: AppError) => e)) as AppError).code).toBe('REPORT_FINAL');
    const changes = app.db.prepare(`SELECT field FROM changes WHERE entity = 'report' AND record_id = ?`).pluck().all(draft.id);
    expect(changes).toEqual(expect.arrayContaining(['status', 'figures', 'finalisedAt', 'place']));
  });

  it('travels: its change records applied on another device give the same final report', async () => {
    const draft = await fixture();
    const final = await call(app, 'report.finalise', { id: draft.id });
    const rows = app.db.prepare(`SELECT field, value FROM changes WHERE entity = 'report' AND record_id = ? ORDER BY seq`).all(draft.id) as {
      field: string;
      value: string;
    }[];
    const fields = Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value) as unknown]));
    const hq = await setUpMission(openContext());
    try {
      hq.reports.applyRemote(draft.id, fields, { now: new Date().toISOString(), author: 'x', deviceId: app.deviceId, missionId: app.requireMissionId() });
      const received = await call(hq, 'report.get', { id: draft.id });
      expect(received).toMatchObject({ status: 'final', number: '05/BC-ĐSQ', sections: final.sections, recipients: final.recipients });
      expect(received.figures).toEqual(final.figures);
      // HQ prints the header it was signed under, not HQ's own.
      expect(received.header).toEqual({ superiorBody: 'Bộ Ngoại giao', issuer: 'Đại sứ quán Việt Nam tại Nhật Bản' });
      expect(hq.reports.missionOf(draft.id)).toBe(app.requireMissionId());
    } finally {
      hq.close();
    }
  });

  it('writes the .docx in the Nghị định 30 layout', async () => {
    const report = await fixture();
    const file = await call(app, 'report.document', { id: report.id, format: 'docx' });
    expect(file.fileName).toBe('BaoCao-2025S1-05-BC-DSQ.docx');
    if (process.env.REPORT_OUT) fs.writeFileSync(path.join(process.env.REPORT_OUT, file.fileName), Buffer.from(file.base64, 'base64'));
    const { document, settings, styles, headers } = documentXml(file.base64);
    const text = paragraphs(document);
    expect(text.slice(0, 10)).toEqual([
      'DỰ THẢO',
      'BỘ NGOẠI GIAO',
      'ĐẠI SỨ QUÁN VIỆT NAM TẠI NHẬT BẢN',
      'Số: 05/BC-ĐSQ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tokyo, ngày 05 tháng 01 năm 2026',
      'BÁO CÁO',
      'Kết quả công tác ngoại giao kinh tế 6 tháng đầu năm 2025',
      expect.stringContaining('Đại sứ quán Việt Nam tại Nhật Bản báo cáo'),
    ]);
    for (const heading of ['I. TÌNH HÌNH CHUNG', 'II. KẾT QUẢ CHỦ YẾU', 'III. KHÓ KHĂN, VƯỚNG MẮC', 'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI']) {
      expect(text).toContain(heading);
    }
    expect(text.indexOf('I. TÌNH HÌNH CHUNG')).toBeLessThan(text.indexOf('II. KẾT QUẢ CHỦ YẾU'));
    expect(text).toContain('Nhu cầu đầu tư vào Việt Nam tăng.');
    expect(text).toContain('Bảng 1. Các chỉ tiêu chủ yếu');
    // Key figures row: label, this period, last year, change.
    const keyRow = text.indexOf('Hoạt động ngoại giao kinh tế đã thực hiện');
    expect(text.slice(keyRow, keyRow + 4)).toEqual(['Hoạt động ngoại giao kinh tế đã thực hiện', '2', '1', '+1 (+100,0%)']);
    expect(text).toContain(province('hue')!.name);
    expect(text.slice(-6)).toEqual([
      'Nơi nhận:',
      '- Bộ Ngoại giao (Cục Ngoại giao kinh tế);',
      '- UBND thành phố Huế;',
      '- Lưu: VT.',
      'ĐẠI SỨ',
      'Nguyễn Thu Hà',
    ]);

    // Page and font: A4, margins 20/20/30/15 mm, Times New Roman; body justified with a first-line indent.
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    // The font is the document's default (styles.xml), and no run names another.
    expect(styles).toMatch(
      /<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/,
    );
    expect(document).not.toContain('<w:rFonts');
    expect(document).toMatch(/<w:jc w:val="both"\/>/);
    expect(document).toMatch(/<w:ind w:firstLine="720"\/>/);
    // Page numbers: a different (empty) first-page header, the PAGE field in the default header.
    expect(document).toContain('<w:titlePg/>');
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
    expect(headers.some((h) => !h.includes('PAGE'))).toBe(true);
    expect(settings).toBeTruthy();
    // The motto and the signer are bold; the date line is italic.
    const runOf = (content: string) => new RegExp(`<w:r>(?:(?!</w:r>).)*<w:t[^>]*>${content}</w:t>`, 's').exec(document)?.[0] ?? '';
    expect(runOf('Độc lập - Tự do - Hạnh phúc')).toContain('<w:b/>');
    expect(runOf('Nguyễn Thu Hà')).toContain('<w:b/>');
    expect(runOf('Tokyo, ngày 05 tháng 01 năm 2026')).toContain('<w:i/>');
    expect(runOf('Nơi nhận:')).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
  });

  it('writes the .xlsx annex with every activity and agreement of the period', async () => {
    await fixture();
    const file = await call(app, 'report.document', { period: '2025S1', format: 'xlsx' });
    expect(file.fileName).toBe('PhuLuc-2025S1-05-BC-DSQ.xlsx');
    const { sheet, rows } = await annexSheet(file.base64, 'Hoạt động');
    expect(sheet.workbook.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Hoạt động', 'Thỏa thuận']);
    expect(rows.map((r) => r['Tên'])).toEqual(['Tuần hàng Việt Nam tại AEON', 'Hội thảo xúc tiến đầu tư vào Huế tại Osaka', 'Tổng cộng']);
    expect(rows.map((r) => r['STT'])).toEqual([1, 2, null]);
    // Real dates shown dd/mm/yyyy, and a totals row summing the numbers.
    expect(rows[0]!['Ngày bắt đầu']).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(sheet.getRow(4).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(rows[2]!['Số doanh nghiệp được hỗ trợ']).toMatchObject({ formula: 'SUM(L4:L5)', result: 12 });
    // Printed as an annex: A4 landscape, one page wide, headings on every page, ids not printed.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      printArea: 'A1:M6',
    });
    expect(sheet.getCell('A2').value).toBe('(Kèm theo Báo cáo số 05/BC-ĐSQ ngày 05/01/2026)');
    expect((await annexSheet(file.base64, 'Thỏa thuận')).rows.map((r) => r['Tên'])).toEqual(['MoU hợp tác du lịch Huế – Kyoto', 'Tổng cộng']);
  });

  it('keeps line breaks: a paragraph per line in the .docx, a wrapped cell in the annex', async () => {
    const report = await fixture();
    const aeon = (await call(app, 'activity.list', { filter: { text: 'aeon' } })).rows[0]!;
    const outcomes = 'Ký 3 hợp đồng.\n\nHai doanh nghiệp mở văn phòng.';
    await call(app, 'activity.update', { id: aeon.id, values: { ...(await call(app, 'activity.get', { id: aeon.id })), outcomes } });
    const text = paragraphs(documentXml((await call(app, 'report.document', { id: report.id, format: 'docx' })).base64).document);
    const first = text.indexOf('Tình hình kinh tế nước sở tại ổn định.');
    expect(text.slice(first, first + 2)).toEqual(['Tình hình kinh tế nước sở tại ổn định.', 'Nhu cầu đầu tư vào Việt Nam tăng.']);
    const file = await call(app, 'report.document', { period: '2025S1', format: 'xlsx' });
    const { sheet } = await annexSheet(file.base64, 'Hoạt động');
    const column = (sheet.getRow(3).values as unknown[]).indexOf('Kết quả');
    const cell = sheet.getRow(4).getCell(column);
    expect(cell.value).toBe(outcomes);
    expect(cell.alignment?.wrapText).toBe(true);
  });

  it("keeps a final report's annex as it was finalised, while a draft's follows the records", async () => {
    const report = await fixture();
    const activityTitles = async (input: { id?: string; period?: string }) => {
      const file = await call(app, 'report.document', { ...input, format: 'xlsx' });
      return (await annexSheet(file.base64, 'Hoạt động')).rows.slice(0, -1).map((r) => r['Tên']);
    };
    await call(app, 'report.finalise', { id: report.id });
    const aeon = (await call(app, 'activity.list', { filter: { text: 'aeon' } })).rows[0]!;
    await call(app, 'activity.update', {
      id: aeon.id,
      values: { ...(await call(app, 'activity.get', { id: aeon.id })), title: 'Tuần hàng Việt Nam tại AEON (sửa sau)' },
    });
    await call(app, 'activity.create', { title: 'Hoạt động ghi muộn', kind: 'other', startDate: '2025-04-01' });
    const frozen = ['Tuần hàng Việt Nam tại AEON', 'Hội thảo xúc tiến đầu tư vào Huế tại Osaka'];
    expect(await activityTitles({ id: report.id })).toEqual(frozen);
    // The figures sheet and the lists still agree: the final report's count is the frozen one.
    expect((await call(app, 'report.get', { id: report.id })).figures!.key.activitiesDone.value).toBe(frozen.length);
    // No final report chosen: the period's rows as they are now.
    const draft = await call(app, 'report.create', { ...(await call(app, 'report.defaults', { period: '2025S1' })), number: '6/BC-ĐSQ' });
    expect(await activityTitles({ id: draft.id })).toEqual([
      'Tuần hàng Việt Nam tại AEON (sửa sau)',
      'Hoạt động ghi muộn',
      'Hội thảo xúc tiến đầu tư vào Huế tại Osaka',
    ]);
  });

  it('formats the date line, number and recipients as Nghị định 30 asks', () => {
    expect(dateLineParts('2026-01-05')).toEqual({ day: '05', month: '01', year: '2026' });
    expect(dateLineParts('2025-11-20')).toEqual({ day: '20', month: '11', year: '2025' });
    expect(dateLineParts('2025-03-09')).toEqual({ day: '09', month: '3', year: '2025' });
    expect(normalizeReportNumber('5/BC-ĐSQ')).toBe('05/BC-ĐSQ');
    expect(normalizeReportNumber('12/BC-ĐSQ')).toBe('12/BC-ĐSQ');
    expect(recipientLines(['Như trên', 'Lưu: VT, KT', 'Bộ Ngoại giao;'], 'Lưu: VT')).toEqual(['- Như trên;', '- Bộ Ngoại giao;', '- Lưu: VT, KT.']);
  });

  it('cau-noi report prints the figures as JSON and writes the .docx and .xlsx', async () => {
    await fixture();
    const dir = app.options.dataDir;
    app.close();
    const out = tempDir();
    let stdout = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    try {
      expect(await runCli(['--data-dir', dir, 'report', '--period', '2025S1', '--json'])).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ period: '2025S1', key: { activitiesDone: { value: 2, previous: 1 }, agreementsSigned: { value: 1 } } });
      const docx = path.join(out, 'r.docx');
      const xlsx = path.join(out, 'r.xlsx');
      expect(await runCli(['--data-dir', dir, 'report', '--period', '2025S1', '--docx', docx, '--xlsx', xlsx])).toBe(0);
      expect(strFromU8(unzipSync(fs.readFileSync(docx))['word/document.xml']!)).toContain('Số: 05/BC-ĐSQ');
      expect(Object.keys(unzipSync(fs.readFileSync(xlsx)))).toContain('xl/workbook.xml');
      expect(await runCli(['--data-dir', dir, 'report', '--period', '2025S3'])).toBe(2);
    } finally {
      write.mockRestore();
    }
  });
});
