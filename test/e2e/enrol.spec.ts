/**
 * Enrolling a staff computer with an invitation: the head writes it on the Exchange page, the
 * staff computer is set up from the file (only the name typed, the head's fingerprint shown), and
 * the head imports its first batch without being asked to trust it.
 */
import path from 'node:path';
import { MISSION, MISSION_INIT, PASSPHRASE, cli, expect, newDataDir, screenshot, startHost, test, type Host, typeInto } from './fixtures';

const missionArgs = [...MISSION_INIT];
test.use({ prepare: [['init', ...missionArgs, '--user', MISSION.userName, '--role', 'head']] });

test('the head invites, the staff computer joins from the file, and its first batch is trusted', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const files = newDataDir();
  let staffHost: Host | null = null;
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Trao đổi dữ liệu' }).click();
    const headFingerprint = (await page.getByTestId('own-fingerprint').textContent())!.trim();
    const card = page.locator('.exchange-invite');
    await expect(card.getByRole('heading', { name: 'Mời máy của cán bộ' })).toBeVisible();
    await typeInto(card.getByLabel('Họ tên người được mời'), 'Trần Văn An');
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Tạo thư mời' }).click();
    const invitation = path.join(files, (await download).suggestedFilename());
    await (await download).saveAs(invitation);
    expect(path.basename(invitation)).toMatch(/^DSQ-JP-thu-moi-\d{8}-.{6}\.cninvite\.json$/);
    await expect(card.getByTestId('invitation-written')).toContainText('Đã tạo thư mời cho Trần Văn An');
    await expect(card.getByRole('cell', { name: 'Trần Văn An' })).toBeVisible();
    await card.getByText('Các bước').click();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'enrol-invitation-card');

    // A new computer: its passphrase, then "join with an invitation" instead of the mission form.
    staffHost = await startHost(newDataDir());
    const staff = await browser.newPage();
    await staff.goto(staffHost.openUrl);
    await staff.getByLabel(/^Mật khẩu/).pressSequentially(PASSPHRASE, { delay: 5 });
    await staff.getByLabel(/^Nhập lại mật khẩu/).pressSequentially(PASSPHRASE, { delay: 5 });
    await staff.getByRole('button', { name: 'Đặt mật khẩu và tiếp tục' }).click();
    await expect(staff.getByRole('heading', { name: 'Thiết lập Cầu Nối' })).toBeVisible();
    await screenshot(staff, 'enrol-setup-choice');
    await staff.getByRole('button', { name: 'Tham gia bằng thư mời' }).click();
    await expect(staff.getByRole('heading', { name: 'Tham gia bằng thư mời' })).toBeVisible();
    await staff.getByTestId('invitation-file').setInputFiles(invitation);
    const preview = staff.getByTestId('invitation-preview');
    await expect(preview).toContainText(`${MISSION.nameVi} (${MISSION.code})`);
    await expect(preview).toContainText('Trần Văn An');
    await expect(staff.getByTestId('head-fingerprint')).toHaveText(headFingerprint);
    // Nothing of the mission is typed; the name is.
    await expect(staff.getByLabel('Mã cơ quan')).toHaveCount(0);
    await staff.getByRole('button', { name: 'Tham gia', exact: true }).click();
    await expect(staff.getByLabel('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
    await typeInto(staff.getByLabel('Họ và tên'), 'Trần Văn An');
    await screenshot(staff, 'enrol-setup-join');
    await staff.getByRole('button', { name: 'Tham gia', exact: true }).click();
    await expect(staff.getByRole('navigation')).toBeVisible();

    // Its only receiver is the head, saved from the invitation.
    await staff.getByRole('navigation').getByRole('button', { name: 'Trao đổi dữ liệu' }).click();
    await expect(staff.locator('.receivers li')).toHaveCount(1);
    await expect(staff.locator('.receivers li')).toContainText('Trưởng Cơ quan đại diện');
    await screenshot(staff, 'enrol-staff-exchange');
    // A staff computer revokes nothing: the head's computer is listed without the action, and the card says why.
    const devices = staff.getByTestId('devices-card');
    await expect(devices.getByTestId('revoke-rule')).toHaveText('Chỉ Trưởng Cơ quan đại diện hoặc Bộ mới thu hồi hay thay máy được.');
    await expect(devices.getByRole('button', { name: 'Thu hồi' })).toHaveCount(0);
    await devices.screenshot({ path: 'test-results/screens/enrol-staff-devices-card.png' });
    staffHost.process.kill('SIGTERM');
    await new Promise((resolve) => staffHost!.process.once('exit', resolve));
    const batch = JSON.parse(cli(staffHost.dataDir, ['batch', 'export', '--out', `${files}/`, '--json'], { CAU_NOI_PASSPHRASE: PASSPHRASE })) as {
      path: string;
    };
    staffHost = null;

    // The head imports it: no trust dialog, applied.
    await page.getByTestId('batch-files').setInputFiles([batch.path]);
    await expect(page.getByText('Đây là kết quả xem trước')).toBeVisible();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(page.getByText('Đã nhập xong.')).toBeVisible();
    await expect(page.locator('.exchange-invite').getByText(/^Đã dùng ngày/)).toBeVisible();
  } finally {
    staffHost?.process.kill('SIGTERM');
  }
});
