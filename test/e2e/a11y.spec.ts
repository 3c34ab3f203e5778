/**
 * Accessibility (issue 14): axe-core on every screen, a mission with demo data, a new mission and
 * HQ, in WCAG 2.2 AA terms. A serious or critical finding fails the test and is printed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, setUpMission, test } from './fixtures';
import { MINISTRY_INIT } from '../support/ministry';

// An axe run takes a few seconds per screen.
test.describe.configure({ timeout: 180_000 });

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Visits every page of the navigation, and the dialogs a person opens most. */
async function everyScreen(page: Page, prefix: string): Promise<string[]> {
  const found: string[] = [];
  const items = page.getByRole('navigation').getByRole('listitem');
  const count = await items.count();
  for (let i = 0; i < count; i += 1) {
    const button = items.nth(i).getByRole('button');
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    found.push(...(await seriousViolations(page, `${prefix} ${(await button.textContent())!.trim()}`)));
  }
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Tìm kiếm' })).toBeVisible();
  found.push(...(await seriousViolations(page, `${prefix} search`)));
  await page.keyboard.press('Escape');
  return found;
}

test.describe('a mission with demo data', () => {
  test.use({ prepare: [['demo', '--activities', '300', '--today', '2026-11-20']] });
  test('no serious accessibility finding on any screen', async ({ page }) => {
    await expect(page.getByRole('navigation')).toBeVisible();
    const found = await everyScreen(page, 'demo');
    await page.getByRole('navigation').getByRole('button', { name: 'Hoạt động', exact: true }).click();
    await page.locator('.table-body [role=row]').first().click();
    await expect(page.getByRole('dialog', { name: 'Sửa hoạt động' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'demo activity form')));
    await screenshot(page, 'a11y-01-activity-form');
    expect(found).toEqual([]);
  });
});

test('no serious accessibility finding for a new mission, its first-start screens included', async ({ page }) => {
  const found = await seriousViolations(page, 'passphrase');
  await setUpMission(page, 'head');
  found.push(...(await everyScreen(page, 'new')));
  expect(found).toEqual([]);
});

test.describe('HQ', () => {
  test.use({
    prepare: [['init', ...MINISTRY_INIT, '--user', 'Phạm Quốc Việt']],
  });
  test('no serious accessibility finding at HQ', async ({ page }) => {
    await expect(page.getByRole('navigation')).toBeVisible();
    expect(await everyScreen(page, 'hq')).toEqual([]);
  });
});
