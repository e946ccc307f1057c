import { test, expect } from '@playwright/test';

// The page speaks the browser's language; the course's audience reads Chinese.
test.use({ locale: 'zh-CN' });

test('the first page introduces the sandbox', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('沙盒');
});

test('an English browser gets the English page', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LLM API error-handling sandbox');
  await context.close();
});
