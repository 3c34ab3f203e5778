/**
 * The .docx and the annex as LibreOffice prints them (the converter DESIGN.md names): page
 * size, orientation, page count and header text of the PDF, and PNG pages under
 * test-results/render/ to look at. Skipped, saying so, where LibreOffice is not installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { call, openContext, setUpMission } from '../support/context';
import { render, RENDER_TIMEOUT as TIMEOUT, soffice } from '../support/render';

let app: AppContext;
afterEach(() => app?.close());

async function fixture() {
  app = await setUpMission(openContext(), 'head');
  await call(app, 'activity.create', {
    title: 'Hội thảo xúc tiến đầu tư vào Huế tại Osaka',
    kind: 'investment-promotion',
    startDate: '2025-06-30',
    endDate: '2025-06-30',
    provinces: ['hue'],
    outcomes: 'Ba doanh nghiệp Nhật Bản khảo sát Huế.',
  });
  await call(app, 'activity.create', {
    title: 'Tuần hàng Việt Nam tại AEON',
    kind: 'trade-promotion',
    startDate: '2025-03-03',
    businessesSupported: 12,
    dealValueUsd: 250000,
  });
  await call(app, 'activity.create', {
    title: 'Gặp gỡ Hiệp hội Doanh nghiệp Kansai',
    kind: 'business-support',
    startDate: '2025-02-14',
    businessesSupported: 5,
  });
  await call(app, 'agreement.create', {
    title: 'MoU hợp tác du lịch Huế – Kyoto',
    kind: 'mou',
    signedDate: '2025-05-20',
    provinceId: 'hue',
    status: 'implementing',
    valueUsd: 1500000,
  });
  const defaults = await call(app, 'report.defaults', { period: '2025S1' });
  const report = await call(app, 'report.create', {
    ...defaults,
    reportDate: '2026-01-05',
    signerTitle: 'Đại sứ',
    recipients: ['Bộ Ngoại giao (Cục Ngoại giao kinh tế)'],
  });
  const sections = await call(app, 'report.compose', { id: report.id, period: '2025S1' });
  return call(app, 'report.update', { id: report.id, values: { ...report, sections } });
}

describe('printed by LibreOffice', () => {
  it.skipIf(!soffice)(
    soffice ? 'the .docx: A4 portrait, BỘ NGOẠI GIAO over the mission, DỰ THẢO on a draft' : 'SKIPPED: LibreOffice (soffice) is not installed',
    async () => {
      const report = await fixture();
      const draft = render('report-draft.docx', (await call(app, 'report.document', { id: report.id, format: 'docx' })).base64);
      expect([draft.width, draft.height]).toEqual([595, 842]);
      // Two pages of text and tables, the signature block (never split) at the foot of the second.
      expect(draft.pages).toBe(2);
      const lines = draft.text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0]).toBe('DỰ THẢO');
      expect(lines[1]).toMatch(/^BỘ NGOẠI GIAO\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
      expect(lines[2]).toMatch(/^ĐẠI SỨ QUÁN VIỆT NAM\s+Độc lập - Tự do - Hạnh phúc$/);
      expect(lines[3]).toBe('TẠI NHẬT BẢN');
      // A draft without a number carries none.
      expect(lines[4]).toMatch(/^Số:\s+\/BC-\.\.\.\s+Tokyo, ngày 05 tháng 01 năm 2026$/);
      expect(draft.text.replace(/\s+/g, ' ')).toContain('đã triển khai 3 hoạt động ngoại giao kinh tế');

      await call(app, 'report.update', { id: report.id, values: { ...report, number: '5/BC-ĐSQ' } });
      await call(app, 'report.finalise', { id: report.id });
      const final = render('report-final.docx', (await call(app, 'report.document', { id: report.id, format: 'docx' })).base64);
      expect(final.text).not.toContain('DỰ THẢO');
      expect(final.text).toContain('Số: 05/BC-ĐSQ');
    },
    TIMEOUT,
  );

  it.skipIf(!soffice)(
    soffice
      ? 'the annex: A4 landscape, one page per sheet for a few records, "Kèm theo Báo cáo số … ngày …"'
      : 'SKIPPED: LibreOffice (soffice) is not installed',
    async () => {
      const report = await fixture();
      await call(app, 'report.update', { id: report.id, values: { ...report, number: '5/BC-ĐSQ' } });
      const annex = render('annex.xlsx', (await call(app, 'report.document', { id: report.id, format: 'xlsx' })).base64);
      expect([annex.width, annex.height]).toEqual([842, 595]);
      // Three sheets (figures, activities, agreements), each on one page.
      expect(annex.pages).toBe(3);
      expect(annex.text.match(/\(Kèm theo Báo cáo số 05\/BC-ĐSQ ngày 05\/01\/2026\)/g)).toHaveLength(3);
      expect(annex.text).toContain('14/02/2025');
      // Grouping follows the converter's locale (250.000 in Vietnamese, 250,000 here).
      expect(annex.text).toMatch(/Tổng cộng[^\n]*\s17\s+250[.,]000\n/);
      // Record ids stay in the file but are not printed.
      expect(annex.text).not.toContain('Mã bản ghi');
    },
    TIMEOUT,
  );
});
