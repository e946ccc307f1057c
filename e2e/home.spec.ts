import { test, expect } from '@playwright/test';

test('the first page introduces the sandbox', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('沙盒');
});
