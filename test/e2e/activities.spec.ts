import ExcelJS from 'exceljs';
import { HEAD_INIT, expect, screenshot, setUpMission, test, typeInto } from './fixtures';

test('set up a mission, log an activity, find it without diacritics, edit, delete and undo', async ({ page }) => {
  await screenshot(page, '01-setup');
  await setUpMission(page, 'staff');
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await expect(page.getByText('Chưa có hoạt động nào')).toBeVisible();
  await screenshot(page, '02-empty-list');

  // Ctrl+N opens the quick form; a missing title is reported beside the field.
  await page.keyboard.press('Control+n');
  const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Cần nhập thông tin này.').first()).toBeVisible();

  await typeInto(form.getByLabel('Tên hoạt động'), 'Hội thảo xúc tiến đầu tư vào Đà Nẵng tại Osaka');
  await form.getByLabel('Loại hoạt động').selectOption('investment-promotion');
  await typeInto(form.getByLabel('Ngày bắt đầu'), '15/03/2025');
  await typeInto(form.getByLabel('Ngày kết thúc'), '14/03/2025');
  await typeInto(form.getByRole('combobox', { name: 'Địa phương Việt Nam được hỗ trợ' }), 'quang nam');
  await form.getByRole('option', { name: /Đà Nẵng/ }).click();
  await typeInto(form.getByLabel('Giá trị ước tính (USD)'), '1.500.000');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Ngày kết thúc không được trước ngày bắt đầu.')).toBeVisible();
  await screenshot(page, '03-form-error');
  await typeInto(form.getByLabel('Ngày kết thúc'), '16/03/2025');
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();

  const rows = page.getByRole('row').filter({ hasText: 'Đà Nẵng tại Osaka' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('15/03/2025 – 16/03/2025');
  await expect(rows.first()).toContainText('1.500.000 USD');
  await expect(rows.first()).toContainText('Xúc tiến đầu tư');

  // A second activity, so the search has something to leave out.
  await page.getByRole('button', { name: /Hoạt động mới/ }).click();
  await typeInto(form.getByLabel('Tên hoạt động'), 'Tuần hàng Việt Nam tại AEON Yokohama');
  await form.getByLabel('Loại hoạt động').selectOption('trade-promotion');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('2 hoạt động')).toBeVisible();

  // Diacritic-free search.
  await typeInto(page.getByRole('searchbox'), 'da nang');
  await expect(page.getByText('1 hoạt động')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Đà Nẵng tại Osaka' })).toHaveCount(1);
  // A word longer than the text index's prefixes (6 letters), each key of it a query: spelt as its terms past "yokoha".
  await typeInto(page.getByRole('searchbox'), 'yokohama');
  await expect(page.getByText('1 hoạt động')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'AEON Yokohama' })).toHaveCount(1);
  await typeInto(page.getByRole('searchbox'), 'yokohamas');
  await expect(page.getByText('0 hoạt động')).toBeVisible();
  await typeInto(page.getByRole('searchbox'), 'xuc tien dau tu');
  await expect(page.getByText('1 hoạt động')).toBeVisible();
  await screenshot(page, '04-search');

  // Edit.
  await page.getByRole('row').filter({ hasText: 'Đà Nẵng tại Osaka' }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa hoạt động' });
  await expect(edit.getByLabel('Tên hoạt động')).toHaveValue('Hội thảo xúc tiến đầu tư vào Đà Nẵng tại Osaka');
  await typeInto(edit.getByLabel('Tên hoạt động'), 'Hội thảo xúc tiến đầu tư vào Đà Nẵng tại Kobe');
  await edit.getByLabel('Trạng thái').selectOption('planned');
  await screenshot(page, '05-edit');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'tại Kobe' })).toContainText('Dự kiến');

  // Delete, then undo.
  await page.getByRole('row').filter({ hasText: 'tại Kobe' }).click();
  await edit.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(page.getByText('Đã xóa “Hội thảo xúc tiến đầu tư vào Đà Nẵng tại Kobe”.')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'tại Kobe' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Hoàn tác' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'tại Kobe' })).toHaveCount(1);
});

test('a draft survives closing the form and reloading the page', async ({ page }) => {
  await setUpMission(page, 'staff');
  await page.keyboard.press('Control+n');
  const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await typeInto(form.getByLabel('Tên hoạt động'), 'Gặp gỡ JETRO về môi trường đầu tư');
  await typeInto(form.getByLabel('Kết quả'), 'Thống nhất tổ chức đoàn khảo sát');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await page.keyboard.press('Control+n');
  await expect(form.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
  await expect(form.getByLabel('Tên hoạt động')).toHaveValue('Gặp gỡ JETRO về môi trường đầu tư');
  await expect(form.getByLabel('Kết quả')).toHaveValue('Thống nhất tổ chức đoàn khảo sát');
});

test.describe('with demo data', () => {
  test.use({ prepare: [['demo', '--activities', '3000', '--today', '2026-11-20']] });

  test('filters by period, kind and former province name; switches to English', async ({ page }) => {
    // The demo user heads the mission, so the app opens on the dashboard.
    await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
    await page.getByRole('button', { name: 'Hoạt động', exact: true }).click();
    await expect(page.getByText(/^3\.000 hoạt động$/)).toBeVisible();
    await screenshot(page, '06-demo-list');
    await page.getByLabel('Kỳ').selectOption('2025S1');
    // The rows come first, the total of the new filter just after.
    const count = page.getByText(/^[\d.]+ hoạt động$/);
    await expect(count).not.toHaveText('3.000 hoạt động');
    const s1 = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(s1).toBeGreaterThan(0);
    expect(s1).toBeLessThan(3000);
    const dates = await page.locator('.table-body .col-date').allTextContents();
    for (const d of dates.filter(Boolean)) expect(d.slice(3, 10)).toMatch(/0[1-6]\/2025/);
    await typeInto(page.getByRole('combobox', { name: 'Địa phương' }), 'binh duong');
    await page.getByRole('option', { name: /Hồ Chí Minh/ }).click();
    await expect(count).not.toHaveText(`${s1.toLocaleString('vi-VN')} hoạt động`);
    const rows = page.locator('.table-body [role=row]');
    await expect(rows.first()).toContainText('Hồ Chí Minh');
    // The keyboard walks the list: arrow down to the second row, Enter opens it.
    const secondTitle = (await rows.nth(1).locator('.col-title').textContent())!;
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByLabel('Tên hoạt động')).toHaveValue(secondTitle.split(' · ')[0]!);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await page.getByRole('button', { name: 'Activities' }).click();
    await expect(page.getByRole('heading', { name: 'Economic diplomacy activities' })).toBeVisible();
    await screenshot(page, '07-english');
  });
});

test("the user's name and role are changed in Settings and sign new records", async ({ page }) => {
  await setUpMission(page, 'staff');
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Người sử dụng' }) });
  await card.getByRole('button', { name: 'Sửa' }).click();
  await typeInto(card.getByLabel('Họ và tên'), '');
  await card.getByRole('button', { name: 'Lưu' }).click();
  await expect(card.getByText('Cần nhập thông tin này.')).toBeVisible();
  await typeInto(card.getByLabel('Họ và tên'), 'Lê Quang Huy');
  await card.getByLabel('Vai trò').selectOption('head');
  await card.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('navigation')).toContainText('Lê Quang Huy');
  await expect(page.getByRole('navigation')).toContainText('Trưởng Cơ quan đại diện');
  await page.getByRole('button', { name: 'Hoạt động', exact: true }).click();
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog').getByLabel('Cán bộ phụ trách')).toHaveValue('Lê Quang Huy');
});

/** A sheet the way missions keep it: a merged title row, a two-row header with merged cells, blank rows, old province names, dates of every kind. */
async function missionWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Năm 2024');
  sheet.getCell('A1').value = 'ĐẠI SỨ QUÁN VIỆT NAM TẠI NHẬT BẢN — TỔNG HỢP HOẠT ĐỘNG KINH TẾ NĂM 2024';
  sheet.mergeCells('A1:H1');
  sheet.getRow(3).values = ['STT', 'Ngày', 'Tên hoạt động', 'Loại hoạt động', 'Địa phương', 'Kết quả', null, 'Ghi chú'];
  sheet.getRow(4).values = [null, null, null, null, null, 'Giá trị (USD)', 'Số doanh nghiệp', null];
  for (const col of ['A', 'B', 'C', 'D', 'E', 'H']) sheet.mergeCells(`${col}3:${col}4`);
  sheet.mergeCells('F3:G3');
  sheet.getRow(5).values = [1, new Date(Date.UTC(2024, 2, 15)), 'Hội chợ FOODEX Nhật Bản 2024', 'XTTM', 'Bình Dương, TP HCM', '1,5 triệu USD', 12, null];
  sheet.getCell('B5').numFmt = 'dd/mm/yyyy';
  sheet.getRow(7).values = [2, '5/4/24', 'Hội thảo xúc tiến đầu tư vào miền Trung', 'XT đầu tư', 'Quảng Nam; Thừa Thiên Huế', '2.000.000', 5, null];
  sheet.getRow(8).values = [3, 'tháng 5/2024', 'Tuần lễ du lịch Việt Nam tại Osaka', 'du lịch', 'Hà Giang', null, null, 'Cả tháng'];
  sheet.getRow(9).values = [4, '31/02/2024', 'Gặp gỡ doanh nghiệp nông sản', 'Hỗ trợ DN', 'Tiền Giang', '300.000', 8, null];
  sheet.getRow(11).values = [5, '20.09.2024', 'Diễn đàn hợp tác địa phương', 'XTTM', 'Hải Dương', null, 3, null];
  return Buffer.from(await book.xlsx.writeBuffer());
}

test.describe('importing a mission sheet', () => {
  test.use({
    prepare: [HEAD_INIT],
  });

  test('a sheet of 2024 with a title row, merged headers, blank rows and old province names is imported, one row corrected, and 2024 shows in the comparison', async ({
    page,
  }) => {
    await page.clock.setFixedTime(new Date('2025-05-20T09:00:00Z'));
    await page.getByRole('button', { name: 'Hoạt động', exact: true }).click();
    await page.getByRole('button', { name: 'Nhập từ bảng tính' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập hoạt động từ bảng tính' });
    await screenshot(page, 'import-1-open');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Tải tệp mẫu (XLSX)' }).click();
    expect((await download).suggestedFilename()).toBe('mau-nhap-hoat-dong.xlsx');
    await dialog.getByTestId('import-file').setInputFiles({
      name: 'tong-hop-2024.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await missionWorkbook(),
    });
    await expect(dialog.getByText('5 dòng: tạo mới 4, đã nhập trước đây 0, trùng 0, cần sửa 1.')).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Giá trị (USD)' })).toHaveValue('Giá trị (USD)');
    await expect(dialog.getByText('Ngày: Không có ngày này trên lịch: kiểm tra ngày và tháng.')).toBeVisible();
    // Kinds from the words people write, former provinces as the units that absorbed them.
    await expect(
      dialog.getByRole('row', { name: /^5 15\/03\/2024 Hội chợ FOODEX Nhật Bản 2024 Xúc tiến thương mại · Thành phố Hồ Chí Minh Tạo mới/ }),
    ).toBeVisible();
    await expect(dialog.getByRole('row', { name: /^7 05\/04\/2024 .* Xúc tiến đầu tư · Đà Nẵng, Huế Tạo mới/ })).toBeVisible();
    await screenshot(page, 'import-2-preview');

    await typeInto(dialog.getByRole('textbox', { name: 'Sửa dòng 9: Ngày' }), '28/02/2024');
    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    await expect(dialog.getByText('5 dòng: tạo mới 5, đã nhập trước đây 0, trùng 0, cần sửa 0.')).toBeVisible();
    await expect(dialog.getByRole('row', { name: /^9 28\/02\/2024 Gặp gỡ doanh nghiệp nông sản Hỗ trợ doanh nghiệp · Đồng Tháp Tạo mới/ })).toBeVisible();
    await screenshot(page, 'import-3-corrected');
    await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await expect(dialog.getByText('Đã tạo 5 bản ghi. Đã nhập trước đây 0, trùng 0, không nhập vì còn lỗi 0.')).toBeVisible();
    await screenshot(page, 'import-4-done');
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await expect(page.getByText(/^5 hoạt động$/)).toBeVisible();

    // The same file again creates nothing twice.
    await page.getByRole('button', { name: 'Nhập từ bảng tính' }).click();
    await dialog.getByTestId('import-file').setInputFiles({
      name: 'tong-hop-2024.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await missionWorkbook(),
    });
    await expect(dialog.getByText('5 dòng: tạo mới 0, đã nhập trước đây 5, trùng 0, cần sửa 0.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    // 20 May 2025: the first half of 2025 beside the first half of 2024, which now has its figures.
    await page.getByRole('button', { name: 'Tổng quan' }).click();
    await expect(page.getByTestId('figure-activitiesDone').locator('.key-previous')).toHaveText(/: 4$/);
    await expect(page.getByTestId('figure-dealValueUsd').locator('.key-previous')).toContainText('3.800.000');
    await expect(page.getByTestId('figure-businessesSupported').locator('.key-previous')).toHaveText(/: 25$/);
    await screenshot(page, 'import-5-dashboard');
  });
});
