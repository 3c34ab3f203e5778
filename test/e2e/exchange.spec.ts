/**
 * Exchange end to end: two staff laptops and the head's computer exchange batch files and
 * converge; the head sends to HQ; HQ sees the mission, its figures, and a gap when a batch is
 * held back. The CLI prepares folders and writes the files a person would receive by e-mail;
 * what a person does in the app (send, preview, trust, import, review HQ) drives the UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { MISSION, MISSION_INIT, cli, expect, newDataDir, startHost, test, type Host, typeInto } from './fixtures';
import { MINISTRY_INIT } from '../support/ministry';

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/exchange-${name}.png`, fullPage: true });

const missionArgs = [...MISSION_INIT];
test.use({ prepare: [['init', ...missionArgs, '--user', MISSION.userName, '--role', 'head']] });

function staffFolder(user: string, titles: string[]): string {
  const dir = newDataDir();
  cli(dir, ['init', ...missionArgs, '--user', user, '--role', 'staff']);
  const file = path.join(dir, 'activities.json');
  fs.writeFileSync(file, JSON.stringify(titles.map((title, i) => ({ title, kind: 'trade-promotion', startDate: `2026-0${7 + i}-15`, provinces: ['hue'] }))));
  cli(dir, ['activity', 'add', '--json', file]);
  return dir;
}

const identity = (dir: string) => JSON.parse(cli(dir, ['hq', 'keygen', '--json'])) as { recipient: string; fingerprint: string };
const titles = (dir: string) =>
  (JSON.parse(cli(dir, ['activity', 'list', '--json'])) as { rows: { id: string; title: string }[] }).rows.map((r) => `${r.id} ${r.title}`).sort();

async function openExchange(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: 'Trao đổi dữ liệu' }).click();
  await expect(page.getByRole('heading', { name: 'Trao đổi dữ liệu', exact: true })).toBeVisible();
}

/** Chooses batch files in the import card, then handles each unknown sender as a person would. */
async function importFiles(page: Page, files: string[], trust: Record<string, string> = {}) {
  await page.getByTestId('batch-files').setInputFiles(files);
  const trusted: string[] = [];
  for (let i = 0; i < Object.keys(trust).length; i += 1) {
    const dialog = page.getByRole('alertdialog', { name: 'Thiết bị chưa được tin cậy' });
    const shown = dialog.getByTestId('trust-fingerprint');
    // Wait for the dialog of the next sender (the previous one closes as its trust is saved).
    await expect(async () => expect(trusted).not.toContain((await shown.textContent({ timeout: 1000 }))!.trim())).toPass();
    const fingerprint = (await shown.textContent())!.trim();
    // The fingerprint read out by the sender over the phone must match the one shown.
    expect(Object.values(trust)).toContain(fingerprint);
    if (i === 0) await shot(page, '02-trust-dialog');
    await dialog.getByRole('button', { name: /tin cậy thiết bị này/ }).click();
    trusted.push(fingerprint);
  }
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByText('Đây là kết quả xem trước')).toBeVisible();
}

test('two staff and the head converge; the head sends to HQ; HQ sees the mission, its figures and a gap', async ({ page, host, browser }) => {
  test.setTimeout(180_000);
  const an = staffFolder('Trần Văn An', ['Tuần hàng Việt Nam tại Osaka', 'Hội chợ Foodex Japan']);
  const binh = staffFolder('Lê Thị Bình', ['Diễn đàn đầu tư Kansai']);
  const hqDir = newDataDir();
  cli(hqDir, ['init', ...MINISTRY_INIT, '--user', 'Phạm Quốc Việt']);
  const outbox = newDataDir();
  const extraHosts: Host[] = [];

  try {
    // The head reads the receiving address on the Exchange page and gives it to the staff.
    await openExchange(page);
    const headRecipient = (await page.getByTestId('own-recipient').textContent())!.trim();
    expect(headRecipient).toMatch(/^age1/);

    // Staff An sends from the app; Staff Bình's laptop writes its file with the CLI.
    const anHost = await startHost(an);
    extraHosts.push(anHost);
    const anPage = await browser.newPage();
    await anPage.goto(anHost.openUrl);
    await openExchange(anPage);
    await anPage.getByRole('button', { name: 'Gửi cho Trưởng Cơ quan đại diện' }).click();
    await typeInto(anPage.getByLabel('Địa chỉ nhận (age1…)'), headRecipient);
    await anPage.getByRole('button', { name: 'Tạo tệp gửi' }).click();
    await expect(anPage.getByTestId('export-result')).toContainText('lô số 1 gồm');
    await shot(anPage, '01-staff-sent');
    const anFile = fs.readdirSync(path.join(an, 'outbox')).map((f) => path.join(an, 'outbox', f))[0]!;
    const binhFile = JSON.parse(cli(binh, ['batch', 'export', '--out', `${outbox}/`, '--to', headRecipient, '--json'])).path as string;

    // The head previews both files, trusts each laptop after comparing fingerprints, and imports.
    await importFiles(page, [anFile, binhFile], { an: identity(an).fingerprint, binh: identity(binh).fingerprint });
    const table = page.getByTestId('import-table');
    await expect(table.getByRole('row').filter({ hasText: 'Hoạt động' })).toHaveCount(2);
    await expect(table).toContainText('Sẵn sàng nhập');
    await shot(page, '03-preview');
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(page.getByText('Đã nhập xong.')).toBeVisible();
    await expect(table.getByText('Đã nhập', { exact: true })).toHaveCount(2);
    await shot(page, '04-imported');
    await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động' }).click();
    await expect(page.getByText('Diễn đàn đầu tư Kansai')).toBeVisible();
    await expect(page.getByText('Tuần hàng Việt Nam tại Osaka')).toBeVisible();

    // The head sends everything back to both laptops: the three folders converge.
    for (const staff of [an, binh]) {
      const back = JSON.parse(cli(host.dataDir, ['batch', 'export', '--out', `${outbox}/`, '--to', identity(staff).recipient, '--json'])).path as string;
      cli(staff, ['hq', 'trust', back]);
      cli(staff, ['batch', 'import', back]);
    }
    expect(titles(an)).toEqual(titles(host.dataDir));
    expect(titles(binh)).toEqual(titles(host.dataDir));
    expect(titles(host.dataDir)).toHaveLength(3);

    // The head sends to HQ from the app (batch 1), then writes two more batches.
    const hq = identity(hqDir);
    await openExchange(page);
    await page.getByRole('button', { name: 'Gửi về Bộ' }).click();
    await typeInto(page.getByLabel('Địa chỉ nhận (age1…)'), hq.recipient);
    await page.getByRole('button', { name: 'Tạo tệp gửi' }).click();
    await expect(page.getByTestId('export-result')).toContainText('lô số 1 gồm');
    const first = fs.readdirSync(path.join(host.dataDir, 'outbox')).map((f) => path.join(host.dataDir, 'outbox', f))[0]!;
    fs.writeFileSync(
      path.join(outbox, 'late.json'),
      JSON.stringify({ title: 'Đoàn doanh nghiệp Huế thăm Tokyo', kind: 'business-support', startDate: '2026-10-02', provinces: ['hue'] }),
    );
    cli(host.dataDir, ['activity', 'add', '--json', path.join(outbox, 'late.json')]);
    const second = JSON.parse(cli(host.dataDir, ['batch', 'export', '--out', `${outbox}/`, '--to', hq.recipient, '--json'])).path as string;
    const third = JSON.parse(cli(host.dataDir, ['batch', 'export', '--out', `${outbox}/`, '--to', hq.recipient, '--json'])).path as string;

    // HQ imports batches 1 and 3 (batch 2 is held back in the bag): it sees the gap.
    const hqHost = await startHost(hqDir);
    extraHosts.push(hqHost);
    const hqPage = await browser.newPage();
    await hqPage.goto(hqHost.openUrl);
    await openExchange(hqPage);
    // HQ's people are named by HQ's roles, not a mission's.
    await expect(hqPage.locator('.sidebar-foot')).toContainText('Phạm Quốc ViệtChuyên viên');
    // Every mission of the register is listed before any batch arrives, with no batch yet.
    await expect(hqPage.getByTestId('hq-mission-PDTT-NY')).toContainText('Phái đoàn thường trực Việt Nam tại Liên hợp quốc');
    await expect(hqPage.getByTestId('hq-mission-DSQ-JP').getByRole('cell').nth(2)).toHaveText('—');
    const headFingerprint = (await page.getByTestId('own-fingerprint').textContent())!.trim();
    await importFiles(hqPage, [first, third], { head: headFingerprint });
    await hqPage.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(hqPage.getByText('Đã nhập xong.')).toBeVisible();
    await expect(hqPage.getByTestId('import-table')).toContainText('Tạm giữ (chờ lô trước)');
    const row = hqPage.getByTestId('hq-mission-DSQ-JP');
    await expect(row).toContainText('Đại sứ quán Việt Nam tại Nhật Bản');
    await expect(row).toContainText('Lô 1');
    await expect(row).toContainText(/Thiếu lô 2 từ thiết bị/);
    // Written after the awaited half-year ended: its report is in.
    await expect(row.getByRole('cell').nth(1)).toHaveText('Đã báo cáo');
    // Figures of the half-year: the three activities of the staff, done.
    await expect(row.getByRole('cell').nth(5)).toHaveText('3');
    await shot(hqPage, '05-hq-gap');

    // The head's Send card shows the three batches waiting for acknowledgement; it writes batch 2
    // again (Gửi lại): the same batch, encrypted anew, downloaded onto a USB stick.
    const stick = newDataDir();
    await page.reload();
    await openExchange(page);
    const toHq = page.getByRole('listitem').filter({ hasText: 'Bộ Ngoại giao' });
    const box = toHq.getByTestId('outbox-state');
    await expect(box).toContainText('Lô đã gửi: 3 · đã xác nhận: 0 · chờ xác nhận: 3');
    await expect(box).toContainText('chờ xác nhận lô số 1, 2, 3');
    await typeInto(toHq.getByLabel('Số lô cần gửi lại'), '2');
    const resent = page.waitForEvent('download');
    await toHq.getByRole('button', { name: 'Gửi lại: Bộ Ngoại giao' }).click();
    expect((await resent).suggestedFilename()).toBe(path.basename(second));
    await (await resent).saveAs(path.join(stick, path.basename(second)));
    await expect(page.getByTestId('resend-result')).toContainText('Đã tạo lại tệp lô số 2');
    await shot(page, '05b-head-resend');

    // Batch 2 arrives in a folder of its own (a USB stick): it is applied, and the held batch 3 after it.
    fs.writeFileSync(path.join(stick, 'ghi-chu.txt'), 'không phải tệp lô');
    await hqPage.getByTestId('batch-folder').setInputFiles(stick);
    await expect(hqPage.getByText('Đã chọn 1 tệp')).toBeVisible();
    await expect(hqPage.getByText('Đây là kết quả xem trước')).toBeVisible();
    await hqPage.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(hqPage.getByText('Đã nhập xong.')).toBeVisible();
    await expect(row).toContainText('Lô 3');
    await expect(row).toContainText('Đủ');
    await expect(row.getByRole('cell').nth(5)).toHaveText('4');
    await expect(hqPage.getByTestId('hq-regions').getByRole('row').filter({ hasText: 'Châu Á' })).toContainText('4');
    const download = hqPage.waitForEvent('download');
    await hqPage.getByRole('button', { name: 'Tải số liệu tổng hợp (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^BNG-so-lieu-tong-hop-\d{4}S[12]\.xlsx$/);
    await shot(hqPage, '06-hq-complete');
    // The consolidated report as it prints, and the digest of the locality the activities supported.
    const hqReport = hqPage.getByTestId('hq-report');
    // The card reports on the period chosen for the figures above it (one period, in the address).
    const figuresPeriod = await hqPage.getByLabel('Kỳ số liệu').locator('option:checked').textContent();
    await expect(hqReport.getByTestId('hq-report-period')).toContainText(figuresPeriod!);
    await hqReport.getByRole('button', { name: 'Xem trước' }).click();
    await expect(hqReport.getByTestId('report-preview')).toContainText('TỔNG HỢP KẾT QUẢ', { ignoreCase: true });
    await expect(hqReport.getByTestId('report-preview')).toContainText('Bảng 4. Kết quả theo Cơ quan đại diện');
    await hqReport.getByTestId('hq-digest-locality').selectOption({ label: 'Huế' });
    const digest = hqPage.waitForEvent('download');
    await hqReport.getByRole('button', { name: 'Tải bản tin .xlsx' }).click();
    expect((await digest).suggestedFilename()).toMatch(/^BanTin-hue-\d{4}S[12]\.xlsx$/);
    // The digest's date is typed like any date and printed on its .docx.
    await typeInto(hqReport.getByLabel('Ngày bản tin'), '20/07/2026');
    const dated = hqPage.waitForEvent('download');
    await hqReport.getByRole('button', { name: 'Tải bản tin .docx' }).click();
    const docx = unzipSync(fs.readFileSync((await (await dated).path())!));
    expect(strFromU8(docx['word/document.xml']!)).toContain('ngày 20 tháng 7 năm 2026');
    await hqReport.getByRole('heading', { name: 'Báo cáo tổng hợp' }).scrollIntoViewIfNeeded();
    await shot(hqPage, '06c-hq-report');
    // HQ's register is edited from the same view: the permanent mission in New York, saved as it is.
    await hqPage.getByTestId('hq-mission-PDTT-NY').getByRole('button', { name: 'Sửa' }).click();
    const registerForm = hqPage.getByRole('dialog', { name: 'Sửa thông tin Cơ quan đại diện' });
    await expect(registerForm.getByLabel('Thành phố')).toHaveValue('New York');
    await shot(hqPage, '06b-hq-register-form');
    await registerForm.getByRole('button', { name: 'Lưu' }).click();
    await expect(hqPage.getByText('Đã lưu thông tin PDTT-NY.')).toBeVisible();
    await expect(registerForm).toBeHidden();
    // The mission's code opens its activities of the period, filtered by mission.
    await row.getByRole('button', { name: 'DSQ-JP' }).click();
    await expect(hqPage.getByText('4 hoạt động', { exact: true })).toBeVisible();
    await expect(hqPage.getByLabel('Cơ quan đại diện')).toHaveValue(/.+/);
    await expect(hqPage.getByRole('row').filter({ hasText: 'Đoàn doanh nghiệp Huế thăm Tokyo' })).toHaveCount(1);
    await shot(hqPage, '07-hq-mission-activities');
  } finally {
    for (const h of extraHosts) h.process.kill('SIGTERM');
  }
});

/** Edits an activity's title in the activity form, as a person would. */
async function retitle(page: Page, from: string, to: string) {
  await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động' }).click();
  await page.getByRole('row').filter({ hasText: from }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa hoạt động' });
  await typeInto(edit.getByLabel('Tên hoạt động'), to);
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('row').filter({ hasText: to })).toHaveCount(1);
}

test('concurrent edits of the same title become a conflict the head resolves side by side', async ({ page, host, browser }) => {
  test.setTimeout(120_000);
  const an = staffFolder('Trần Văn An', ['Hội chợ Foodex']);
  const outbox = newDataDir();
  const headRecipient = identity(host.dataDir).recipient;
  // An's activity reaches the head, whose trust comes from the CLI here (the dialog is tested above).
  const first = JSON.parse(cli(an, ['batch', 'export', '--out', `${outbox}/`, '--to', headRecipient, '--json'])).path as string;
  cli(host.dataDir, ['hq', 'trust', first]);
  cli(host.dataDir, ['batch', 'import', first]);

  const anHost = await startHost(an);
  try {
    const anPage = await browser.newPage();
    await anPage.goto(anHost.openUrl);
    // Both change the title without seeing each other's change.
    await retitle(anPage, 'Hội chợ Foodex', 'Hội chợ Foodex Japan 2026');
    await page.reload();
    await retitle(page, 'Hội chợ Foodex', 'Foodex 2026 tại Chiba');

    const second = JSON.parse(cli(an, ['batch', 'export', '--out', `${outbox}/`, '--to', headRecipient, '--json'])).path as string;
    await openExchange(page);
    // The file is dragged from the mail client onto the page.
    const dropped = await page.evaluateHandle(
      ({ base64, name }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
        return transfer;
      },
      { base64: fs.readFileSync(second).toString('base64'), name: path.basename(second) },
    );
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByText('Đây là kết quả xem trước')).toBeVisible();
    await expect(page.getByTestId('import-table').locator('td.has-conflicts')).toHaveText('1');
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(page.getByText('Đã nhập xong.')).toBeVisible();

    const conflicts = page.getByTestId('conflicts');
    await expect(conflicts).toContainText('Tên hoạt động');
    await expect(conflicts.locator('.conflict-winner')).toContainText(/Foodex/);
    await expect(conflicts.locator('.conflict-other')).toContainText(/Foodex/);
    await shot(page, '07-conflict');
    // The head keeps the value that lost the last-writer-wins comparison.
    const other = (await conflicts.locator('.conflict-other .conflict-value').textContent())!.trim();
    await conflicts.getByRole('button', { name: 'Dùng giá trị này' }).click();
    await expect(conflicts).toContainText('Không có xung đột nào.');
    await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động' }).click();
    await expect(page.getByRole('row').filter({ hasText: other })).toHaveCount(1);

    // Settings show this computer's fingerprint, to read out to HQ.
    await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt' }).click();
    await expect(page.getByTestId('own-fingerprint')).toHaveText(identity(host.dataDir).fingerprint);
    await shot(page, '08-settings');
  } finally {
    anHost.process.kill('SIGTERM');
  }
});
