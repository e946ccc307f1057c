import type { Browser } from '@playwright/test';
import { DashboardPage, expect, test } from './fixtures';

test.use({ locale: 'zh-CN' });

/** A run as a link: the outage script at ×60 with seed 7 and a 20 s breaker (one field off the default policy). */
const LINK = '/?script=outage-then-recovery&seed=7&speed=60&open=20s';

/** Open the link in a fresh browser (no cookie, no storage), let the run finish, and download its CSV. */
async function replay(browser: Browser): Promise<{ csv: string; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const dashboard = new DashboardPage(page);
  await page.goto(LINK);
  await expect(dashboard.scriptStatus).toHaveAttribute('data-script', 'outage-then-recovery');
  // The link's settings were applied: its seed, its speed, its policy field.
  await expect(page.getByRole('spinbutton', { name: '随机种子' })).toHaveValue('7');
  await expect(dashboard.speedPicker.getByRole('radio', { name: '×60' })).toBeChecked();
  await expect(page.getByRole('spinbutton', { name: '熔断时长（秒）' })).toHaveValue('20');
  // …and left the address bar, so a reload keeps what the class did since.
  await expect(page).toHaveURL(/\/$/);
  await dashboard.waitForScriptDone(60_000);
  const { bytes, name } = await dashboard.download(page.getByTestId('export-csv'));
  expect(name).toMatch(/\.csv$/);
  await context.close();
  return { csv: bytes.toString('utf8'), problems };
}

test.describe('replay links', () => {
  test('the link shown is short and readable, and carries the preset, policy, seed and speed', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(10);
    await dashboard.choosePreset('flaky');
    await dashboard.setNumber(/^最大重试次数$/, 4);
    const link = await page.getByTestId('replay-link').textContent();
    expect(new URL(link!).search).toBe('?preset=flaky&seed=42&speed=10&retries=4');
    await dashboard.playScript('lesson-demo');
    await expect(page.getByTestId('replay-link')).toContainText('?script=lesson-demo&seed=42&speed=10&retries=4');
  });

  test('a replay link opened in two fresh browsers gives identical CSV exports', async ({ browser }) => {
    const a = await replay(browser);
    const b = await replay(browser);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    const rows = a.csv.trim().split('\r\n');
    expect(rows[0]).toMatch(/^seq,at_ms,type,request_id,message,source,attempts/);
    expect(rows.filter((r) => r.includes(',breaker,')).length).toBeGreaterThanOrEqual(3);
    expect(b.csv).toBe(a.csv);
  });

  test('a bad link is explained, not silently ignored', async ({ dashboard, page }) => {
    await page.goto('/?script=meteor&speed=7');
    await expect(page.getByTestId('error-banner')).toContainText('script');
    await expect(page.getByTestId('error-banner')).toContainText('speed');
    await expect(dashboard.scriptStatus).toHaveAttribute('data-state', 'none');
  });
});
