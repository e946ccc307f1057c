import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });

const CHARTS = ['chart-retry-delay', 'chart-breaker', 'chart-rates', 'chart-sources'];

/** The element lies wholly inside the 1920×1080 viewport (no scrolling needed to see it). */
async function expectInViewport(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, what).toBeGreaterThanOrEqual(0);
  expect(box!.y, what).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, what).toBeLessThanOrEqual(1920);
  expect(box!.y + box!.height, what).toBeLessThanOrEqual(1080);
}

test.describe('presenter view', () => {
  test('at 1920×1080 the four charts, the caption, the scenario and the run controls fit without scrolling; a shortcut starts a script', async ({ dashboard, page }) => {
    await page.goto('/?view=present');
    await expect(dashboard.connection).toHaveAttribute('data-status', 'live');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    for (const id of CHARTS) await expectInViewport(page.getByTestId(id), id);
    await expectInViewport(dashboard.caption, 'caption');
    await expectInViewport(dashboard.breakerStatus, 'breaker state');
    await expectInViewport(page.getByRole('combobox', { name: '场景' }), 'scenario');
    await expectInViewport(dashboard.scriptPicker, 'script');
    await expectInViewport(dashboard.burstButton, 'burst');
    await expectInViewport(dashboard.speedPicker, 'speed');

    // Projector sizes: body text ≥ 20 px, chart labels ≥ 16 px.
    const px = (l: Locator) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px(page.getByRole('combobox', { name: '场景' }))).toBeGreaterThanOrEqual(20);
    expect(await px(page.getByRole('radiogroup', { name: '沙盒速度' }).locator('label').first())).toBeGreaterThanOrEqual(20);
    expect(await px(dashboard.caption)).toBeGreaterThanOrEqual(20);
    const tickSizes = await page.getByTestId('chart-breaker').locator('svg text').evaluateAll((els) => els.map((el) => parseFloat(el.getAttribute('font-size') ?? getComputedStyle(el).fontSize)));
    expect(tickSizes.length).toBeGreaterThan(3);
    for (const size of tickSizes) expect(size).toBeGreaterThanOrEqual(16);

    // Alt+P plays the selected script (outage then recovery) from sandbox time 0.
    await dashboard.setSpeed(10);
    const started = page.waitForResponse((r) => r.url().endsWith('/api/session/script') && r.request().method() === 'POST');
    await page.locator('body').click({ position: { x: 960, y: 5 } });
    await page.keyboard.press('Alt+KeyP');
    expect(JSON.parse((await started).request().postData() ?? '{}')).toMatchObject({ action: 'start', id: 'outage-then-recovery' });
    await expect(dashboard.scriptStatus).toHaveAttribute('data-state', 'playing');
    // The caption narrates in the lesson's words: first the script's step, then the breaker opening.
    await expect(dashboard.caption).toContainText('稳定负载');
    await expect(dashboard.caption).toContainText('熔断器打开', { timeout: 20_000 });
    await page.screenshot({ path: 'test-results/screenshots/presenter-open.png' });
    // Alt+P again pauses it (and its load); Alt+N steps one event; Alt+Shift+R restarts it.
    await page.keyboard.press('Alt+KeyP');
    await expect(dashboard.scriptStatus).toHaveAttribute('data-state', 'paused');
    const before = Number(await dashboard.scriptStatus.evaluate((el) => /(\d+) \/ 4/.exec(el.textContent ?? '')?.[1]));
    await page.keyboard.press('Alt+KeyN');
    await expect(dashboard.scriptStatus).toContainText(`第 ${before + 1} / 4 步`);
    await page.keyboard.press('Alt+Shift+KeyR');
    await expect(dashboard.scriptStatus).toContainText('第 1 / 4 步');
    await expect(dashboard.scriptStatus).toHaveAttribute('data-state', 'playing');
    await expect(dashboard.caption).toContainText('试探成功', { timeout: 30_000 });
    await expect(page.locator('[data-stale="true"]')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/presenter-closed.png' });

    // Dark theme: the same layout, screenshot for the contrast check by eye.
    await dashboard.themeToggle.click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    for (const id of CHARTS) await expectInViewport(page.getByTestId(id), `${id} (dark)`);
    await page.screenshot({ path: 'test-results/screenshots/presenter-dark.png' });
    await dashboard.themeToggle.click();
  });

  test('the toggle and Alt+V switch views, keeping the live state', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    await dashboard.sendMessage('什么是Go？');
    await page.getByRole('button', { name: /演示视图/ }).click();
    await expect(page).toHaveURL(/view=present/);
    await expect(page.getByTestId('chart-breaker')).toBeVisible();
    await expect(dashboard.speedPicker.getByRole('radio', { name: '×60' })).toBeChecked();
    await page.locator('body').click({ position: { x: 960, y: 5 } });
    await page.keyboard.press('Alt+KeyV');
    await expect(page).not.toHaveURL(/view=present/);
    await expect(dashboard.totalStat).toHaveText('1');
    await dashboard.screenshotFullPage('test-results/screenshots/dashboard-1920.png');
  });

  test('every preset is reachable from the keyboard: Alt+. and Alt+, step through all of them', async ({ dashboard, page }) => {
    await page.goto('/?view=present');
    await expect(dashboard.connection).toHaveAttribute('data-status', 'live');
    const scenario = page.getByRole('combobox', { name: '场景' });
    await expect(scenario).toHaveValue('healthy');
    const count = await scenario.locator('option').count();
    await page.locator('body').click({ position: { x: 960, y: 5 } });
    const seen = new Set<string>();
    let previous = 'healthy';
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('Alt+Period');
      await expect(scenario).not.toHaveValue(previous);
      previous = await scenario.inputValue();
      seen.add(previous);
    }
    expect(seen.size).toBe(count);
    await expect(scenario).toHaveValue('healthy'); // all the way round
    await page.keyboard.press('Alt+Comma');
    await expect(scenario).toHaveValue((await scenario.locator('option').last().getAttribute('value'))!);
  });
});
