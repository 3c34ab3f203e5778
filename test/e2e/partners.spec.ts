import ExcelJS from 'exceljs';
import { HEAD_INIT, expect, test, typeInto } from './fixtures';

const shot = (page: import('@playwright/test').Page, name: string) => page.screenshot({ path: `/tmp/shots/partners-${name}.png` });

// The mission is set up by the CLI: the first-start forms are the foundation's and security's tests.
test.use({
  prepare: [HEAD_INIT],
});

test('partners: organisation and contact, linked activity, agreement from it overdue, Ctrl+K, CSV import with a duplicate, XLSX export', async ({ page }) => {
  await expect(page.getByRole('navigation')).toBeVisible();

  // An organisation and one of its people.
  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await expect(page.getByRole('heading', { name: 'Đối tác', exact: true })).toBeVisible();
  await page.getByRole('button', { name: /Đối tác mới/ }).click();
  const orgForm = page.getByRole('dialog', { name: 'Thêm đối tác' });
  await typeInto(orgForm.getByLabel('Tên đối tác'), 'Tập đoàn Marubeni');
  await orgForm.getByLabel('Loại đối tác').selectOption('company');
  await typeInto(orgForm.getByRole('combobox', { name: 'Lĩnh vực' }), 'nang luong');
  await orgForm.getByRole('option', { name: /Năng lượng/ }).click();
  await shot(page, '01-organisation-form');
  await orgForm.getByRole('button', { name: 'Lưu' }).click();
  const detail = page.getByRole('dialog', { name: 'Tập đoàn Marubeni' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('Nhật Bản');
  await detail.getByRole('button', { name: /Thêm người liên hệ/ }).click();
  const contactForm = page.getByRole('dialog', { name: 'Người liên hệ mới' });
  await typeInto(contactForm.getByLabel('Họ và tên'), 'Tanaka Hiroshi');
  await typeInto(contactForm.getByLabel('Chức vụ'), 'Giám đốc phát triển dự án');
  await typeInto(contactForm.getByLabel('E-mail'), 'tanaka@marubeni.example');
  await contactForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(contactForm).toBeHidden();
  await expect(detail.getByText('Tanaka Hiroshi')).toBeVisible();
  await detail.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Tập đoàn Marubeni' })).toContainText('1');

  // An activity naming the organisation.
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động' }).click();
  await page.keyboard.press('Control+n');
  const activityForm = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await typeInto(activityForm.getByLabel('Tên hoạt động'), 'Hội nghị xúc tiến đầu tư năng lượng Đà Nẵng tại Tokyo');
  await activityForm.getByLabel('Loại hoạt động').selectOption('investment-promotion');
  await typeInto(activityForm.getByLabel('Ngày bắt đầu'), '10/01/2025');
  await typeInto(activityForm.getByRole('combobox', { name: 'Địa phương Việt Nam được hỗ trợ' }), 'da nang');
  await activityForm.getByRole('option', { name: /Đà Nẵng/ }).click();
  await typeInto(activityForm.getByRole('combobox', { name: 'Đối tác', exact: true }), 'marubeni');
  await activityForm.getByRole('option', { name: /Tập đoàn Marubeni/ }).click();
  await activityForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(activityForm).toBeHidden();

  // The agreement signed there, pre-filled from the activity, with a review date already past.
  await page.getByRole('row').filter({ hasText: 'năng lượng Đà Nẵng' }).click();
  const activityEdit = page.getByRole('dialog', { name: 'Sửa hoạt động' });
  // A follow-up about the activity, from its form; the activity form stays open and unsaved.
  await activityEdit.getByRole('button', { name: '+ Việc cần làm mới' }).click();
  const followupForm = page.getByRole('dialog', { name: 'Việc cần làm mới' });
  await typeInto(followupForm.getByLabel('Nội dung việc'), 'Gửi thư cảm ơn ban tổ chức');
  await typeInto(followupForm.getByLabel('Hạn'), '20/01/2025');
  await followupForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(followupForm).toBeHidden();
  await expect(activityEdit).toBeVisible();
  await shot(page, '02a-activity-form');
  await activityEdit.getByRole('button', { name: 'Ghi nhận thỏa thuận ký tại hoạt động này' }).click();
  const agreementForm = page.getByRole('dialog', { name: 'Ghi nhận thỏa thuận' });
  await expect(agreementForm.getByText('Đã điền sẵn theo hoạt động')).toBeVisible();
  await expect(agreementForm.getByLabel('Ngày ký')).toHaveValue('10/01/2025');
  await expect(agreementForm.locator('.chip', { hasText: 'Tập đoàn Marubeni' })).toBeVisible();
  await expect(agreementForm.locator('.chip', { hasText: 'Đà Nẵng' })).toBeVisible();
  await typeInto(agreementForm.getByLabel('Tên thỏa thuận'), 'MoU hợp tác đầu tư điện gió ngoài khơi');
  await typeInto(agreementForm.getByLabel('Bên Việt Nam'), 'Sở Công Thương Đà Nẵng');
  await typeInto(agreementForm.getByLabel('Giá trị (USD)'), '2.500.000');
  await typeInto(agreementForm.getByLabel('Ngày rà soát tiếp theo'), '01/03/2025');
  await shot(page, '02-agreement-from-activity');
  await agreementForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(agreementForm).toBeHidden();
  const agreementRow = page.getByRole('row').filter({ hasText: 'điện gió ngoài khơi' });
  await expect(agreementRow).toContainText('Tập đoàn Marubeni');
  await expect(agreementRow).toContainText('2.500.000 USD');

  // An implementation log entry.
  await agreementRow.click();
  const agreementEdit = page.getByRole('dialog', { name: 'Sửa thỏa thuận' });
  await typeInto(agreementEdit.getByLabel('Nội dung'), 'Hai bên họp nhóm công tác lần thứ nhất');
  await agreementEdit.getByRole('button', { name: 'Thêm vào nhật ký' }).click();
  await expect(agreementEdit.locator('.log-list')).toContainText('Hai bên họp nhóm công tác lần thứ nhất');
  await shot(page, '03-agreement-log');
  await agreementEdit.getByRole('button', { name: 'Hủy' }).click();

  // Overdue in the due view.
  await page.getByRole('navigation').getByRole('button', { name: 'Việc cần làm' }).click();
  const overdue = page.getByTestId('due-list').getByRole('listitem').filter({ hasText: 'điện gió ngoài khơi' });
  await expect(overdue).toContainText('Quá hạn');
  await expect(overdue).toContainText('01/03/2025');
  const thanks = page.getByTestId('due-list').getByRole('listitem').filter({ hasText: 'Gửi thư cảm ơn ban tổ chức' });
  await expect(thanks).toContainText('Quá hạn');
  await expect(thanks).toContainText('Hội nghị xúc tiến đầu tư năng lượng Đà Nẵng tại Tokyo');
  await thanks.getByRole('button', { name: /Đã hoàn thành/ }).click();
  await expect(thanks).toHaveCount(0);
  await shot(page, '04-due-overdue');

  // The organisation's timeline holds the activity and the agreement.
  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await page.getByRole('row').filter({ hasText: 'Tập đoàn Marubeni' }).click();
  const timeline = page.getByRole('dialog', { name: 'Tập đoàn Marubeni' }).getByRole('region', { name: 'Diễn biến' });
  await expect(timeline).toContainText('Hội nghị xúc tiến đầu tư năng lượng');
  await expect(timeline).toContainText('MoU hợp tác đầu tư điện gió');
  await shot(page, '05-organisation-detail');
  await page.getByRole('dialog', { name: 'Tập đoàn Marubeni' }).getByRole('button', { name: 'Đóng' }).click();

  // The list's search box, typed key by key: by what the organisation is (its sector), then a word it lacks.
  const partnerSearch = page.getByRole('searchbox', { name: 'Tìm đối tác (gõ không dấu cũng được)…' });
  await typeInto(partnerSearch, 'nang luong');
  await expect(page.getByText('1 đối tác', { exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Tập đoàn Marubeni' })).toBeVisible();
  await typeInto(partnerSearch, 'nang luong gio');
  await expect(page.getByText('Không có đối tác nào khớp với bộ lọc.')).toBeVisible();
  await typeInto(partnerSearch, '');
  await expect(page.getByRole('row').filter({ hasText: 'Tập đoàn Marubeni' })).toBeVisible();
  // The agreements' search box: the agreement by its partner's name, which only its search text holds.
  await page.getByRole('navigation').getByRole('button', { name: 'Thỏa thuận' }).click();
  const agreementSearch = page.getByRole('searchbox', { name: 'Tìm thỏa thuận (gõ không dấu cũng được)…' });
  await typeInto(agreementSearch, 'marubeni');
  await expect(page.getByText('1 thỏa thuận', { exact: true })).toBeVisible();
  await typeInto(agreementSearch, 'toyota');
  await expect(page.getByText('Không có thỏa thuận nào khớp với bộ lọc.')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'điện gió ngoài khơi' })).toHaveCount(0);
  await shot(page, '05b-agreements-search');
  await typeInto(agreementSearch, '');

  // Ctrl+K: one box, results grouped by kind of record.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Tìm kiếm' });
  await typeInto(search.getByRole('combobox'), 'marubeni');
  await expect(search.getByRole('region', { name: 'Đối tác' })).toContainText('Tập đoàn Marubeni');
  await expect(search.getByRole('region', { name: 'Thỏa thuận' })).toContainText('điện gió ngoài khơi');
  await expect(search.getByRole('region', { name: 'Người liên hệ' })).toContainText('Tanaka Hiroshi');
  await typeInto(search.getByRole('combobox'), 'dien gio');
  await expect(search.getByRole('region', { name: 'Thỏa thuận' })).toBeVisible();
  await expect(search.getByRole('region', { name: 'Đối tác' })).toHaveCount(0);
  await shot(page, '06-search');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Sửa thỏa thuận' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Sửa thỏa thuận' }).getByRole('button', { name: 'Hủy' }).click();

  // Import a CSV whose first row duplicates an existing organisation.
  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Nhập đối tác và người liên hệ' });
  // A file with a formula is refused with a clear message, and nothing is written.
  await importDialog
    .getByTestId('import-file')
    .setInputFiles({ name: 'xau.csv', mimeType: 'text/csv', buffer: Buffer.from('Tên đối tác,Trang web\nAeon,"=HYPERLINK(""http://x"")"\n', 'utf8') });
  await expect(importDialog.getByRole('alert')).toContainText('Dòng 2, cột “Trang web” chứa công thức.');
  const csv = [
    'Tên đối tác,Quốc gia,Trang web,Họ tên người liên hệ,E-mail',
    'TAP DOAN MARUBENI,Nhật Bản,https://marubeni.example,Sato Kenji,sato@marubeni.example',
    'JETRO,JP,https://jetro.go.jp,Suzuki Aiko,suzuki@jetro.example',
  ].join('\n');
  await importDialog.getByTestId('import-file').setInputFiles({ name: 'doi-tac.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(importDialog.getByText('2 dòng. Đối tác: tạo mới 1, bổ sung 1, bỏ qua 0.', { exact: false })).toBeVisible();
  await expect(importDialog.getByText('Trùng với “Tập đoàn Marubeni”')).toBeVisible();
  await shot(page, '07-import-preview');
  await expect(page.getByText(/^1 đối tác$/)).toBeVisible(); // nothing written yet
  await importDialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(importDialog.getByText('Đối tác: tạo mới 1, bổ sung 1, bỏ qua 0. Người liên hệ: tạo mới 2, bổ sung 0, bỏ qua 0.')).toBeVisible();
  await importDialog.getByRole('button', { name: 'Đóng' }).last().click();
  await expect(page.getByText(/^2 đối tác$/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Tập đoàn Marubeni' })).toContainText('2');

  // Export the list to XLSX and read it back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel (XLSX)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^doi-tac-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await file.path())!);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Tên đối tác', 'Loại đối tác', 'Quốc gia']);
  const names = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
  expect(names.sort()).toEqual(['JETRO', 'Tập đoàn Marubeni']);
  const marubeni = [2, 3].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === 'Tập đoàn Marubeni')!;
  expect(marubeni.getCell(5).value).toBe('https://marubeni.example');
  expect(marubeni.getCell(8).value).toBe(2);
  await shot(page, '08-list-after-import');
});

test('an organisation past the first thousand by name can be chosen in the activity form', async ({ page }) => {
  await expect(page.getByRole('navigation')).toBeVisible();
  // An address book of 1,200 organisations, imported from a spreadsheet.
  const names = Array.from({ length: 1200 }, (_, i) => `Công ty Đối tác ${String(i + 1).padStart(4, '0')}`);
  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Nhập đối tác và người liên hệ' });
  const csv = ['Tên đối tác,Quốc gia', ...names.map((n) => `${n},JP`)].join('\n');
  await importDialog.getByTestId('import-file').setInputFiles({ name: 'danh-ba.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await importDialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(importDialog.getByText(/Đối tác: tạo mới 1\.200/)).toBeVisible();
  await importDialog.getByRole('button', { name: 'Đóng' }).last().click();

  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động' }).click();
  await page.keyboard.press('Control+n');
  const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await typeInto(form.getByLabel('Tên hoạt động'), 'Gặp gỡ doanh nghiệp cuối danh bạ');
  await form.getByLabel('Loại hoạt động').selectOption('business-support');
  await typeInto(form.getByLabel('Ngày bắt đầu'), '12/02/2025');
  await typeInto(form.getByRole('combobox', { name: 'Đối tác', exact: true }), 'doi tac 1200');
  await form.getByRole('option', { name: /Công ty Đối tác 1200/ }).click();
  await expect(form.getByRole('button', { name: /Bỏ chọn Công ty Đối tác 1200/ })).toBeVisible();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toBeHidden();
  // Opened again, the chosen organisation shows by name.
  await page.getByRole('row').filter({ hasText: 'cuối danh bạ' }).click();
  await expect(page.getByRole('dialog', { name: 'Sửa hoạt động' }).getByText('Công ty Đối tác 1200')).toBeVisible();
});

test('the contacts page lists every person, finds one without diacritics, and links one to a partner', async ({ page }) => {
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Nhập đối tác và người liên hệ' });
  const csv = ['Tên đối tác,Họ tên người liên hệ,E-mail', 'JETRO,Suzuki Aiko,suzuki@jetro.example', ',Nguyễn Văn Bình,binh@example.vn'].join('\n');
  await importDialog.getByTestId('import-file').setInputFiles({ name: 'nguoi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await importDialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await importDialog.getByRole('button', { name: 'Đóng' }).last().click();

  await page.getByRole('navigation').getByRole('button', { name: 'Người liên hệ' }).click();
  await expect(page.getByText('2 người liên hệ', { exact: true })).toBeVisible();
  const binh = page.getByRole('row').filter({ hasText: 'Nguyễn Văn Bình' });
  await expect(binh).toContainText('Chưa gắn với đối tác nào');
  await typeInto(page.getByRole('searchbox'), 'binh');
  await expect(page.getByText('1 người liên hệ', { exact: true })).toBeVisible();
  await shot(page, '09-contacts');

  await binh.click();
  const form = page.getByRole('dialog', { name: 'Sửa người liên hệ' });
  await typeInto(form.getByRole('combobox', { name: 'Đối tác' }), 'jetro');
  await form.getByRole('option', { name: /JETRO/ }).click();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toBeHidden();
  await expect(binh).toContainText('JETRO');

  // A person found with Ctrl+K opens in their form.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Tìm kiếm' });
  await typeInto(search.getByRole('combobox'), 'suzuki');
  await search.getByRole('region', { name: 'Người liên hệ' }).getByText('Suzuki Aiko').click();
  await expect(page.getByRole('dialog', { name: 'Sửa người liên hệ' }).getByLabel('Họ và tên')).toHaveValue('Suzuki Aiko');
});
