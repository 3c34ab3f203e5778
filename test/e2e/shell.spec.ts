/** The shell (issue 14): one dialog that keeps the keyboard inside, and an address that keeps the page. */
import { expect, screenshot, setUpMission, test } from './fixtures';

test('a dialog keeps the keyboard inside and gives the focus back', async ({ page }) => {
  await setUpMission(page, 'staff');
  const opener = page.getByRole('button', { name: /Hoạt động mới/ });
  await opener.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Ghi nhận hoạt động' });
  await expect(form.getByLabel('Tên hoạt động')).toBeFocused();

  // Tab and Shift+Tab never leave the dialog (the page behind is inert).
  const focusInside = () => page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')));
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside()).toBe(true);
  }
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    expect(await focusInside()).toBe(true);
  }
  await screenshot(page, 'dialog-01-form');

  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(opener).toBeFocused();

  // Ctrl+K's search box: the same dialog.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Tìm kiếm' });
  await expect(search.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
});

test('back, forward and reload keep the page and its filter', async ({ page }) => {
  await setUpMission(page, 'staff');
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  const kind = page.getByRole('combobox', { name: 'Loại', exact: true });
  await kind.selectOption('trade-promotion');
  await expect(page).toHaveURL(/#\/activities\?filter=/);

  await page.getByRole('navigation').getByRole('button', { name: 'Đối tác' }).click();
  await expect(page.getByRole('heading', { name: 'Đối tác' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await expect(kind).toHaveValue('trade-promotion');
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Đối tác' })).toBeVisible();
  await page.goBack();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hoạt động ngoại giao kinh tế' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Loại', exact: true })).toHaveValue('trade-promotion');
  await screenshot(page, 'shell-01-reloaded-with-filter');
});
