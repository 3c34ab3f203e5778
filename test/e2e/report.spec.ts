import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, screenshot, test, typeInto } from './fixtures';

test.use({ prepare: [['demo', '--activities', '1500', '--today', '2026-11-20']] });

test('dashboard figures open their records; a report is written, finalised and downloaded', async ({ page }) => {
  // One long journey (dashboard, drill, draft, gaps, composing, finalising, downloads, print).
  test.slow();
  await page.getByRole('button', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  await page.getByLabel('Kỳ báo cáo').selectOption('2026S1');
  const card = page.getByTestId('figure-activitiesDone');
  await expect(card).toContainText('Hoạt động ngoại giao kinh tế đã thực hiện');
  await expect(card).toContainText('Cùng kỳ 6 tháng đầu năm 2025');
  await expect(page.getByTestId('by-kind')).toContainText('Xúc tiến thương mại');
  await expect(page.getByTestId('by-month')).toContainText('T6');
  await screenshot(page, 'report-01-dashboard');
  await page.screenshot({ path: '/tmp/shots/report-dashboard-full.png', fullPage: true });

  // The figure's number is the number of records it opens.
  const done = Number((await card.locator('.key-value').textContent())!.replace(/\D/g, ''));
  expect(done).toBeGreaterThan(0);
  const locality = page.getByTestId('figure-localityActivities');
  const localities = Number((await locality.locator('.key-value').textContent())!.replace(/\D/g, ''));
  expect(localities).toBeGreaterThan(0);
  expect(localities).toBeLessThan(done);
  await locality.click();
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${localities.toLocaleString('vi-VN')} hoạt động$`))).toBeVisible();
  await expect(page.getByText('Chỉ các hoạt động có hỗ trợ địa phương')).toBeVisible();
  const statuses = await page.locator('.table-body .col-status').allTextContents();
  for (const s of statuses.filter(Boolean)) expect(s).toBe('Đã thực hiện');
  const provinces = await page.locator('.table-body .col-provinces').allTextContents();
  for (const p of provinces.filter((_, i) => statuses[i])) expect(p.trim()).not.toBe('');
  await screenshot(page, 'report-02-drill');

  // A kind's bar opens that kind's records.
  await page.getByRole('button', { name: 'Tổng quan' }).click();
  await page
    .getByTestId('by-kind')
    .getByRole('button', { name: /Xúc tiến du lịch/ })
    .click();
  await expect(page.locator('.table-body [role=row]').first()).toContainText('Xúc tiến du lịch');
  const kinds = await page.locator('.table-body .col-kind').allTextContents();
  expect(kinds.filter(Boolean).length).toBeGreaterThan(0);
  for (const k of kinds.filter(Boolean)) expect(k).toBe('Xúc tiến du lịch');

  // Write a report for the half-year and finalise it.
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption('2026S1');
  // Before a report is opened, the page shows what a new one for the chosen period will hold.
  const start = page.getByTestId('report-start');
  await expect(start.getByRole('heading', { name: 'Số liệu 6 tháng đầu năm 2026' })).toBeVisible();
  await expect(start.getByTestId('report-figures').getByRole('row', { name: /đã thực hiện/ })).toContainText(done.toLocaleString('vi-VN'));
  await screenshot(page, 'report-02b-start');
  await page.getByRole('button', { name: '+ Báo cáo mới' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bản nháp');
  await expect(start).toHaveCount(0);
  await expect(page.getByLabel('Địa danh')).toHaveValue('Tokyo');
  await typeInto(page.getByLabel('Số, ký hiệu'), '5/BC-ĐSQ');
  await typeInto(page.getByLabel('Ngày báo cáo'), '05/07/2026');
  await typeInto(page.getByLabel('Chức vụ người ký'), 'Đại sứ');
  await typeInto(page.getByLabel('I. Tình hình chung'), 'Kinh tế nước sở tại phục hồi.\nDoanh nghiệp quan tâm thị trường Việt Nam.');
  await typeInto(page.getByLabel('II. Kết quả chủ yếu'), 'Đại sứ quán tập trung xúc tiến đầu tư.');
  await expect(page.locator('.report-workspace').getByTestId('report-figures')).toContainText(done.toLocaleString('vi-VN'));
  // The document beside the editor follows the typing: DỰ THẢO, the governing body, the text.
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText('DỰ THẢO');
  await expect(preview).toContainText('BỘ NGOẠI GIAO');
  await expect(preview).toContainText('Doanh nghiệp quan tâm thị trường Việt Nam.');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  await expect(page.getByLabel('Số, ký hiệu')).toHaveValue('05/BC-ĐSQ');
  await screenshot(page, 'report-03-draft');

  // A draft's .docx says DỰ THẢO.
  const draftDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /Tải về \.docx/ }).click();
  const draftXml = strFromU8(unzipSync(fs.readFileSync((await (await draftDownload).path())!))['word/document.xml']!);
  expect(draftXml).toContain('DỰ THẢO');
  expect(draftXml).toContain('BỘ NGOẠI GIAO');

  // Finalising with empty sections lists them and asks; focus starts on "Hủy", the safe answer.
  await page.getByRole('button', { name: 'Chốt bản chính thức và khóa số liệu' }).click();
  let question = page.getByRole('alertdialog');
  await expect(question).toContainText('Báo cáo còn thiếu:');
  await expect(question).toContainText('nội dung mục III. Khó khăn, vướng mắc');
  await expect(question).toContainText('nội dung mục V. Nhiệm vụ trọng tâm kỳ tới');
  await expect(question).not.toContainText('số, ký hiệu văn bản');
  await expect(question.getByRole('button', { name: 'Hủy' })).toBeFocused();
  await screenshot(page, 'report-035-gaps');
  await question.getByRole('button', { name: 'Hủy' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bản nháp');

  // "Soạn từ số liệu" asks before replacing typed text, then fills the sections from the figures.
  await page.getByRole('button', { name: 'Soạn từ số liệu' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Thay nội dung đang có');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Soạn từ số liệu' }).click();
  await expect(page.getByLabel('I. Tình hình chung')).toHaveValue(new RegExp(`đã triển khai ${done.toLocaleString('vi-VN')} hoạt động ngoại giao kinh tế`));
  await expect(page.getByLabel('II. Kết quả chủ yếu')).toHaveValue(/^Các hoạt động đã thực hiện theo lĩnh vực:\n- /);
  await expect(page.getByLabel('II. Kết quả chủ yếu')).toHaveValue(/\nHỗ trợ \d+ tỉnh, thành phố: /);
  await expect(preview).toContainText(`đã triển khai ${done.toLocaleString('vi-VN')} hoạt động ngoại giao kinh tế`);
  await typeInto(page.getByLabel('III. Khó khăn, vướng mắc'), 'Chi phí thuê gian hàng tăng.');
  await screenshot(page, 'report-036-composed');
  await page.screenshot({ path: 'test-results/screens/report-036-composed-full.png', fullPage: true });
  // The first save's notice may still be there: this save adds one.
  const notices = await page.getByText('Đã lưu bản nháp.').count();
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toHaveCount(notices + 1);

  await page.getByRole('button', { name: 'Chốt bản chính thức và khóa số liệu' }).click();
  question = page.getByRole('alertdialog');
  await expect(question).toContainText('không sửa được nữa');
  await question.getByRole('button', { name: 'Chốt bản chính thức và khóa số liệu' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bản chính thức');
  await expect(page.getByLabel('Số, ký hiệu')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Lưu bản nháp' })).toHaveCount(0);
  await expect(preview).not.toContainText('DỰ THẢO');
  await screenshot(page, 'report-04-final');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Tải về \.docx/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('BaoCao-2026S1-05-BC-DSQ.docx');
  const xml = strFromU8(unzipSync(fs.readFileSync((await file.path())!))['word/document.xml']!);
  expect(xml).toContain('Số: 05/BC-ĐSQ');
  expect(xml).toContain('Tokyo, ngày 05 tháng 7 năm 2026');
  expect(xml).toContain('Chi phí thuê gian hàng tăng.');
  expect(xml).toContain('Nguyễn Thu Hà');
  expect(xml).not.toContain('DỰ THẢO');

  // The print view is what window.print (and "save as PDF") shows.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.report-print')).toBeVisible();
  await expect(page.locator('.report-print')).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await screenshot(page, 'report-05-print');
  await page.screenshot({ path: '/tmp/shots/report-print-full.png', fullPage: true });

  // Renamed in Settings: later reports print the new names, the final one keeps those it was signed under.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'Sửa tên cơ quan' }).click();
  await typeInto(page.getByLabel('Tên tiếng Việt'), 'Đại sứ quán nước CHXHCN Việt Nam tại Nhật Bản');
  await typeInto(page.getByLabel('Cơ quan chủ quản'), 'Bộ Ngoại giao nước CHXHCN Việt Nam');
  await screenshot(page, 'report-06-settings');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Các báo cáo soạn sau dùng tên mới')).toBeVisible();
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.getByRole('button', { name: /6 tháng đầu năm 2026/ }).click();
  await expect(preview).toContainText('ĐẠI SỨ QUÁN VIỆT NAM TẠI NHẬT BẢN');
  await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).first().selectOption('2026S2');
  await page.getByRole('button', { name: '+ Báo cáo mới' }).click();
  await expect(preview).toContainText('BỘ NGOẠI GIAO NƯỚC CHXHCN VIỆT NAM');
  await expect(preview).toContainText('ĐẠI SỨ QUÁN NƯỚC CHXHCN VIỆT NAM TẠI NHẬT BẢN');
  await screenshot(page, 'report-07-renamed');

  // In English the workspace speaks English, the printed report stays Vietnamese.
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Reports', exact: true }).click();
  await page.getByRole('button', { name: /First half of 2026/ }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Final');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.report-print')).toContainText('Độc lập - Tự do - Hạnh phúc');
  await expect(page.locator('.report-print')).toContainText('Hoạt động ngoại giao kinh tế đã thực hiện');
});

test('an unfinished half-year is compared to date; overdue is what Việc cần làm lists; a month bar shows its filter', async ({ page }) => {
  // The app's day is the demo's: 20 November 2026, in the second half-year.
  await page.clock.setFixedTime(new Date('2026-11-20T12:00:00+09:00'));
  await page.reload();
  await page.getByRole('button', { name: 'Tổng quan' }).click();
  await expect(page.getByTestId('to-date-note')).toHaveText(
    'Kỳ này chưa kết thúc: số liệu tính từ đầu kỳ đến ngày 20/11/2026 và được so sánh với cùng kỳ năm trước đến ngày 20/11/2025, không so với cả kỳ năm trước.',
  );
  await expect(page.getByTestId('figure-activitiesDone')).toContainText('Cùng kỳ đến ngày 20/11/2025');

  // Overdue counts agreement reviews too, exactly the rows Việc cần làm marks overdue.
  const overdue = page.getByTestId('followups-overdue');
  await expect(overdue).toContainText('Rà soát thỏa thuận');
  const count = Number((await overdue.locator('h3').textContent())!.replace(/\D/g, ''));
  expect(count).toBeGreaterThan(4);
  await page.getByRole('navigation').getByRole('button', { name: 'Việc cần làm' }).click();
  await expect(page.getByTestId('due-list').locator('li.is-overdue')).toHaveCount(count);

  // A month bar opens its month, and the filter bar says so until the × takes it off.
  await page.getByRole('navigation').getByRole('button', { name: 'Tổng quan' }).click();
  const september = page.getByTestId('by-month').locator('button.month', { hasText: 'T9' });
  const inMonth = (await september.locator('.month-value').textContent())!;
  await september.click();
  await expect(page.getByTestId('period-chip')).toHaveText(/Tháng 9\/2026/);
  await expect(page.getByText(new RegExp(`^${inMonth} hoạt động$`))).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ chọn Tháng 9/2026' }).click();
  await expect(page.getByTestId('period-chip')).toHaveCount(0);
  await expect(page.getByLabel('Kỳ', { exact: true })).toHaveValue('');
});
