import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../electron/context';
import { deriveKey, keyInfoPath, readKeyInfo } from '../../electron/db/key';
import { rewindOneSchema } from '../support/schema';
import { expect, PASSPHRASE, screenshot, setUpMission, test, typeInto } from './fixtures';

const SHOTS = '/tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

test('first start asks for a passphrase twice and refuses a short or mismatched one', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Đặt mật khẩu bảo vệ dữ liệu' })).toBeVisible();
  await typeInto(page.getByLabel(/^Mật khẩu/), 'ngắn');
  await page.getByRole('button', { name: 'Đặt mật khẩu và tiếp tục' }).click();
  await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();
  await typeInto(page.getByLabel(/^Mật khẩu/), PASSPHRASE);
  await typeInto(page.getByLabel(/^Nhập lại mật khẩu/), `${PASSPHRASE}!`);
  await page.getByRole('button', { name: 'Đặt mật khẩu và tiếp tục' }).click();
  await expect(page.getByText('Hai mật khẩu không giống nhau.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/security-choose-passphrase.png` });
});

test('locks on request, refuses a wrong passphrase, unlocks with the right one', async ({ page, host }) => {
  await setUpMission(page);
  expect(fs.existsSync(`${host.dataDir}/cau-noi.keyinfo.json`)).toBe(true);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByText('Dữ liệu được mã hóa bằng mật khẩu.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/security-settings.png`, fullPage: true });
  await page.getByRole('button', { name: /Khóa ngay/ }).click();
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
  await typeInto(page.getByLabel('Mật khẩu'), 'Hà Nội mùa xuân 2025');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByRole('alert')).toContainText('Mật khẩu không đúng');
  await page.screenshot({ path: `${SHOTS}/security-lock-wrong.png` });
  await typeInto(page.getByLabel('Mật khẩu'), PASSPHRASE);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  // A reload (or a new start of the host) does not get past the lock without the passphrase.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
});

test('backs up and restores from the settings page; the list shows the restored rows at once', async ({ page }) => {
  await setUpMission(page, 'staff');
  const addActivity = async (title: string) => {
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
    await typeInto(form.getByLabel('Tên hoạt động'), title);
    await form.getByLabel('Loại hoạt động').selectOption('trade-promotion');
    await page.keyboard.press('Control+Enter');
    await expect(form).toBeHidden();
  };
  await addActivity('Hội chợ trước khi sao lưu');
  await expect(page.getByText('1 hoạt động')).toBeVisible();
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(page.getByRole('cell', { name: 'Sao lưu thủ công' })).toBeVisible();
  await addActivity('Hội chợ sau khi sao lưu');
  await page.getByRole('button', { name: 'Khôi phục' }).first().click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByText(/Đã khôi phục bản sao lưu ngày \d\d\/\d\d\/\d{4}/)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Trước khi khôi phục' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
  await expect(page.getByText('1 hoạt động')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'sau khi sao lưu' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.screenshot({ path: `${SHOTS}/security-backups.png`, fullPage: true });
  // Settings › Cập nhật in the browser host: the server's address is kept; packages are for the desktop app.
  const updates = page.getByTestId('update-card');
  await expect(updates).toContainText('Gói cập nhật được mở trong ứng dụng Cầu Nối trên máy tính');
  await screenshot(updates, 'settings-update');
});

test('locks itself after the chosen idle time', async ({ page }) => {
  await page.clock.install();
  await page.reload();
  await setUpMission(page);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByLabel('Tự động khóa sau khi không sử dụng').selectOption('5');
  await expect(page.getByLabel('Tự động khóa sau khi không sử dụng')).toHaveValue('5');
  await page.clock.fastForward('04:00');
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
});

test.describe('an older folder without a passphrase', () => {
  test.use({ prepare: [['demo', '--activities', '20', '--today', '2026-11-20']] });

  test('opens as before and can be encrypted from the settings', async ({ page, host }) => {
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await expect(page.getByText('Dữ liệu trên máy này CHƯA được mã hóa.')).toBeVisible();
    await typeInto(page.getByLabel(/^Mật khẩu/), PASSPHRASE);
    await typeInto(page.getByLabel(/^Nhập lại mật khẩu/), PASSPHRASE);
    await page.screenshot({ path: `${SHOTS}/security-encrypt-now.png`, fullPage: true });
    await page.getByRole('button', { name: 'Mã hóa ngay' }).click();
    await expect(page.getByText('Dữ liệu được mã hóa bằng mật khẩu.').first()).toBeVisible();
    expect(fs.existsSync(`${host.dataDir}/cau-noi.keyinfo.json`)).toBe(true);
    await page.getByRole('button', { name: /Khóa ngay/ }).click();
    await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
    await typeInto(page.getByLabel('Mật khẩu'), PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
    await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '20');
  });
});

test('shows the lock screen as soon as main answers that it is locked', async ({ page }) => {
  await page.clock.install();
  await page.reload();
  await setUpMission(page);
  // The settings' sections load with their page: what they show is read before main locks.
  const read = ['backup.list', 'update.status', 'exchange.identity'].map((channel) => page.waitForResponse((r) => r.url().endsWith(`/api/invoke/${channel}`)));
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await Promise.all(read);
  // Timers stop: the periodic check cannot be what notices the lock.
  await page.clock.pauseAt(Date.now() + 60_000);
  // Main locks on its own (in Electron: system sleep); the page is not told.
  await page.evaluate(async () => {
    await fetch('/api/invoke/security.lock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  });
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible({ timeout: 2_500 });
});

test('the one-time address leaves no secret behind, the session survives a reload, and a second browser is refused', async ({ page, host, browser }) => {
  // The fixture opened host.openUrl: the host answered with a cookie and an address without the code.
  await expect(page).toHaveURL(new URL('/', host.url).href);
  const cookies = await page.context().cookies();
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(host.openUrl).not.toContain(cookies[0]!.value);
  // The page cannot read it (HttpOnly), and keeps nothing of it in its own storage.
  expect(await page.evaluate(() => ({ cookie: document.cookie, stored: sessionStorage.length + localStorage.length }))).toEqual({ cookie: '', stored: 0 });
  await setUpMission(page, 'staff');
  await page.reload();
  await expect(page.getByRole('navigation')).toBeVisible();

  // Someone else (a fresh browser context) with the same address: refused, and told what to do.
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    const reply = await stranger.goto(host.openUrl);
    expect(reply?.status()).toBe(403);
    await expect(stranger.getByRole('heading', { name: 'Cần một đường dẫn mới để mở Cầu Nối' })).toBeVisible();
    await expect(stranger.getByText('Đường dẫn này đã được dùng hoặc đã hết hạn.', { exact: false })).toBeVisible();
    await expect(stranger.getByText('npm start -- --browser').first()).toBeVisible();
    await screenshot(stranger, 'security-host-link-used');
    expect(await other.cookies()).toEqual([]);
    // Nor does the bare address or the API let it in (with this context's cookies: none).
    expect((await stranger.goto(host.url))?.status()).toBe(403);
    expect((await other.request.post(new URL('/api/invoke/app.state', host.url).href, { data: {} })).status()).toBe(401);
    // A new address from the host's terminal (Enter) lets it in.
    await stranger.goto(await host.newOpenUrl());
    await expect(stranger.getByRole('navigation')).toBeVisible();
  } finally {
    await other.close();
  }
});

test('says the data is being upgraded while an unlock migrates it for this version', async ({ page, host }) => {
  await setUpMission(page);
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Cầu Nối đang khóa' })).toBeVisible();
  // The folder as the previous version left it: one schema back (without migration 024's table).
  const derived = await deriveKey(PASSPHRASE, readKeyInfo(keyInfoPath(host.dataDir))!);
  rewindOneSchema(path.join(host.dataDir, DATABASE_FILE), derived!.hex);
  // The answer held back a moment, as a large folder's upgrade would take minutes.
  await page.route('**/api/invoke/security.unlock', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await route.fulfill({ response });
  });
  await typeInto(page.getByLabel('Mật khẩu'), PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Đang sao lưu rồi nâng cấp dữ liệu cho phiên bản mới');
  await expect(page.getByRole('button', { name: 'Đang mở khóa…' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/security-upgrading.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('status')).toContainText('Backing up, then upgrading the data for this version');
  await page.screenshot({ path: `${SHOTS}/security-upgrading-en.png` });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByRole('cell', { name: 'Trước khi nâng cấp dữ liệu' })).toBeVisible();
});

test('says a backup from an earlier version is being upgraded while it is restored', async ({ page, host }) => {
  await setUpMission(page);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(page.getByRole('cell', { name: 'Sao lưu thủ công' })).toBeVisible();
  // The backup as the previous version made it: one schema back.
  const derived = await deriveKey(PASSPHRASE, readKeyInfo(keyInfoPath(host.dataDir))!);
  const backups = path.join(host.dataDir, 'backups');
  const [file] = fs.readdirSync(backups).filter((name) => name.endsWith('.db'));
  rewindOneSchema(path.join(backups, file!), derived!.hex);
  // The answer held back a moment, as a large backup's upgrade would take minutes.
  await page.route('**/api/invoke/backup.restore', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: 'Khôi phục' }).first().click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Khôi phục' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Đang nâng cấp bản sao lưu này cho phiên bản mới' });
  await expect(notice).toBeVisible();
  await notice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/security-restore-upgrading.png` });
  await expect(page.getByText(/Đã khôi phục bản sao lưu ngày \d\d\/\d\d\/\d{4}/)).toBeVisible();
  await expect(notice).toBeHidden();
  // The copy made before the restore is kept, not rotated away by the upgrade.
  await expect(page.getByRole('cell', { name: 'Trước khi khôi phục' })).toBeVisible();
});

test('says the data is being upgraded while it opens at start, and shows the app once it is done', async ({ page }) => {
  await setUpMission(page);
  // The window's process answers so while the data thread upgrades the folder (test/unit/data-host.test.ts).
  let asked = 0;
  await page.route('**/api/invoke/app.state', async (route) => {
    if (asked++ < 2) return route.fulfill({ json: { ok: false, error: { code: 'UPGRADING', message: 'upgrading' } } });
    await route.continue();
  });
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: 'Đang sao lưu rồi nâng cấp dữ liệu cho phiên bản mới' });
  await expect(notice).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/security-start-upgrading.png` });
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(notice).toBeHidden();
  expect(asked).toBe(3);
});
