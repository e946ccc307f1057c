import type { Browser, Locator, Page } from '@playwright/test';
import { DashboardPage, expect, test } from './fixtures';

test.use({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });

/** A student's own browser (its own cookie, so its own session), failing the test on any console error. */
async function studentPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`student: ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`student: pageerror: ${e.message}`));
  return page;
}

/** The numbers of the room view, read by their labels. */
const tile = (page: Page, label: RegExp): Locator => page.getByRole('group', { name: label }).getByTestId(/^room-/);

test.describe('the classroom room', () => {
  test('an instructor page and two student pages: the instructor starts an incident and the students’ breakers open', async ({ page, browser, consoleProblems }) => {
    // The instructor finds the form on the dashboard (and /room leads there too), then opens a room at ×10 with four simulated students.
    await page.goto('/room');
    await expect(page).toHaveURL(/\/room\/new$/);
    await page.goto('/');
    await page.getByRole('link', { name: '讲师？开一个房间 →' }).click();
    await expect(page).toHaveURL(/\/room\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('开一个课堂房间');
    await expect(page.getByRole('radiogroup', { name: '房间速度' }).getByRole('radio', { name: '×10' })).toBeChecked();
    const simulated = page.getByRole('spinbutton', { name: /模拟学生/ });
    await simulated.fill('4');
    await simulated.press('Enter');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/rooms') && r.request().method() === 'POST');
    await page.getByTestId('create-room').click();
    expect((await created).status()).toBe(201);
    const code = (await page.getByTestId('new-room-code').innerText()).trim();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    await expect(page.getByTestId('new-room-student-link')).toContainText(`/?room=${code}`);
    // The instructor link is masked on a page that may be projected, and the token leaves the address bar once used.
    await expect(page.getByTestId('new-room-instructor-link')).toContainText('#token=••••');
    await page.getByTestId('open-room-view').click();
    await expect(page.getByTestId('room-code')).toHaveText(code);
    await expect(page).toHaveURL(new RegExp(`/room/${code}$`));
    await expect(tile(page, /^学生$/)).toHaveText('0');
    await expect(tile(page, /^模拟学生$/)).toHaveText('4');

    // Two students follow the projected link; each lands in the room with its own number.
    const students = [await studentPage(browser, consoleProblems), await studentPage(browser, consoleProblems)];
    for (const [i, s] of students.entries()) {
      const joined = s.waitForResponse((r) => r.url().includes(`/api/rooms/${code}/join`));
      await s.goto(`/?room=${code}`);
      expect((await joined).status()).toBe(200);
      await expect(s.getByTestId('room-membership')).toHaveText(`你在房间 ${code} 里 · 投影上你是 ${i + 1} 号`);
      await expect(s).not.toHaveURL(/room=/);
      await expect(new DashboardPage(s).connection).toHaveAttribute('data-status', 'live');
    }
    await expect(tile(page, /^学生$/)).toHaveText('2');

    // The instructor plays "outage then recovery" for the whole room.
    await page.getByRole('combobox', { name: /故障剧本/ }).selectOption('outage-then-recovery');
    const started = page.waitForResponse((r) => r.url().endsWith(`/api/rooms/${code}/incident`));
    await page.getByTestId('room-start').click();
    expect((await started).status()).toBe(200);
    await expect(page.getByTestId('room-incident')).toHaveAttribute('data-state', 'playing');

    // Each student's own dashboard: the room's caption, and its breaker opens in the outage.
    for (const s of students) {
      const dashboard = new DashboardPage(s);
      await expect(dashboard.scriptStatus).toHaveAttribute('data-script', 'outage-then-recovery');
      await dashboard.expectBreaker('OPEN', 30_000);
    }
    // The projector shows it too: open breakers among the dots, calls on the chart.
    await expect(page.locator('[data-testid=room-dots] [data-kind=student][data-breaker=open]').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('room-chart')).toBeVisible();
    await expect(page.getByTestId('room-chart-summary')).toContainText('峰值');
    await page.screenshot({ path: 'test-results/screenshots/room-outage.png' });

    // Projector-readable: chart labels ≥ 16 px, the big numbers ≥ 40 px.
    const sizes = await page.getByTestId('room-chart').locator('svg text').evaluateAll((els) => els.map((el) => parseFloat(el.getAttribute('font-size') ?? getComputedStyle(el).fontSize)));
    expect(sizes.length).toBeGreaterThan(3);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(16);
    expect(await tile(page, /^学生$/).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);

    // Pushing "no jitter" reaches the students' own policy panel.
    const pushed = page.waitForResponse((r) => r.url().endsWith(`/api/rooms/${code}/policy`));
    await page.getByRole('radiogroup', { name: '推送给全班的策略' }).getByRole('radio', { name: /^无抖动/ }).check();
    expect((await pushed).status()).toBe(200);
    await expect(students[0]!.getByTestId('room-join')).toContainText('策略由讲师设定：无抖动');

    // A student leaves: their own settings come back, and the room counts one student.
    await students[1]!.getByRole('button', { name: '离开房间' }).click();
    await expect(students[1]!.getByTestId('room-join')).toHaveAttribute('data-room', '');
    await expect(tile(page, /^学生$/)).toHaveText('1');
    for (const s of students) await s.context().close();
  });

  test('the room view without its token asks for it, and a wrong code is a 404 page', async ({ page }) => {
    const res = await page.request.post('/api/rooms', { data: {} });
    expect(res.status()).toBe(201);
    const { code } = (await res.json()) as { code: string };
    await page.goto(`/room/${code}`);
    await expect(page.getByText('这个页面是讲师视图，需要讲师令牌')).toBeVisible();
    await page.getByRole('textbox', { name: '讲师令牌' }).fill('not-the-token');
    await page.getByRole('button', { name: '使用这个令牌' }).click();
    await expect(page.getByTestId('room-problem')).toContainText('讲师令牌不对');
    expect((await page.goto('/room/not-a-code'))?.status()).toBe(404);
  });
});
