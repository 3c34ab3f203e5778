import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import type { DocTable, ReportDocumentModel } from '../../shared/domain/report-document';
import { reportGaps } from '../../shared/domain/report-document';
import { romanNumeral } from '../../shared/text';
import { province } from '../../shared/reference';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

/** Two done activities in 2025S1 (one for Huế, 12 businesses), one a year earlier; a Huế agreement with its partner; one past review. */
async function fixture() {
  app = await setUpMission(openContext(), 'head');
  const partner = await call(app, 'organisation.create', { name: 'Tỉnh Kyoto', kind: 'government' });
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
    foreignOrgId: partner.id,
    valueUsd: 1500000,
    status: 'implementing',
    nextReviewDate: '2025-12-01',
  });
  const report = await call(app, 'report.create', {
    ...(await call(app, 'report.defaults', { period: '2025S1' })),
    reportDate: '2026-01-05',
    signerTitle: 'Đại sứ',
  });
  return report;
}

const tables = (model: ReportDocumentModel): DocTable[] => model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
const lastRow = (table: DocTable) => table.rows[table.rows.length - 1]!;

describe('report document model', () => {
  it('numbers sections in Roman numerals and lists what a report lacks', () => {
    expect([1, 2, 3, 4, 5, 9, 14].map(romanNumeral)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'XIV']);
    const gaps = reportGaps({
      period: '2025S1',
      number: '',
      place: 'Tokyo',
      reportDate: '2026-01-05',
      signerName: 'Nguyễn Thu Hà',
      signerTitle: '',
      recipients: [],
      sections: { generalSituation: 'x', mainResults: ' ', difficulties: 'y', proposals: 'z', nextTasks: 'w' },
    });
    expect(gaps).toEqual([{ kind: 'number' }, { kind: 'signer' }, { kind: 'section', section: 'mainResults' }]);
  });

  it('carries the governing body, the mission and DỰ THẢO without a number on a draft; its tables add up to the figures', async () => {
    const report = await fixture();
    const model = await call(app, 'report.model', { id: report.id });
    const figures = await call(app, 'figures.compute', { period: '2025S1' });
    expect(model.header.superiorBody).toBe('BỘ NGOẠI GIAO');
    expect(model.header.issuer).toBe('ĐẠI SỨ QUÁN VIỆT NAM TẠI NHẬT BẢN');
    expect(model.draftMark).toBe('DỰ THẢO');
    expect(model.header.number).not.toMatch(/\d/);
    expect(model.header.dateLine).toBe('Tokyo, ngày 05 tháng 01 năm 2026');
    expect(model.sections.map((s) => s.heading)).toEqual([
      '',
      'I. TÌNH HÌNH CHUNG',
      'II. KẾT QUẢ CHỦ YẾU',
      'III. KHÓ KHĂN, VƯỚNG MẮC',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
      'V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
    ]);
    // An empty section shows it is empty while a draft.
    expect(model.sections[1]!.blocks).toEqual([{ kind: 'paragraph', text: '(Chưa có nội dung.)', italics: true }]);

    const [key, byKind, byProvince, agreements] = tables(model);
    expect(key!.caption).toBe('Bảng 1. Các chỉ tiêu chủ yếu');
    expect(key!.rows[0]!.slice(1, 4)).toEqual([
      'Hoạt động ngoại giao kinh tế đã thực hiện',
      String(figures.key.activitiesDone.value),
      String(figures.key.activitiesDone.previous),
    ]);
    expect(lastRow(byKind!)).toEqual(['', 'Tổng cộng', '2', '1', '+1 (+100,0%)']);
    expect(byProvince!.caption).toBe('Bảng 3. Hỗ trợ các địa phương');
    expect(byProvince!.rows[0]!.slice(1)).toEqual([province('hue')!.name, '1', '1']);
    expect(lastRow(byProvince!)).toEqual(['', 'Tổng cộng', String(figures.key.localityActivities.value), String(figures.key.agreementsForLocalities.value)]);
    expect(lastRow(agreements!)).toEqual(['', 'Tổng cộng', '1']);
    expect(byProvince!.total && agreements!.total && !key!.total).toBe(true);
  });

  it('follows the text being typed, and the number once the head gives one', async () => {
    const report = await fixture();
    const values = { ...report, number: '7/BC-ĐSQ', sections: { ...report.sections, difficulties: 'Chi phí thuê gian hàng tăng.' } };
    const model = await call(app, 'report.model', { id: report.id, values });
    expect(model.header.number).toBe('Số: 07/BC-ĐSQ');
    expect(model.sections.find((s) => s.key === 'difficulties')!.blocks).toEqual([{ kind: 'paragraph', text: 'Chi phí thuê gian hàng tăng.' }]);
  });

  it('uses the edited names in later reports; a final report keeps the header it was signed under', async () => {
    const report = await fixture();
    await call(app, 'report.finalise', { id: report.id });
    const state = await call(app, 'app.state', {});
    const renamed = await call(app, 'app.updateMission', {
      ...state.mission!,
      nameVi: 'Đại sứ quán nước CHXHCN Việt Nam tại Nhật Bản',
      superiorBody: 'Bộ Ngoại giao nước CHXHCN Việt Nam',
    });
    expect(renamed.superiorBody).toBe('Bộ Ngoại giao nước CHXHCN Việt Nam');
    const signed = await call(app, 'report.model', { id: report.id });
    expect(signed.header).toMatchObject({ superiorBody: 'BỘ NGOẠI GIAO', issuer: 'ĐẠI SỨ QUÁN VIỆT NAM TẠI NHẬT BẢN' });
    expect(signed.draftMark).toBeNull();
    // A final report does not print the "no text yet" reminder.
    expect(signed.sections.find((s) => s.key === 'proposals')!.blocks).toEqual([]);
    const later = await call(app, 'report.create', await call(app, 'report.defaults', { period: '2025S2' }));
    const model = await call(app, 'report.model', { id: later.id });
    expect(model.header).toMatchObject({ superiorBody: 'BỘ NGOẠI GIAO NƯỚC CHXHCN VIỆT NAM', issuer: 'ĐẠI SỨ QUÁN NƯỚC CHXHCN VIỆT NAM TẠI NHẬT BẢN' });
    expect(model.sections[0]!.blocks[0]).toMatchObject({ text: expect.stringContaining('Đại sứ quán nước CHXHCN Việt Nam tại Nhật Bản báo cáo') });
  });
});

describe('Soạn từ số liệu', () => {
  it('drafts each section from the period’s data, nothing more', async () => {
    const report = await fixture();
    const sections = await call(app, 'report.compose', { id: report.id, period: '2025S1' });
    expect(sections.generalSituation).toBe(
      'Trong 6 tháng đầu năm 2025, Đại sứ quán Việt Nam tại Nhật Bản đã triển khai 2 hoạt động ngoại giao kinh tế, tăng 1 hoạt động (100,0%) so với cùng kỳ năm 2024.',
    );
    expect(sections.mainResults.split('\n')).toEqual([
      'Các hoạt động đã thực hiện theo lĩnh vực:',
      '- Xúc tiến thương mại: 1 hoạt động, bằng cùng kỳ năm 2024;',
      '- Xúc tiến đầu tư: 1 hoạt động, cùng kỳ năm 2024 chưa có;',
      `Hỗ trợ 1 tỉnh, thành phố: ${province('hue')!.name} (1 hoạt động, 1 thỏa thuận).`,
      'Hỗ trợ 12 lượt doanh nghiệp Việt Nam, cùng kỳ năm 2024 chưa có.',
      'Thúc đẩy ký kết 1 thỏa thuận hợp tác cho các địa phương:',
      `- MoU hợp tác du lịch Huế – Kyoto, ký ngày 20/05/2025 giữa ${province('hue')!.name} và Tỉnh Kyoto, trị giá 1.500.000 USD;`,
    ]);
    expect(sections.difficulties.split('\n')).toEqual([
      'Có 1 thỏa thuận đã quá hạn rà soát tiến độ triển khai:',
      '- MoU hợp tác du lịch Huế – Kyoto (hạn rà soát 01/12/2025);',
    ]);
    expect(sections.proposals).toContain('quá hạn rà soát');
    expect(sections.nextTasks).toBe('Rà soát, đôn đốc triển khai 1 thỏa thuận đã quá hạn rà soát.');
  });

  it('changes its sentences when the records change: the numbers are the figures', async () => {
    const report = await fixture();
    await call(app, 'activity.create', { title: 'Diễn đàn doanh nghiệp', kind: 'trade-promotion', startDate: '2025-04-10', businessesSupported: 30 });
    await call(app, 'activity.create', { title: 'Hội chợ dự kiến', kind: 'trade-promotion', startDate: '2025-06-10', status: 'planned' });
    const figures = await call(app, 'figures.compute', { period: '2025S1' });
    const sections = await call(app, 'report.compose', { id: report.id, period: '2025S1' });
    expect(figures.key.activitiesDone.value).toBe(3);
    expect(sections.generalSituation).toContain(
      `đã triển khai ${figures.key.activitiesDone.value} hoạt động ngoại giao kinh tế, tăng 2 hoạt động (200,0%) so với cùng kỳ năm 2024`,
    );
    expect(sections.mainResults).toContain('- Xúc tiến thương mại: 2 hoạt động, tăng 1 hoạt động (100,0%) so với cùng kỳ năm 2024;');
    expect(sections.mainResults).toContain(`Hỗ trợ ${figures.key.businessesSupported.value} lượt doanh nghiệp Việt Nam`);
    expect(sections.nextTasks).toContain(`Triển khai ${figures.key.activitiesPlanned.value} hoạt động đã lên kế hoạch nhưng chưa thực hiện trong kỳ.`);
  });

  it('says there was no activity rather than inventing any', async () => {
    const report = await fixture();
    const sections = await call(app, 'report.compose', { id: report.id, period: '2023S1' });
    expect(sections).toEqual({
      generalSituation: 'Trong 6 tháng đầu năm 2023, Đại sứ quán Việt Nam tại Nhật Bản chưa ghi nhận hoạt động ngoại giao kinh tế nào đã thực hiện.',
      mainResults: '',
      difficulties: expect.stringContaining('MoU hợp tác du lịch Huế – Kyoto'),
      proposals: expect.any(String),
      nextTasks: expect.any(String),
    });
  });
});
