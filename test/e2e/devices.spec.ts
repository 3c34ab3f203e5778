/**
 * Devices over time at HQ: a mission's first batch leaves its head's computer waiting; HQ trusts
 * it from the devices list after comparing the fingerprint, imports, then revokes it (a lost
 * laptop) with a reason typed in the dialog; the mission's next batch is refused, the reason shown;
 * HQ changes its key with the button. At a mission: HQ's acknowledgement goes in through the
 * import card, and the head writes the hand-over file with the button.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { HEAD_INIT, MISSION, cli, expect, newDataDir, test, typeInto } from './fixtures';
import { MINISTRY_INIT } from '../support/ministry';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/devices-${name}.png`, fullPage: true });
/** The devices card itself (below the fold of a full-page shot). */
const cardShot = (page: Page, name: string) => page.getByTestId('devices-card').screenshot({ path: `test-results/screens/devices-${name}-card.png` });

const hqArgs = ['init', ...MINISTRY_INIT, '--user', 'Phạm Quốc Việt'];
const missionArgs = HEAD_INIT;

const identity = (dir: string) => JSON.parse(cli(dir, ['hq', 'keygen', '--json'])) as { recipient: string; fingerprint: string };

function addActivity(dir: string, title: string): void {
  const file = path.join(dir, `${title.length}.json`);
  fs.writeFileSync(file, JSON.stringify({ title, kind: 'trade-promotion', startDate: '2026-07-15', provinces: ['hue'] }));
  cli(dir, ['activity', 'add', '--json', file]);
}

async function choose(page: Page, file: string) {
  await page.getByTestId('batch-files').setInputFiles(file);
  await expect(page.getByText('Đây là kết quả xem trước')).toBeVisible({ timeout: 30_000 });
}

test.describe('at HQ', () => {
  test.use({ prepare: [hqArgs] });

  test('HQ trusts a waiting device from the list, imports, revokes it; the next batch is refused with the reason; HQ changes its key', async ({
    page,
    host,
  }) => {
    test.setTimeout(240_000);
    const head = newDataDir();
    cli(head, missionArgs);
    addActivity(head, 'Tuần hàng Việt Nam tại Osaka');
    const outbox = newDataDir();
    const hq = identity(host.dataDir);
    const first = JSON.parse(cli(head, ['batch', 'export', '--out', `${outbox}/`, '--to', hq.recipient, '--json'])).path as string;
    const headFingerprint = identity(head).fingerprint;

    await page.getByRole('navigation').getByRole('button', { name: 'Trao đổi dữ liệu' }).click();
    // The first batch: an unknown sender. Not trusted yet (the fingerprint will be compared by phone).
    await choose(page, first);
    await page.getByRole('alertdialog', { name: 'Thiết bị chưa được tin cậy' }).getByRole('button', { name: 'Hủy' }).click();
    await expect(page.getByTestId('import-table')).toContainText('thiết bị chưa được tin cậy');
    const mission = page.getByTestId(`hq-mission-${MISSION.code}`);
    await expect(mission).toContainText('1 thiết bị chờ tin cậy');
    const devices = page.getByTestId('devices-card');
    const row = devices.getByRole('row').filter({ hasText: headFingerprint });
    await expect(row).toContainText('Chờ tin cậy');
    await shot(page, '01-waiting');
    await cardShot(page, '01-waiting');

    // Trusted from the waiting list, after comparing the fingerprint read out by the head.
    await row.getByRole('button', { name: 'Tin cậy', exact: true }).click();
    const trust = page.getByRole('alertdialog', { name: 'Thiết bị chưa được tin cậy' });
    await expect(trust.getByTestId('trust-fingerprint')).toHaveText(headFingerprint);
    await shot(page, '02-trust-from-list');
    await trust.getByRole('button', { name: /tin cậy thiết bị này/ }).click();
    await expect(row).toContainText('Tin cậy ngày');
    await expect(row).toContainText('Phạm Quốc Việt');

    // The same file again: now it is imported.
    await page.getByRole('button', { name: 'Bỏ chọn' }).click();
    await choose(page, first);
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expect(page.getByText('Đã nhập xong.')).toBeVisible();
    await expect(page.getByTestId('import-table').getByText('Đã nhập', { exact: true })).toHaveCount(1);
    await expect(mission).toContainText('Lô 1');
    await shot(page, '03-imported');

    // The head's laptop is lost: HQ revokes it. The reason is required.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const revoke = page.getByRole('dialog', { name: 'Thu hồi thiết bị' });
    await expect(revoke).toContainText(headFingerprint);
    await revoke.getByRole('button', { name: 'Thu hồi' }).click();
    await expect(revoke.getByLabel('Lý do thu hồi')).toHaveAttribute('aria-invalid', 'true');
    await expect(revoke).toContainText('Cần nhập thông tin này.');
    await shot(page, '04-reason-required');
    await typeInto(revoke.getByLabel('Lý do thu hồi'), 'Máy bị mất cắp tại sân bay');
    await revoke.getByRole('button', { name: 'Thu hồi' }).click();
    const question = page.getByRole('alertdialog', { name: /Thu hồi thiết bị .* của DSQ-JP\?/ });
    await expect(question).toContainText('không thể hoàn tác');
    await shot(page, '05-confirm');
    await question.getByRole('button', { name: 'Thu hồi' }).click();
    await expect(revoke).toBeHidden();
    await expect(row).toContainText('Đã thu hồi ngày');
    await expect(row).toContainText('Lý do: Máy bị mất cắp tại sân bay');
    await expect(row.getByRole('button')).toHaveCount(0);
    await expect(mission).toContainText('1 thiết bị đã thu hồi');
    await shot(page, '06-revoked');
    await cardShot(page, '06-revoked');

    // The laptop (or whoever has it) sends another batch: refused, with the device, reason and date.
    addActivity(head, 'Hội chợ sau khi mất máy');
    const second = JSON.parse(cli(head, ['batch', 'export', '--out', `${outbox}/`, '--to', hq.recipient, '--json'])).path as string;
    await page.getByRole('button', { name: 'Bỏ chọn' }).click();
    await choose(page, second);
    const table = page.getByTestId('import-table');
    await expect(table).toContainText('Bị từ chối');
    // The day shown is the one the devices list shows for the revocation.
    const day = /Đã thu hồi ngày (\d\d\/\d\d\/\d{4})/.exec((await row.textContent())!)![1]!;
    await expect(table).toContainText(`của DSQ-JP đã bị thu hồi ngày ${day} (lý do: Máy bị mất cắp tại sân bay)`);
    await expect(page.getByRole('button', { name: 'Nhập dữ liệu' })).toBeDisabled();
    await shot(page, '07-refused');
    // What each side does when a laptop is lost or replaced.
    await devices.getByText('Mất hoặc thay máy: mỗi bên cần làm gì?').click();
    await expect(devices).toContainText('cau-noi device replace');
    await cardShot(page, '08-guide');
    expect((JSON.parse(cli(host.dataDir, ['activity', 'list', '--json'])) as { rows: { title: string }[] }).rows.map((r) => r.title)).toEqual([
      'Tuần hàng Việt Nam tại Osaka',
    ]);

    // HQ changes its key: asked first, then the new address and the key notice for the missions.
    const rotation = page.getByTestId('key-rotation');
    await rotation.getByRole('button', { name: 'Đổi khóa của Bộ' }).click();
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('gửi tệp thông báo khóa cho mọi Cơ quan đại diện');
    const notice = page.waitForEvent('download');
    await ask.getByRole('button', { name: 'Đổi khóa của Bộ' }).click();
    expect((await notice).suggestedFilename()).toMatch(/^BNG-khoa-moi-\d{8}\.cnkey\.json$/);
    const rotated = rotation.getByTestId('key-rotated');
    await expect(rotated).toContainText('Đã đổi khóa');
    const newRecipient = (await rotated.locator('code').textContent())!.trim();
    expect(newRecipient).not.toBe(hq.recipient);
    await expect(page.getByTestId('own-recipient')).toHaveText(newRecipient);
    await rotation.screenshot({ path: 'test-results/screens/devices-09-key-rotated-card.png' });
  });
});

test.describe('at a mission', () => {
  test.use({ prepare: [missionArgs] });

  test('the head imports HQ’s acknowledgement through the import card, writes the hand-over file and takes over from another head', async ({ page, host }) => {
    test.setTimeout(120_000);
    const hqDir = newDataDir();
    cli(hqDir, hqArgs);
    const hq = identity(hqDir);
    addActivity(host.dataDir, 'Tuần hàng Việt Nam tại Osaka');
    const files = newDataDir();
    const batch = JSON.parse(cli(host.dataDir, ['batch', 'export', '--out', `${files}/`, '--to', hq.recipient, '--label', 'Bộ Ngoại giao', '--json']))
      .path as string;
    cli(hqDir, ['hq', 'trust', batch]);
    cli(hqDir, ['batch', 'import', batch]);
    const ack = path.join(files, 'bng.ack.json');
    cli(hqDir, ['batch', 'ack', '--out', ack]);

    await page.getByRole('navigation').getByRole('button', { name: 'Trao đổi dữ liệu' }).click();
    const outboxState = page.getByTestId('outbox-state');
    await expect(outboxState).toContainText('đã xác nhận: 0 · chờ xác nhận: 1');
    await page.getByTestId('batch-files').setInputFiles(ack);
    const acks = page.getByTestId('ack-results');
    await expect(acks).toContainText('bng.ack.json: đã xác nhận lô số 1.');
    await expect(acks).toContainText('Giữ 1 bản trong hộp thư đi đến lần sao lưu sau');
    // The Send card reads its outbox again: nothing waits any more.
    await expect(outboxState).toContainText('đã xác nhận: 1 · chờ xác nhận: 0');
    await page.locator('.exchange-import').screenshot({ path: 'test-results/screens/devices-10-ack-imported-card.png' });
    await page.locator('.exchange-send').screenshot({ path: 'test-results/screens/devices-11-send-acknowledged-card.png' });

    // The head's role handed over: asked first, the file downloaded, the fingerprint to read out.
    const handover = page.getByTestId('handover-card');
    await handover.getByRole('button', { name: 'Bàn giao vai trò Trưởng Cơ quan đại diện' }).click();
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('Trao tệp tận tay Trưởng Cơ quan đại diện mới');
    const file = page.waitForEvent('download');
    await ask.getByRole('button', { name: 'Bàn giao vai trò Trưởng Cơ quan đại diện' }).click();
    expect((await file).suggestedFilename()).toMatch(/^DSQ-JP-ban-giao-\d{8}\.cnhandover\.json$/);
    await expect(handover.getByTestId('handover-written')).toContainText(identity(host.dataDir).fingerprint);
    // Taking over from an outgoing head's computer not trusted here: its fingerprint is compared first.
    const outgoing = newDataDir();
    cli(
      outgoing,
      missionArgs.map((a) => (a === MISSION.userName ? 'Vũ Hoàng Long' : a)),
    );
    const outgoingFile = path.join(files, 'ban-giao.cnhandover.json');
    cli(outgoing, ['device', 'handover', '--out', outgoingFile]);
    await handover.getByTestId('handover-file').setInputFiles(outgoingFile);
    const compare = page.getByRole('alertdialog');
    await expect(compare).toContainText(identity(outgoing).fingerprint);
    await compare.getByRole('button', { name: 'Dấu vân tay khớp' }).click();
    await expect(handover.getByTestId('handover-accepted')).toContainText(`Đã nhận bàn giao từ máy ${identity(outgoing).fingerprint}`);
    await handover.getByText('Các bước').click();
    await handover.screenshot({ path: 'test-results/screens/devices-12-handover-card.png' });
    await shot(page, '13-mission-exchange');
  });
});
