import { expect, test, type Page } from '@playwright/test';

/** Collect console errors and uncaught exceptions for the whole test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Resolve with the ms (page clock) until the comparison summary's text differs
 * from `before`: set up before the input, so it measures input → new numbers on
 * screen (debounce + worker round trip + render).
 */
function timeSummaryChange(page: Page, before: string): Promise<number> {
  return page.evaluate((previous) => {
    return new Promise<number>((resolve) => {
      const start = performance.now();
      const section = document.querySelector('[data-testid="jitter-compare"]')!;
      const read = () => document.querySelector('[data-testid="jitter-compare-summary"]')?.textContent ?? '';
      const observer = new MutationObserver(() => {
        if (read() !== previous) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(section, { subtree: true, childList: true, characterData: true });
    });
  }, before);
}

test('the jitter lab recomputes its charts when the clients slider moves', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/jitter');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const summary = page.getByTestId('jitter-compare-summary');
  await expect(summary).toContainText(/\d+.*\d+/); // "calls: 797 vs 1 824 …" once the worker has answered
  const before = (await summary.textContent()) ?? '';
  const area = page.getByTestId('jitter-chart-chosen').locator('path.recharts-area-area');
  await expect(area).toHaveCount(1);
  const areaBefore = await area.getAttribute('d');
  await expect(page.getByTestId('jitter-totals-summary')).toContainText(/\d/);

  const slider = page.getByTestId('slider-clients');
  await slider.focus();
  const changed = timeSummaryChange(page, before);
  await slider.press('End'); // 100 → 200 clients, from the keyboard
  await expect(page.getByTestId('slider-clients-value')).toHaveText('200');
  const ms = await changed;
  testInfo.annotations.push({ type: 'recompute-ms', description: ms.toFixed(0) });
  console.log(`jitter lab: slider → new summary in ${ms.toFixed(0)} ms (100 ms debounce included)`);

  await expect(summary).not.toHaveText(before);
  await expect.poll(() => area.getAttribute('d')).not.toBe(areaBefore);
  await expect(page.getByTestId('jitter-totals')).toContainText('200');
  // The sweep fills in after the main result, point by point; its summary follows the slider.
  await expect(page.getByTestId('jitter-sweep-calls-summary')).toContainText('200', { timeout: 30_000 });
  await expect(page.getByTestId('jitter-sweep-calls').locator('path.recharts-line-curve').first()).toBeVisible();

  await page.screenshot({ path: 'test-results/screenshots/jitter.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the budget button switches to the API model and the table shows give-ups', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/jitter');
  const totals = page.getByTestId('jitter-totals-summary');
  await expect(totals).toContainText(/\d/);
  const before = (await totals.textContent()) ?? '';
  await page.getByTestId('try-budget').click();
  await expect(totals).not.toHaveText(before);
  // The API model adds the answered / gave-up columns.
  await expect(page.getByTestId('jitter-totals').getByRole('columnheader')).toHaveCount(6);
  expect(errors).toEqual([]);
});

test('the jitter lab is reachable from the dashboard', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /jitter|抖动/i }).click();
  await expect(page).toHaveURL(/\/jitter$/);
  await expect(page.getByTestId('jitter-compare-summary')).toBeVisible();
});
