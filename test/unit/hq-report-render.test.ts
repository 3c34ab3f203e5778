/**
 * HQ's consolidated report and a locality digest as LibreOffice prints them: page size, page
 * count, header text and the tables' totals, with PNG pages under test-results/render/ to look
 * at. Skipped, saying so, where LibreOffice is not installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { call } from '../support/context';
import { hqFixture } from '../support/hq-fixture';
import { render, RENDER_TIMEOUT, soffice } from '../support/render';

let hq: AppContext;
afterEach(() => hq?.close());

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('HQ documents printed by LibreOffice', () => {
  it.skipIf(!soffice)(
    soffice
      ? 'the consolidated report: A4 portrait, BỘ NGOẠI GIAO over the HQ unit, DỰ THẢO, the tables by region and mission'
      : 'SKIPPED: LibreOffice (soffice) is not installed',
    async () => {
      ({ hq } = await hqFixture());
      const defaults = await call(hq, 'report.defaults', { period: '2026S1' });
      const report = await call(hq, 'report.create', { ...defaults, reportDate: '2026-07-20', signerTitle: 'Cục trưởng', signerName: 'Phạm Quốc Việt' });
      await call(hq, 'report.update', {
        id: report.id,
        values: { ...report, sections: await call(hq, 'report.compose', { id: report.id, period: '2026S1' }) },
      });
      const pdf = render('hq-report-draft.docx', (await call(hq, 'hq.report.document', { period: '2026S1' })).base64);
      expect([pdf.width, pdf.height]).toEqual([595, 842]);
      // Five pages: the narrative names the register's 100 missions, none of which has sent 2026S1's data.
      expect(pdf.pages).toBe(5);
      const text = lines(pdf.text);
      expect(text[0]).toBe('DỰ THẢO');
      expect(text[1]).toMatch(/^BỘ NGOẠI GIAO\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
      // The HQ unit's name wraps in its column (62 mm) as Nghị định 30 allows.
      expect(text[2]).toMatch(/^CỤC NGOẠI GIAO KINH\s+Độc lập - Tự do - Hạnh phúc$/);
      expect(text[3]).toBe('TẾ');
      expect(text[4]).toMatch(/^Số:\s+\/BC-\.\.\.\s+Hà Nội, ngày 20 tháng 7 năm 2026$/);
      const flat = pdf.text.replace(/\s+/g, ' ');
      expect(flat).toContain('3 Cơ quan đại diện Việt Nam ở nước ngoài đã triển khai 4 hoạt động ngoại giao kinh tế');
      expect(flat).toMatch(
        /Đến ngày \d\d\/\d\d\/\d{4}, 98 Cơ quan đại diện chưa gửi số liệu 6 tháng đầu năm 2026: Đại sứ quán Việt Nam tại Các Tiểu vương quốc Ả-rập Thống nhất \(DSQ-\s?AE\);/,
      );
      // Japan and the United States are registered and their records count: named as partly sent, not as silent.
      expect(flat).toMatch(
        /2 Cơ quan đại diện đã gửi một phần, .*: Đại sứ quán Việt Nam tại Nhật Bản \(DSQ-\s?JP\); Đại sứ quán Việt Nam tại Hoa Kỳ \(DSQ-\s?US\)\./,
      );
      expect(flat).toContain('Bảng 3. Kết quả theo khu vực');
      // The regions' total counts the conference two missions reported once: 3.250.000,5, not 5.250.000,5.
      expect(flat).toMatch(/Tổng cộng 3 4 3 2 3\.250\.000,5/);
      expect(flat).not.toContain('5.250.000,5');
    },
    RENDER_TIMEOUT,
  );

  it.skipIf(!soffice)(
    soffice
      ? 'the digest for Huế: A4 portrait on one page, no number nor signature; its .xlsx on A4 landscape'
      : 'SKIPPED: LibreOffice (soffice) is not installed',
    async () => {
      ({ hq } = await hqFixture());
      const docx = render(
        'digest-hue.docx',
        (await call(hq, 'hq.digest.document', { period: '2026S1', provinceId: 'hue', format: 'docx', date: '2026-07-20' })).base64,
      );
      expect([docx.width, docx.height, docx.pages]).toEqual([595, 842, 1]);
      const text = lines(docx.text);
      expect(text[0]).toMatch(/^BỘ NGOẠI GIAO\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
      expect(docx.text).not.toContain('DỰ THẢO');
      expect(docx.text).not.toContain('Số:');
      expect(docx.text).not.toContain('Nơi nhận');
      const flat = docx.text.replace(/\s+/g, ' ');
      expect(flat).toContain('BẢN TIN');
      expect(flat).toContain(
        'triển khai 2 hoạt động; hỗ trợ 17 lượt doanh nghiệp; giá trị hợp tác ước tính 1.250.000,5 USD; ký kết 1 thỏa thuận, trị giá 1.500.000 USD.',
      );

      const xlsx = render('digest-hue-sheets.xlsx', (await call(hq, 'hq.digest.document', { period: '2026S1', provinceId: 'hue', format: 'xlsx' })).base64);
      expect([xlsx.width, xlsx.height, xlsx.pages]).toEqual([842, 595, 2]);
      expect(xlsx.text).toContain('Tuần hàng Việt Nam tại AEON');
      expect(xlsx.text).toMatch(/Tổng cộng[^\n]*\s17\s+1[.,]250[.,]001\n/);
    },
    RENDER_TIMEOUT,
  );
});
