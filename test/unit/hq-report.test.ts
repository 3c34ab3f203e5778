/**
 * HQ's consolidated report and the locality digest against a code-built HQ of three missions
 * (test/support/hq-fixture.ts), every expected figure computed by hand: the document model's
 * tables, the narrative's numbers (and that changing one record changes the sentence), the
 * frozen data of a final report, the digest's rows and totals, and the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { consolidatedFigures } from '../../electron/services/hq-figures';
import { composeConsolidated, consolidatedReportData } from '../../electron/services/hq-report';
import { registeredMissions } from '../../electron/services/register';
import type { DocTable, ReportDocumentModel } from '../../shared/domain/report-document';
import { runCliCaptured } from '../support/cli';
import { call, openContext, setUpMission, tempDir } from '../support/context';
import { device } from '../support/exchange';
import { hqFixture } from '../support/hq-fixture';

let hq: AppContext;
afterEach(() => hq?.close());

const tables = (model: ReportDocumentModel): DocTable[] => model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
const table = (model: ReportDocumentModel, caption: RegExp) => tables(model).find((x) => caption.test(x.caption))!;

async function draftReport() {
  const defaults = await call(hq, 'report.defaults', { period: '2026S1' });
  return call(hq, 'report.create', { ...defaults, reportDate: '2026-07-20', signerTitle: 'Cục trưởng', signerName: 'Phạm Quốc Việt' });
}

describe('HQ consolidated report', () => {
  it('prints the consolidated figures: by region, by mission, localities with their missions, agreements for localities, shared deals once', async () => {
    ({ hq } = await hqFixture());
    const model = await call(hq, 'hq.report.model', { period: '2026S1' });
    expect(model.draftMark).toBe('DỰ THẢO');
    expect(model.header).toMatchObject({ superiorBody: 'BỘ NGOẠI GIAO', issuer: 'CỤC NGOẠI GIAO KINH TẾ', number: 'Số:      /BC-...' });
    expect(model.summary).toBe('Tổng hợp kết quả công tác ngoại giao kinh tế của các Cơ quan đại diện Việt Nam ở nước ngoài 6 tháng đầu năm 2026');
    expect(model.recipients).toEqual(['- Lãnh đạo Bộ (để báo cáo);', '- Lưu: VT.']);
    expect(tables(model).map((x) => x.caption)).toEqual([
      'Bảng 1. Các chỉ tiêu chủ yếu',
      'Bảng 2. Hoạt động đã thực hiện theo loại',
      'Bảng 3. Kết quả theo khu vực',
      'Bảng 4. Kết quả theo Cơ quan đại diện',
      'Bảng 5. Hỗ trợ các địa phương',
      'Bảng 6. Thỏa thuận ký kết cho các địa phương',
      'Bảng 7. Thỏa thuận ký kết theo tình trạng triển khai',
      'Bảng 8. Hợp tác do nhiều Cơ quan đại diện cùng báo cáo',
    ]);
    // Done activities 2 + 1 + 1; deals 1.000.000 + 250.000,5 + 2.000.000 (the conference two missions reported, once).
    expect(table(model, /theo khu vực/).rows).toEqual([
      ['1', 'Châu Á', '1', '2', '2', '1', '1.250.000,5'],
      ['2', 'Châu Mỹ', '2', '2', '1', '1', '2.000.000'],
      ['', 'Tổng cộng', '3', '4', '3', '2', '3.250.000,5'],
    ]);
    expect(table(model, /theo Cơ quan đại diện/).rows).toEqual([
      ['1', 'Đại sứ quán Việt Nam tại Nhật Bản (DSQ-JP)', '2', '2', '1', '1.250.000,5'],
      ['2', 'Đại sứ quán Việt Nam tại Hoa Kỳ (DSQ-US)', '1', '1', '1', '2.000.000'],
      ['3', 'Tổng Lãnh sự quán Việt Nam tại San Francisco (TLSQ-US-SF)', '1', '0', '0', '2.000.000'],
      ['', 'Tổng cộng', '4', '3', '2', '3.250.000,5'],
    ]);
    // The planned activity for Đà Nẵng is not support given; Hải Phòng has an agreement only.
    expect(table(model, /Hỗ trợ các địa phương/).rows).toEqual([
      ['1', 'Huế', '2', '1', 'DSQ-JP'],
      ['2', 'Hà Nội', '1', '0', 'DSQ-JP'],
      ['3', 'Hải Phòng', '0', '1', 'DSQ-US'],
      ['4', 'Thành phố Hồ Chí Minh', '1', '0', 'DSQ-US'],
      ['', 'Tổng cộng', '3', '2', ''],
    ]);
    expect(table(model, /cho các địa phương/).rows).toEqual([
      ['1', 'MoU hợp tác du lịch Huế – Kyoto', '20/05/2026', 'Huế', 'Tỉnh Kyoto', 'DSQ-JP', '1.500.000'],
      ['2', 'Thư ý định về logistics', '01/06/2026', 'Hải Phòng', '', 'DSQ-US', ''],
      ['', 'Tổng cộng', '', '', '', '', '1.500.000'],
    ]);
    expect(table(model, /cùng báo cáo/).rows).toEqual([
      ['1', 'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam (hoạt động)', '15/03/2026', '2.000.000', 'DSQ-US, TLSQ-US-SF'],
    ]);
  });

  it('drafts the narrative from the consolidated figures; one record changed, the sentences change', async () => {
    const fixture = await hqFixture();
    hq = fixture.hq;
    const report = await draftReport();
    const before = await call(hq, 'report.compose', { id: report.id, period: '2026S1' });
    const figures = await call(hq, 'hq.figures', { period: '2026S1' });
    expect(figures.total.key.activitiesDone.value).toBe(4);
    expect(before.generalSituation.split('\n')[0]).toBe(
      'Trong 6 tháng đầu năm 2026, 3 Cơ quan đại diện Việt Nam ở nước ngoài đã triển khai 4 hoạt động ngoại giao kinh tế, tăng 3 hoạt động (300,0%) so với cùng kỳ năm 2025.',
    );
    expect(before.generalSituation).toContain('- Châu Mỹ: 2 Cơ quan đại diện, 2 hoạt động;');
    const main = before.mainResults.split('\n');
    expect(main).toContain('Hỗ trợ 20 lượt doanh nghiệp Việt Nam, cùng kỳ năm 2025 chưa có.');
    expect(main).toContain(`Giá trị hợp tác ước tính đạt 3.250.000,5 USD, cùng kỳ năm 2025 chưa có.`);
    expect(figures.total.key.dealValueUsd.value).toBe(3_250_000.5);
    expect(main).toContain(
      'Trong đó, 1 thương vụ, thỏa thuận do nhiều Cơ quan đại diện cùng báo cáo được tính một lần: Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam (DSQ-US, TLSQ-US-SF).',
    );
    expect(main).toContain('- MoU hợp tác du lịch Huế – Kyoto, ký ngày 20/05/2026 giữa Huế và Tỉnh Kyoto, trị giá 1.500.000 USD (DSQ-JP);');
    expect(main).toContain(
      'Hỗ trợ 4 tỉnh, thành phố: Huế (2 hoạt động, 1 thỏa thuận); Hà Nội (1 hoạt động); Hải Phòng (1 thỏa thuận); Thành phố Hồ Chí Minh (1 hoạt động).',
    );
    expect(before.difficulties).toBe('Có 1 hoạt động đã lên kế hoạch trong kỳ phải hủy.');

    // San Francisco's record of the conference is deleted: one mission and one activity fewer, nothing shared.
    await call(hq, 'activity.delete', { id: fixture.sharedAtSf });
    const after = await call(hq, 'report.compose', { id: report.id, period: '2026S1' });
    expect(after.generalSituation.split('\n')[0]).toBe(
      'Trong 6 tháng đầu năm 2026, 2 Cơ quan đại diện Việt Nam ở nước ngoài đã triển khai 3 hoạt động ngoại giao kinh tế, tăng 2 hoạt động (200,0%) so với cùng kỳ năm 2025.',
    );
    expect(after.generalSituation).toContain('- Châu Mỹ: 2 Cơ quan đại diện, 1 hoạt động;');
    expect(after.mainResults).toContain('Giá trị hợp tác ước tính đạt 3.250.000,5 USD');
    expect(after.mainResults).not.toContain('được tính một lần');
  });

  it('names the registered missions that have not sent the period’s data by the figures’ day', async () => {
    ({ hq } = await hqFixture());
    // The register trimmed to three: Japan and the United States (records at HQ) and Korea (nothing ever).
    for (const m of registeredMissions(hq)) if (!['DSQ-JP', 'DSQ-US', 'DSQ-KR'].includes(m.code)) hq.register.remove(m.code);
    let seq = 0;
    const batch = (code: string, createdAt: string) =>
      hq.db
        .prepare(
          `INSERT INTO batches_received (sha256, device_id, stream, seq, mission_code, status, change_count, created_at, received_at) VALUES (?, ?, 'records', ?, ?, 'applied', 1, ?, ?)`,
        )
        .run(`sha-${++seq}`, `device-${code}`, seq, code, createdAt, createdAt);
    // Japan sent after the half-year ended; the United States only during it.
    batch('DSQ-JP', '2026-07-05T09:00:00.000Z');
    batch('DSQ-US', '2026-06-20T09:00:00.000Z');
    const lines = (asOf: string) =>
      composeConsolidated(hq, consolidatedReportData(hq, '2026S1', consolidatedFigures(hq.db, '2026S1', hq.missionId(), asOf)))
        .generalSituation.split('\n')
        .filter((l) => l.startsWith('Đến ngày'));
    // Korea sent nothing; the United States' records already count here, so it is named as partly sent.
    expect(lines('2026-08-10')).toEqual([
      'Đến ngày 10/08/2026, 1 Cơ quan đại diện chưa gửi số liệu 6 tháng đầu năm 2026: Đại sứ quán Việt Nam tại Hàn Quốc (DSQ-KR).',
      'Đến ngày 10/08/2026, 1 Cơ quan đại diện đã gửi một phần, chưa gửi số liệu cuối kỳ 6 tháng đầu năm 2026 (số liệu đã nhận được tính trong báo cáo này): Đại sứ quán Việt Nam tại Hoa Kỳ (DSQ-US).',
    ]);
    batch('DSQ-US', '2026-07-15T09:00:00.000Z');
    batch('DSQ-KR', '2026-08-01T09:00:00.000Z');
    expect(lines('2026-08-10')).toEqual(['Đến ngày 10/08/2026, cả 3 Cơ quan đại diện đã gửi số liệu 6 tháng đầu năm 2026.']);
  });

  it('a final report keeps the consolidated data it was signed with', async () => {
    const fixture = await hqFixture();
    hq = fixture.hq;
    const report = await draftReport();
    await call(hq, 'report.update', {
      id: report.id,
      values: { ...report, number: '12/BC-NGKT', sections: await call(hq, 'report.compose', { id: report.id, period: '2026S1' }) },
    });
    await call(hq, 'report.finalise', { id: report.id });
    await call(hq, 'activity.delete', { id: fixture.sharedAtSf });
    // A mission's own report of the period, received at HQ afterwards, is not HQ's.
    const received = await call(hq, 'report.create', { ...(await call(hq, 'report.defaults', { period: '2026S1' })), number: '05/BC-ĐSQ' });
    hq.db.prepare(`UPDATE reports SET mission_id = ? WHERE id = ?`).run(fixture.missions.jp, received.id);
    const model = await call(hq, 'hq.report.model', { period: '2026S1' });
    expect(model.draftMark).toBeNull();
    expect(model.header.number).toBe('Số: 12/BC-NGKT');
    expect(table(model, /theo Cơ quan đại diện/).rows.at(-1)).toEqual(['', 'Tổng cộng', '4', '3', '2', '3.250.000,5']);
    expect(table(model, /cùng báo cáo/)).toBeDefined();
    expect(await call(hq, 'report.model', { id: report.id })).toEqual(model);
  });

  it('lists a mission’s report received in a batch apart, with its mission, and never changes it', async () => {
    const fixture = await hqFixture();
    hq = fixture.hq;
    const own = await draftReport();
    const received = await call(hq, 'report.create', { ...(await call(hq, 'report.defaults', { period: '2026S1' })), number: '05/BC-ĐSQ' });
    hq.db.prepare(`UPDATE reports SET mission_id = ? WHERE id = ?`).run(fixture.missions.jp, received.id);
    const list = await call(hq, 'report.list', {});
    expect(list.find((r) => r.id === own.id)!.received).toBeNull();
    expect(list.find((r) => r.id === received.id)!.received).toEqual({
      missionId: fixture.missions.jp,
      code: 'DSQ-JP',
      nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản',
      nameEn: 'DSQ-JP',
    });
    await expect(call(hq, 'report.update', { id: received.id, values: { ...received, number: '06/BC-ĐSQ' } })).rejects.toMatchObject({
      code: 'REPORT_RECEIVED',
    });
    await expect(call(hq, 'report.finalise', { id: received.id })).rejects.toMatchObject({ code: 'REPORT_RECEIVED' });
    await expect(call(hq, 'report.delete', { id: received.id })).rejects.toMatchObject({ code: 'REPORT_RECEIVED' });
    expect((await call(hq, 'report.get', { id: received.id })).number).toBe('05/BC-ĐSQ');
  });

  it('prints the Ministry once when HQ’s unit is the Ministry itself', async () => {
    hq = await device('Phạm Quốc Việt', { mode: 'hq' });
    const model = await call(hq, 'hq.report.model', { period: '2026S1' });
    expect([model.header.superiorBody, model.header.issuer]).toEqual(['', 'BỘ NGOẠI GIAO']);
    expect(model.sections[0]!.blocks[0]).toEqual({
      kind: 'paragraph',
      text: 'Trên cơ sở báo cáo, số liệu của 0 Cơ quan đại diện Việt Nam ở nước ngoài, Bộ Ngoại giao tổng hợp kết quả công tác ngoại giao kinh tế 6 tháng đầu năm 2026 như sau:',
    });
  });

  it('is refused on a mission’s computer', async () => {
    hq = await setUpMission(openContext(), 'head');
    await expect(call(hq, 'hq.report.model', { period: '2026S1' })).rejects.toMatchObject({ code: 'HQ_ONLY' });
    await expect(call(hq, 'hq.digest.document', { period: '2026S1', provinceId: 'hue', format: 'xlsx' })).rejects.toMatchObject({ code: 'HQ_ONLY' });
  });
});

describe('locality digest', () => {
  it('lists what every mission did for the locality, with a summary of its own rows', async () => {
    ({ hq } = await hqFixture());
    const file = await call(hq, 'hq.digest.document', { period: '2026S1', provinceId: 'hue', format: 'xlsx' });
    expect(file.fileName).toBe('BanTin-hue-2026S1.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const activities = book.getWorksheet('Hoạt động')!;
    const values = (row: number) => (activities.getRow(row).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('Hoạt động của các Cơ quan đại diện Việt Nam ở nước ngoài hỗ trợ Huế trong 6 tháng đầu năm 2026');
    expect(values(4).slice(0, 8)).toEqual([
      1,
      new Date('2026-03-10T00:00:00Z'),
      'Đại sứ quán Việt Nam tại Nhật Bản',
      'Xúc tiến đầu tư',
      'Hội thảo xúc tiến đầu tư vào Huế tại Osaka',
      '',
      5,
      1_000_000,
    ]);
    expect(values(5)[4]).toBe('Tuần hàng Việt Nam tại AEON');
    expect((activities.getRow(6).getCell(7).value as { result: number }).result).toBe(17);
    expect((activities.getRow(6).getCell(8).value as { result: number }).result).toBe(1_250_000.5);
    const agreements = book.getWorksheet('Thỏa thuận')!;
    expect((agreements.getRow(4).values as unknown[]).slice(3, 10)).toEqual([
      'Đại sứ quán Việt Nam tại Nhật Bản',
      'MoU hợp tác du lịch Huế – Kyoto',
      'Biên bản ghi nhớ (MoU)',
      'UBND thành phố Huế',
      'Tỉnh Kyoto',
      'Đang triển khai',
      1_500_000,
    ]);
  });

  it('says so when the missions did nothing for the locality', async () => {
    ({ hq } = await hqFixture());
    const out = path.join(tempDir(), 'cao-bang.docx');
    const result = await runCliCaptured([
      '--data-dir',
      hq.options.dataDir,
      'hq',
      'digest',
      '--locality',
      'Cao Bang',
      '--period',
      '2026S1',
      '--out',
      out,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ path: out, fileName: 'BanTin-cao-bang-2026S1.docx' });
    const xml = strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']!);
    expect(xml).toContain('Trong 6 tháng đầu năm 2026, các Cơ quan đại diện chưa báo cáo hoạt động hay thỏa thuận nào hỗ trợ Cao Bằng.');
    expect(xml).toContain('Trong kỳ chưa có thỏa thuận nào được ký kết cho địa phương.');
  });
});

describe('CLI hq report', () => {
  it('writes the .docx and prints the model it was written from', async () => {
    ({ hq } = await hqFixture());
    const out = path.join(tempDir(), 'tong-hop.docx');
    const result = await runCliCaptured(['--data-dir', hq.options.dataDir, 'hq', 'report', '--period', '2026S1', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { path: string; fileName: string; model: ReportDocumentModel };
    expect(printed.path).toBe(out);
    expect(printed.fileName).toBe('BaoCao-2026S1.docx');
    expect(printed.model.draftMark).toBe('DỰ THẢO');
    expect(fs.statSync(out).size).toBeGreaterThan(5000);
    const wrong = await runCliCaptured([
      '--data-dir',
      hq.options.dataDir,
      'hq',
      'digest',
      '--locality',
      'Bình Dương',
      '--period',
      '2026S1',
      '--out',
      out.replace('.docx', '.pdf'),
    ]);
    expect(wrong.code).toBe(2);
  });
});
