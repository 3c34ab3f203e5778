/**
 * Typed by hand (issue 11): every field driven key by key as people type, with Unikey and with
 * an input method composing, and the stored record read back through the CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { PROVINCES } from '../../shared/reference';
import { cli, expect, PASSPHRASE, screenshot, setUpMission, test } from './fixtures';
import { InputMethod, KEY_DELAY, typeLikeUnikey } from './keyboard';

const withPassphrase = { CAU_NOI_PASSPHRASE: PASSPHRASE };

interface StoredActivity {
  id: string;
  title: string;
  startDate: string;
  endDate: string | null;
  provinces: string[];
  businessesSupported: number | null;
  dealValueUsd: number | null;
  outcomes: string;
  notes: string;
}

/** The activity as the database holds it, found by its title. */
function storedActivity(dataDir: string, title: string): StoredActivity {
  const page = JSON.parse(cli(dataDir, ['activity', 'list', '--json'], withPassphrase)) as { rows: { id: string; title: string }[] };
  const row = page.rows.find((r) => r.title === title);
  if (!row) throw new Error(`No activity titled ${title}: ${page.rows.map((r) => r.title).join(' | ')}`);
  return JSON.parse(cli(dataDir, ['activity', 'get', row.id], withPassphrase)) as StoredActivity;
}

const provinceId = (name: string) => PROVINCES.find((p) => p.name === name)!.id;

test('an activity typed key by key, with Unikey and a composing keyboard, is stored exactly as meant', async ({ page, host }) => {
  await setUpMission(page, 'head');
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();

  // Alt+N (the browser host's "new", which browsers do not keep for themselves) works on the dashboard.
  await page.keyboard.press('Alt+n');
  const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await expect(form).toBeVisible();
  await expect(form.getByText('Ctrl+Enter')).toBeVisible();

  const title = 'Hội chợ hàng Việt Nam tại Osaka';
  const titleField = form.getByLabel('Tên hoạt động');
  await typeLikeUnikey(page, titleField, title);
  await expect(titleField).toHaveValue(title);
  // Enter pressed too early, in a one-line field, saves nothing.
  await page.keyboard.press('Enter');
  await expect(form).toBeVisible();
  await expect(form.getByText('Cần nhập thông tin này.')).toHaveCount(0);

  await form.getByLabel('Loại hoạt động').selectOption('trade-promotion');

  // A date typed key by key keeps every key; it is shown in full once the field is left.
  // It starts at today's date: the person selects it and types over it.
  const start = form.getByLabel('Ngày bắt đầu');
  await start.click();
  await page.keyboard.press('ControlOrMeta+a');
  await start.pressSequentially('12/2', { delay: KEY_DELAY });
  await expect(start).toHaveValue('12/2');
  await start.pressSequentially('/2025', { delay: KEY_DELAY });
  await page.keyboard.press('Tab');
  await expect(start).toHaveValue('12/02/2025');
  // Deleting one digit inside a valid date and typing another changes only that digit.
  await start.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(start).toHaveValue('12/02/202');
  await start.pressSequentially('4', { delay: KEY_DELAY });
  await expect(start).toHaveValue('12/02/2024');

  // An impossible date keeps its text and says why; a two-digit year with dots is read.
  const end = form.getByLabel('Ngày kết thúc');
  await end.click();
  await end.pressSequentially('31/02/2025', { delay: KEY_DELAY });
  await page.keyboard.press('Tab');
  await expect(end).toHaveValue('31/02/2025');
  await expect(form.getByText('Không có ngày này trên lịch: kiểm tra ngày và tháng.')).toBeVisible();
  await screenshot(page, 'typing-01-impossible-date');
  await end.click();
  await page.keyboard.press('ControlOrMeta+a');
  await end.pressSequentially('13.2.25', { delay: KEY_DELAY });
  await page.keyboard.press('Tab');
  await expect(end).toHaveValue('13/02/2025');
  await expect(form.getByText('Không có ngày này trên lịch: kiểm tra ngày và tháng.')).toHaveCount(0);

  // The calendar, by keyboard: Alt+ArrowDown opens it on the date, arrows move, Enter picks.
  await end.focus();
  await page.keyboard.press('Alt+ArrowDown');
  const calendar = form.getByRole('dialog', { name: 'Lịch' });
  await expect(calendar).toBeVisible();
  await expect(calendar).toContainText('2025');
  await page.keyboard.press('ArrowRight');
  await screenshot(page, 'typing-02-calendar');
  await page.keyboard.press('Enter');
  await expect(calendar).toBeHidden();
  await expect(end).toHaveValue('14/02/2025');
  // Escape closes only the calendar, never the form around it.
  await form.getByRole('button', { name: 'Chọn ngày trên lịch' }).nth(1).click();
  await expect(calendar).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(form).toBeVisible();

  // A picker, typed through an input method: Enter while "Đồng" is still composing chooses nothing.
  const ime = await InputMethod.attach(page);
  const provinces = form.getByRole('combobox', { name: 'Địa phương Việt Nam được hỗ trợ' });
  const chosen = form
    .locator('.picker')
    .filter({ has: page.getByRole('combobox', { name: 'Địa phương Việt Nam được hỗ trợ' }) })
    .locator('.chip');
  await expect(
    form
      .locator('.picker')
      .filter({ has: page.getByRole('combobox', { name: 'Quốc gia' }) })
      .locator('.chip'),
  ).toHaveText([/Nhật Bản/]);
  await provinces.focus();
  await ime.compose('Đồn');
  await ime.enterWhileComposing();
  await ime.processKey();
  await ime.compose('Đồng');
  await ime.enterWhileComposing();
  await expect(chosen).toHaveCount(0);
  await ime.commit('Đồng');
  await expect(provinces).toHaveValue('Đồng');
  await form.getByRole('option', { name: /Đồng Tháp/ }).click();
  await expect(chosen).toHaveText([/Đồng Tháp/]);
  // The list closes after a choice, so a click on the field below lands on that field.
  await expect(form.getByRole('listbox')).toHaveCount(0);
  await typeLikeUnikey(page, provinces, 'Hà Nội');
  await expect(form.getByRole('option', { name: 'Hà Nội' })).toBeVisible();
  await screenshot(page, 'typing-03-picker-open');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('listbox')).toHaveCount(0);
  // Where the list was, the next field now takes the click; Tab leaves a picker and closes its list.
  const sectors = form.getByRole('combobox', { name: 'Lĩnh vực' });
  await sectors.click();
  await expect(sectors).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('listbox')).toHaveCount(0);
  await form.getByLabel('Giá trị ước tính (USD)').click();
  await expect(chosen).toHaveText([/Đồng Tháp/, /Hà Nội/]);

  // Amounts the Vietnamese way, key by key; a negative number is refused with a word.
  const value = form.getByLabel('Giá trị ước tính (USD)');
  await value.pressSequentially('1.500.000', { delay: KEY_DELAY });
  await expect(value).toHaveValue('1.500.000');
  const businesses = form.getByLabel('Số doanh nghiệp Việt Nam được hỗ trợ');
  await businesses.click();
  await businesses.pressSequentially('-5', { delay: KEY_DELAY });
  await page.keyboard.press('Tab');
  await expect(form.getByText('Không nhận số âm.')).toBeVisible();
  await expect(businesses).toHaveValue('-5');
  await businesses.click();
  await page.keyboard.press('ControlOrMeta+a');
  await businesses.pressSequentially('12', { delay: KEY_DELAY });

  // Line breaks in a multi-line field: Enter makes a new line, not a save.
  const outcomes = form.getByLabel('Kết quả');
  await outcomes.click();
  await outcomes.pressSequentially('Ký 3 hợp đồng.\nHai doanh nghiệp mở văn phòng.', { delay: KEY_DELAY });
  await expect(form).toBeVisible();
  // Text pasted from a PDF arrives decomposed (NFD); it is stored precomposed.
  await form.getByLabel('Ghi chú').click();
  await page.keyboard.insertText('Theo công văn số 12'.normalize('NFD'));
  await screenshot(page, 'typing-04-form-filled');

  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Đã ghi nhận hoạt động.');

  const stored = storedActivity(host.dataDir, title);
  expect(stored).toMatchObject({
    title,
    startDate: '2024-02-12',
    endDate: '2025-02-14',
    businessesSupported: 12,
    dealValueUsd: 1_500_000,
    outcomes: 'Ký 3 hợp đồng.\nHai doanh nghiệp mở văn phòng.',
    notes: 'Theo công văn số 12'.normalize('NFC'),
  });
  expect(stored.provinces).toEqual([provinceId('Đồng Tháp'), provinceId('Hà Nội')]);
  expect(stored.notes).not.toBe('Theo công văn số 12'.normalize('NFD'));
});

/** Files under `dir` that contain `text` (as UTF-8 or as UTF-16, the two ways Chromium stores strings). */
function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (needles.some((n) => bytes.includes(n))) found.push(file);
  }
  return found;
}

test('a draft is kept in the encrypted database, never in the browser, and comes back after a reload', async ({ host }) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-profile-'));
  const { launchOptions, locale, timezoneId, viewport } = config.use!;
  const launch = () => chromium.launchPersistentContext(profile, { ...launchOptions, locale, timezoneId, viewport });
  let context = await launch();
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.openUrl);
    await setUpMission(page, 'staff');

    // A distinctive word, to look for in every file the browser wrote.
    const title = 'Quokkafest ẩm thực Việt tại Kobe';
    await page.keyboard.press('Alt+n');
    let form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
    await typeLikeUnikey(page, form.getByLabel('Tên hoạt động'), title);
    await form.getByLabel('Ghi chú').pressSequentially('Gặp Quokkafest\nlần hai', { delay: KEY_DELAY });
    // Locking keeps what was typed (it is flushed before the key is dropped).
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
    await page.getByLabel('Mật khẩu').pressSequentially(PASSPHRASE, { delay: KEY_DELAY });
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.keyboard.press('Alt+n');
    form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
    await expect(form.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
    await expect(form.getByLabel('Tên hoạt động')).toHaveValue(title);
    await expect(form.getByLabel('Ghi chú')).toHaveValue('Gặp Quokkafest\nlần hai');
    await screenshot(page, 'typing-05-draft-restored');
    await context.close();

    // Nothing of the record in the browser's storage, nor readable in the data folder.
    expect(filesContaining(profile, 'Quokkafest')).toEqual([]);
    expect(filesContaining(host.dataDir, 'Quokkafest')).toEqual([]);

    // Another browser session: the draft is still there; discarding it keeps focus in the form.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    // A new browser session needs a new one-time address (the first one is spent).
    await page.goto(await host.newOpenUrl());
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.keyboard.press('Alt+n');
    form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
    await expect(form.getByLabel('Tên hoạt động')).toHaveValue(title);
    await form.getByRole('button', { name: 'Bỏ bản nháp' }).click();
    await expect(form.getByLabel('Tên hoạt động')).toHaveValue('');
    await expect(form.getByLabel('Tên hoạt động')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await page.keyboard.press('Alt+n');
    await expect(page.getByRole('dialog', { name: 'Ghi nhận hoạt động' }).getByText('Đã khôi phục bản nháp chưa lưu.')).toHaveCount(0);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('report text is kept as a draft, and leaving with unsaved text asks first', async ({ page }) => {
  await setUpMission(page, 'head');
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.getByRole('button', { name: '+ Báo cáo mới' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bản nháp');
  const date = page.getByLabel('Ngày báo cáo');
  await date.click();
  await page.keyboard.press('ControlOrMeta+a');
  await date.pressSequentially('5/7/2026', { delay: KEY_DELAY });
  await page.keyboard.press('Tab');
  await expect(date).toHaveValue('05/07/2026');
  const general = page.getByLabel('I. Tình hình chung');
  await typeLikeUnikey(page, general, 'Kinh tế nước sở tại phục hồi.');
  await page.keyboard.press('Enter');
  await typeLikeUnikey(page, general, 'Doanh nghiệp quan tâm thị trường Việt Nam.');
  const text = 'Kinh tế nước sở tại phục hồi.\nDoanh nghiệp quan tâm thị trường Việt Nam.';
  await expect(general).toHaveValue(text);

  // Leaving asks; "Hủy" (or Escape) stays, with the text.
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('chưa được lưu vào báo cáo');
  await screenshot(page, 'typing-055-leave-question');
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(general).toHaveValue(text);

  // A reload loses nothing: the report opens with its draft text.
  await page.reload();
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page
    .getByRole('button', { name: /Bản nháp/ })
    .first()
    .click();
  await expect(page.getByText('Đã khôi phục nội dung viết dở chưa lưu vào báo cáo.')).toBeVisible();
  await expect(page.getByLabel('I. Tình hình chung')).toHaveValue(text);
  await expect(page.getByLabel('Ngày báo cáo')).toHaveValue('05/07/2026');
  await screenshot(page, 'typing-06-report-draft');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  // Saved: leaving no longer asks.
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test('search boxes: Enter while composing waits, the committed text finds the record', async ({ page }) => {
  await setUpMission(page, 'staff');
  for (const title of ['Hội chợ Đồng Tháp tại Osaka', 'Tuần hàng Việt Nam tại AEON']) {
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
    await form.getByLabel('Tên hoạt động').pressSequentially(title, { delay: 5 });
    await form.getByLabel('Loại hoạt động').selectOption('trade-promotion');
    await form.getByLabel('Ngày bắt đầu').click();
    await page.keyboard.press('ControlOrMeta+a');
    await form.getByLabel('Ngày bắt đầu').pressSequentially('3/3/2025', { delay: 5 });
    await page.keyboard.press('Control+Enter');
    await expect(form).toBeHidden();
  }
  await expect(page.getByText('2 hoạt động')).toBeVisible();

  // The list's search, typed with Unikey.
  await typeLikeUnikey(page, page.getByRole('searchbox'), 'Đồng Tháp');
  await expect(page.getByText('1 hoạt động')).toBeVisible();

  // Ctrl+K: Enter while "hội" composes opens nothing; once committed, Enter opens the record.
  const ime = await InputMethod.attach(page);
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: /Tìm kiếm/ });
  await expect(search).toBeVisible();
  await ime.compose('hội');
  await ime.enterWhileComposing();
  await ime.processKey();
  await expect(search).toBeVisible();
  await ime.commit('hội chợ');
  await expect(search.getByRole('option', { name: /Hội chợ Đồng Tháp/ })).toBeVisible();
  await screenshot(page, 'typing-07-search');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Sửa hoạt động' }).getByLabel('Tên hoạt động')).toHaveValue('Hội chợ Đồng Tháp tại Osaka');
});
