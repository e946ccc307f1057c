import { expect, test } from './fixtures';

// A Chinese browser: the course's audience. The language test switches to English.
test.use({ locale: 'zh-CN' });

test.describe('dashboard', () => {
  test('student path: a server error opens the breaker, fallbacks answer, recovery closes it', async ({ dashboard, page }) => {
    await dashboard.goto();
    await expect(dashboard.heading).toContainText('沙盒');
    await dashboard.expectBreaker('CLOSED');

    await dashboard.setSpeed(60);
    // Keep the breaker open for 300 s of sandbox time (5 s at ×60), long enough to look at it.
    await dashboard.setNumber(/熔断时长/, 300);
    await dashboard.choosePreset('server-error');
    await dashboard.sendBurst(10);
    await dashboard.waitForRunDone();

    // Three failed requests in a row open the default breaker; the local model (layer 3) answers instead.
    await dashboard.expectBreaker('OPEN');
    await expect(dashboard.breakerStatus).toContainText('熔断器 OPEN（开路）');
    await expect(dashboard.totalStat).toHaveText('10');
    await expect(dashboard.stat(/^失败$/)).toHaveText('10');
    await expect(dashboard.stat(/^成功（API）$/)).toHaveText('0');
    await expect(dashboard.requestList.getByRole('button', { name: /本地模型|预设回复/ })).toHaveCount(10);
    await expect(page.getByTestId('breaker-transitions')).toContainText('OPEN');
    await dashboard.screenshotFullPage('test-results/screenshots/dashboard-open.png');

    // The upstream recovers; after the open timeout (300 s of sandbox time, 5 s at ×60) a probe is let through.
    await dashboard.choosePreset('healthy');
    await dashboard.expectBreaker('HALF_OPEN', 20_000);
    const probe = await dashboard.sendMessage('什么是Java？');
    expect(probe.source).toBe('api');
    await dashboard.expectBreaker('CLOSED');
    await expect(page.getByTestId('breaker-transitions')).toContainText('HALF_OPEN');
    await dashboard.screenshotFullPage('test-results/screenshots/dashboard-closed.png');
  });

  test('rate-limited: the retry waits exactly the Retry-After of 2 s', async ({ dashboard }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    await dashboard.choosePreset('rate-limited');
    const answer = await dashboard.sendMessage('什么是Python？');

    // The inspector opens on the request just sent.
    await expect(dashboard.waterfall).toContainText(`#${answer.request.id}`);
    const retries = dashboard.waterfall.locator('[data-step=retry]');
    await expect(retries).toHaveCount(2);
    for (const retry of await retries.all()) {
      await expect(retry).toContainText('Retry-After');
      await expect(retry).toContainText('等待 2 s 后重试');
    }
    await expect(dashboard.waterfall).toContainText('RateLimitError 429');
  });

  test('language switch: English on click, remembered by the cookie, Chinese back', async ({ dashboard, page }) => {
    await dashboard.goto();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(dashboard.breakerStatus).toContainText('熔断器 CLOSED（闭合）');

    await dashboard.languageSwitch.click();
    await expect(dashboard.heading).toHaveText('LLM API error-handling sandbox');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(dashboard.breakerStatus).toContainText('Breaker CLOSED');

    // The server renders English straight away on the next load (no flash of Chinese).
    const html = await (await page.request.get('/')).text();
    expect(html).toContain('LLM API error-handling sandbox');
    await page.reload();
    await expect(dashboard.heading).toHaveText('LLM API error-handling sandbox');

    await dashboard.languageSwitch.click();
    await expect(dashboard.heading).toContainText('沙盒');
  });

  test('keyboard: presets and buttons are reachable with Tab, Alt+digit picks a preset', async ({ dashboard, page }) => {
    await dashboard.goto();
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          if (el instanceof HTMLInputElement && el.type === 'radio') return `radio:${el.name}`;
          return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
        }),
      );
    }
    const all = [...reached];
    expect(all).toContain('radio:scenario-preset');
    expect(all).toContain('radio:sandbox-speed');
    expect(all.some((d) => d.startsWith('button:') && d.includes('突发'))).toBe(true);
    expect(all).toContain('button:发送');
    expect(all.some((d) => d.includes('重置沙盒'))).toBe(true);

    // Instructor shortcut: Alt+7 is the seventh preset (server-error), outside any text field.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const put = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'PUT');
    await page.keyboard.press('Alt+Digit7');
    await put;
    await expect(dashboard.presetPicker.locator('input[value="server-error"]')).toBeChecked();

    // …but not while typing in a field: no preset change is sent (the speed change after it is).
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/session') && r.method() === 'PUT') puts.push(r.postData() ?? '');
    });
    await dashboard.messageInput.focus();
    await page.keyboard.press('Alt+Digit1');
    await dashboard.setSpeed(10);
    expect(puts).toEqual([JSON.stringify({ speed: 10 })]);
    await expect(dashboard.presetPicker.locator('input[value="server-error"]')).toBeChecked();
  });
});

test.describe('dashboard under load', () => {
  // The configured laptop-sized viewport (1440×900): the charts in and near the viewport redraw live;
  // the ones scrolled far away wait until they are seen (see components/charts/staggered-view.tsx).
  // Behaviour only: how fast the clicks are is measured by `npm run bench` (bench/browser.bench.ts),
  // since a wall-clock limit here would fail on a busy machine.
  test('a 1,000-request burst is fully drawn and clicks take effect while it runs', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    await dashboard.choosePreset('flaky');
    // Without the cache every request reaches the (flaky) upstream: ~1 000 requests, retries and events.
    await dashboard.setChecked(/^(启用缓存|Cache on)$/, false);
    await dashboard.sendBurst(1000);

    // While the burst's events pour in, the theme toggle still works, both ways.
    await expect(dashboard.runStatus).toHaveAttribute('data-state', 'running');
    const html = page.locator('html');
    await expect(dashboard.themeToggle).toHaveAttribute('aria-pressed', 'false');
    await expect(html).not.toHaveClass(/\bdark\b/);
    await dashboard.themeToggle.click();
    await expect(dashboard.themeToggle).toHaveAttribute('aria-pressed', 'true');
    await expect(html).toHaveClass(/\bdark\b/);
    await dashboard.themeToggle.click();
    await expect(dashboard.themeToggle).toHaveAttribute('aria-pressed', 'false');
    await expect(html).not.toHaveClass(/\bdark\b/);

    await dashboard.waitForRunDone(60_000);
    await expect(dashboard.totalStat).toHaveText('1,000', { timeout: 30_000 });
    await expect(page.getByText('最近的请求（共保存 1000 条）')).toBeVisible();
    // Charts that were scrolled away catch up when they come into view.
    await page.getByTestId('chart-attempts').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('chart-attempts').locator('xpath=..')).not.toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('chart-sources').locator('.recharts-area')).toHaveCount(5);
    await expect(page.getByTestId('chart-attempts').locator('.recharts-bar-rectangle').first()).toBeVisible();

    // And the heaviest click: switching the language re-renders every label and chart.
    await dashboard.languageSwitch.click();
    await expect(dashboard.heading).toHaveText('LLM API error-handling sandbox');
    await expect(page.getByText('Latest requests (1000 kept)')).toBeVisible();
  });
});
