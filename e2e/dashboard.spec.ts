import { englishLeftovers, expect, test, type DashboardPage, type ExportedTransition } from './fixtures';

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
    await expect(page.getByText('最近的请求（共保存 1,000 条）')).toBeVisible();
    // Charts that were scrolled away catch up when they come into view.
    await page.getByTestId('chart-attempts').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('chart-attempts').locator('xpath=..')).not.toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('chart-sources').locator('.recharts-area')).toHaveCount(5);
    await expect(page.getByTestId('chart-attempts').locator('.recharts-bar-rectangle').first()).toBeVisible();

    // And the heaviest click: switching the language re-renders every label and chart.
    await dashboard.languageSwitch.click();
    await expect(dashboard.heading).toHaveText('LLM API error-handling sandbox');
    await expect(page.getByText('Latest requests (1,000 kept)')).toBeVisible();
  });
});

test.describe('pausing sandbox time', () => {
  test('the pause button (and Alt+T) stops sandbox time and resumes it', async ({ dashboard, page }) => {
    await dashboard.goto();
    const pause = page.getByRole('button', { name: '暂停时间' });
    await pause.click();
    await expect(page.getByRole('button', { name: '继续时间' })).toHaveAttribute('aria-pressed', 'true');
    const frozen = ((await (await page.request.get('/api/session')).json()) as { paused: boolean; now: number });
    expect(frozen.paused).toBe(true);
    await expect.poll(async () => ((await (await page.request.get('/api/session')).json()) as { now: number }).now).toBe(frozen.now);
    await page.keyboard.press('Alt+KeyT');
    await expect(page.getByRole('button', { name: '暂停时间' })).toHaveAttribute('aria-pressed', 'false');
    expect(((await (await page.request.get('/api/session')).json()) as { paused: boolean }).paused).toBe(false);
  });
});

test.describe('fix first (issue 12)', () => {
  test('the burst button sends the typed count, with distinct messages, and the page says so', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    await expect(page.getByTestId('burst-messages')).toContainText('每个请求的消息都不同');
    // Typed, not committed (no Enter, no blur): the click must still send 25.
    await dashboard.burstCount.fill('25');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/runs') && r.method() === 'POST');
    await dashboard.burstButton.click();
    expect(JSON.parse((await sent).postData() ?? '{}')).toEqual({ kind: 'burst', count: 25 });
    await dashboard.waitForRunDone();
    await expect(dashboard.totalStat).toHaveText('25');
    // Distinct messages: no request was answered by the cache.
    await expect(dashboard.stat(/^缓存命中$/)).toHaveText('0');
    const { events } = await dashboard.exportJson();
    const messages = events.filter((e) => e.type === 'request').map((e) => e.message);
    expect(new Set(messages).size).toBe(25);

    // Asking for repeats sends the lesson's pool along: the cache answers some.
    await page.getByRole('checkbox', { name: /重复使用课程的问题/ }).check();
    await expect(page.getByTestId('burst-messages')).toContainText('重复的问题由缓存回答');
    const again = page.waitForRequest((r) => r.url().endsWith('/api/runs') && r.method() === 'POST');
    await dashboard.burstButton.click();
    expect(JSON.parse((await again).postData() ?? '{}')).toMatchObject({ kind: 'burst', count: 25, messages: expect.arrayContaining(['什么是Python？']) });
    await expect(dashboard.totalStat).toHaveText('50');
    await expect(dashboard.stat(/^缓存命中$/)).not.toHaveText('0');
  });

  test('stats: the lesson’s definitions labelled, beside the true figures, and “–” before any request', async ({ dashboard, page }) => {
    await dashboard.goto();
    await expect(dashboard.stat(/^成功率$/)).toHaveText('–');
    await expect(dashboard.stat(/^应答率$/)).toHaveText('–');
    await expect(dashboard.totalStat).toHaveText('0');
    await expect(page.getByRole('group', { name: /^熔断次数$/ })).toContainText('课程定义：熔断期间被拒绝的请求数');
    await expect(page.getByTestId('stats-why')).toContainText('不是熔断器打开了几次');

    // Every request answered, none by the primary: the lesson's success rate says 0%, the answered rate 100%.
    await dashboard.setSpeed(60);
    await dashboard.setNumber(/熔断时长/, 300);
    await dashboard.choosePreset('server-error');
    await dashboard.sendBurst(10);
    await dashboard.waitForRunDone();
    await expect(dashboard.stat(/^成功率$/)).toHaveText('0.00%');
    await expect(dashboard.stat(/^应答率$/)).toHaveText('100.00%');
    await expect(dashboard.stat(/^熔断器打开次数$/)).toHaveText('1');
    // The lesson's "breaker trips" counts the requests refused while open, not the one opening.
    await expect(dashboard.stat(/^熔断次数$/)).not.toHaveText('1');
  });

  test('language: no English words left on the Chinese pages (dashboard, presenter, 404, meta), none of Chinese on the English ones', async ({ dashboard, page, browser }) => {
    await dashboard.goto();
    await dashboard.sendMessage('什么是Go？');
    expect(await englishLeftovers(page)).toEqual([]);
    await page.goto('/?view=present');
    await expect(dashboard.caption).toBeVisible();
    expect(await englishLeftovers(page)).toEqual([]);
    // The 404 page, in a page of its own: the browser logs the 404 itself as a console error.
    const zh = await browser.newContext({ locale: 'zh-CN' });
    const zhPage = await zh.newPage();
    const missing = await zhPage.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    await expect(zhPage.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面（404）');
    expect(await englishLeftovers(zhPage)).toEqual([]);
    await zh.close();

    // English mode: the lesson's questions in English, and no Chinese in the prose or the meta tags.
    const en = await browser.newContext({ locale: 'en-US' });
    const enPage = await en.newPage();
    await enPage.goto('/');
    await expect(enPage.getByRole('button', { name: 'What is Python?' })).toBeVisible();
    const description = await enPage.locator('meta[name="description"]').getAttribute('content');
    expect(description).not.toMatch(/\p{Script=Han}/u);
    await enPage.goto('/no-such-page');
    await expect(enPage.getByRole('heading', { level: 1 })).toHaveText('Page not found (404)');
    await en.close();
  });

  test('the snippets switch the SDK’s own retries off', async ({ dashboard, page }) => {
    await dashboard.goto();
    await expect(page.getByRole('region', { name: /用你自己的代码连接/ }).locator('pre').first()).toContainText('max_retries=0');
    await expect(page.getByRole('region', { name: /用你自己的代码连接/ }).locator('pre').nth(1)).toContainText('maxRetries: 0');
  });
});

/**
 * The scripted incident behind the README's demo, on the default policy (cache on) and a steady load
 * of distinct messages. The first two tests check the story at each speed; the third, that the
 * sandbox clock makes it the same story: the same transitions at the same sandbox times.
 * (The third needs sandbox time that is deterministic at any speed: see issue 9.)
 */
test.describe('scripted incident: outage then recovery', () => {
  const seen = new Map<number, ExportedTransition[]>();

  async function playOutage(dashboard: DashboardPage, speed: 10 | 60): Promise<ExportedTransition[]> {
    await dashboard.goto();
    await dashboard.setSpeed(speed);
    await dashboard.playScript('outage-then-recovery');
    await dashboard.waitForScriptDone(60_000);
    return dashboard.transitions();
  }

  for (const speed of [10, 60] as const) {
    test(`at ×${speed}: the breaker goes CLOSED → OPEN → HALF_OPEN → CLOSED on cue`, async ({ dashboard }) => {
      const transitions = await playOutage(dashboard, speed);
      seen.set(speed, transitions);
      expect(transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
      const [opened, halfOpen, closed] = transitions;
      // The outage is 10–40 s of script time; the default breaker stays open 30 s.
      expect(opened!.at).toBeGreaterThanOrEqual(10_000);
      expect(opened!.at).toBeLessThan(40_000);
      expect(halfOpen!.at - opened!.at).toBe(30_000);
      expect(closed!.at).toBeGreaterThanOrEqual(40_000);
      await dashboard.expectBreaker('CLOSED');
    });
  }

  test('the same transitions at the same sandbox times at ×10 and ×60', async ({ dashboard }) => {
    const at10 = seen.get(10) ?? (await playOutage(dashboard, 10));
    const at60 = seen.get(60) ?? (await playOutage(dashboard, 60));
    expect(at60).toEqual(at10);
  });
});

/** Issue 13: the server-side features of the layered-retries work, given their place in the dashboard. */
test.describe('layered retries, achieved speed, links and placement (issue 13)', () => {
  test('the SDK’s 2 retries under the service’s 3 attempts: 9 calls in the waterfall, ×3.0, the mistake named, the code updated', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    await expect(dashboard.policyPanel.getByText('3 次尝试 × 每次 3 次调用 = 9 次调用')).toBeVisible();
    await dashboard.setNumber(/^SDK 自带重试 \(maxRetries\)/, 2);
    await expect(page.getByTestId('sdk-max-retries-now')).toHaveText('现在：3 次尝试 × 每次最多 3 次调用 = 最多 9 次调用。');
    await dashboard.choosePreset('unavailable');
    const answer = await dashboard.sendMessage('什么是Python？');
    expect(answer.source).toBe('local');

    // Every call the SDK made sits under its attempt: 3 attempts × (1 + 2 hidden retries).
    await expect(dashboard.waterfall).toContainText(`#${answer.request.id}`);
    await expect(dashboard.waterfall.getByTestId('sdk-calls')).toHaveCount(3);
    await expect(dashboard.waterfall.locator('[data-step=sdk-call]')).toHaveCount(9);
    await expect(dashboard.waterfall.locator('[data-step=sdk-call][data-hidden=true]')).toHaveCount(6);
    await expect(dashboard.waterfall.locator('[data-step=attempt]').first()).toContainText('其中 SDK 隐藏重试 2 次');
    await expect(dashboard.waterfall.locator('[data-step=sdk-call]').first()).toContainText('SDK 发出的调用 → HTTP 503 · SDK 自己等');
    await expect(dashboard.waterfall.getByTestId('upstream-calls')).toHaveText('· 上游调用 9');

    // The meter and the named mistake, in the lesson's words.
    await expect(dashboard.stat(/^放大倍数$/)).toHaveText('×3.0');
    await expect(dashboard.layeredWarning).toContainText('层叠重试：（1 + SDK 的 2 次重试）× 你的 3 次尝试 = 最多 9 次调用');
    await expect(page.getByTestId('policy-code-ts')).toContainText('new OpenAI({ maxRetries: 2, timeout: 10_000 })');
    await expect(page.getByTestId('policy-code-py')).toContainText('client = OpenAI(max_retries=2)');
    // What this feature added speaks Chinese only (the whole page is the language test's).
    expect(await englishLeftovers(page, ['[data-testid=request-waterfall]', '[data-testid=layered-warning]', 'section[aria-labelledby=policy-title]', 'li[aria-label="放大倍数"]'])).toEqual([]);
    await dashboard.screenshotFullPage('test-results/screenshots/dashboard-layered-retries.png');
    await dashboard.waterfall.screenshot({ path: 'test-results/screenshots/waterfall-sdk-calls.png' });
    await page.getByRole('region', { name: /^统计/ }).screenshot({ path: 'test-results/screenshots/stats-amplification.png' });
    await page.locator('header').first().screenshot({ path: 'test-results/screenshots/header-links.png' });

    // Back to one layer: the warning now points at the earlier requests; a reset clears it.
    await dashboard.setNumber(/^SDK 自带重试 \(maxRetries\)/, 0);
    await expect(dashboard.layeredWarning).toHaveAttribute('data-kind', 'past');
    await expect(page.getByTestId('policy-code-ts')).toContainText('new OpenAI({ maxRetries: 0,');
    await page.getByRole('button', { name: /重置沙盒/ }).click();
    await expect(dashboard.totalStat).toHaveText('0');
    await expect(dashboard.layeredWarning).toHaveCount(0);
    await expect(dashboard.stat(/^放大倍数$/)).toHaveText('–');

    // English: the same mistake, named in English.
    await dashboard.setNumber(/^SDK 自带重试 \(maxRetries\)/, 1);
    await dashboard.sendMessage('什么是Java？');
    await dashboard.languageSwitch.click();
    await expect(dashboard.layeredWarning).toContainText('Layered retries: (1 + the SDK’s maxRetries of 1) × your 3 attempts = up to 6 calls');
    await expect(dashboard.stat(/^Amplification$/)).toHaveText('×2.0');
  });

  test('a busy server: the speed picker says “×60 → 实际 ×18”, and why, while a run plays', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    // A saturated server, on cue: the page's reads of its session report sandbox time at ×18.
    await page.route('**/api/session', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), achievedSpeed: 18 } });
    });
    await expect(dashboard.achievedSpeed).toHaveCount(0);
    await dashboard.startSteady(0.2);
    await expect(dashboard.achievedSpeed).toHaveText('×60 → 实际 ×18');
    await expect(dashboard.achievedSpeed).toHaveAttribute('title', /^服务器繁忙：沙盒时间放慢，而不是让请求排队/);
    expect(await englishLeftovers(page, ['[data-testid=achieved-speed]'])).toEqual([]);
    await dashboard.runPanel.screenshot({ path: 'test-results/screenshots/achieved-speed.png' });
    await dashboard.languageSwitch.click();
    await expect(dashboard.achievedSpeed).toHaveText('×60 → ×18');
    await expect(dashboard.achievedSpeed).toHaveAttribute('title', /^Server busy: sandbox time slows down instead of queueing requests/);
    // Idle again: nothing to say (an idle server's window is no measure).
    await dashboard.stopRun();
    await expect(dashboard.achievedSpeed).toHaveCount(0);
  });

  test('the header links to the retry-storm lab, and its page links back', async ({ dashboard, page }) => {
    await dashboard.goto();
    const storms = page.getByRole('link', { name: /^重试风暴实验室/ });
    await expect(storms).toHaveAttribute('href', '/storms');
    await expect(page.getByRole('link', { name: /^抖动实验室/ })).toBeVisible();
    await storms.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('重试风暴实验室');
    await page.getByRole('link', { name: /返回仪表盘/ }).click();
    await expect(dashboard.heading).toContainText('沙盒');
  });

  test('the API switch is a policy setting; the fault editor edits the hold and the per-minute limits', async ({ dashboard, page }) => {
    await dashboard.goto();
    await expect(dashboard.policyPanel.getByTestId('api-switch')).toBeVisible();
    await expect(dashboard.scenarioPanel.getByTestId('api-switch')).toHaveCount(0);

    // keep-alive-hold: how long the connection is held, in seconds (the preset's 10 minutes).
    await dashboard.choosePreset('keep-alive-hold');
    const hold = dashboard.scenarioPanel.getByRole('spinbutton', { name: '挂起多久后断开（秒）' });
    await expect(hold).toHaveValue('600');
    await dashboard.setNumber(/^挂起多久后断开（秒）$/, 30);
    const held = (await (await page.request.get('/api/session')).json()) as { scenario: { primary: { rules: { fault: string; latencyMs?: number }[] } } };
    expect(held.scenario.primary.rules).toEqual([expect.objectContaining({ fault: 'keep-alive-hold', latencyMs: 30_000 })]);

    // rate-limit-window: the requests and tokens a minute, which the gauge then counts down from.
    await dashboard.choosePreset('rate-limit-window');
    await expect(dashboard.scenarioPanel.getByRole('spinbutton', { name: '每分钟请求上限（次）' })).toHaveValue('10');
    await expect(dashboard.scenarioPanel.getByRole('spinbutton', { name: '每分钟 token 上限' })).toHaveValue('20000');
    await dashboard.setNumber(/^每分钟请求上限（次）$/, 5);
    await dashboard.setNumber(/^每分钟 token 上限$/, 9000);
    const windowed = (await (await page.request.get('/api/session')).json()) as { scenario: { primary: { rules: { fault: string; rpm?: number; tpm?: number }[] } } };
    expect(windowed.scenario.primary.rules).toEqual([expect.objectContaining({ fault: 'rate-limit-window', rpm: 5, tpm: 9000 })]);
    await expect(page.getByTestId('rate-limit-gauge').getByRole('meter', { name: '请求' }).first()).toHaveAttribute('aria-valuemax', '5');
    await dashboard.scenarioPanel.screenshot({ path: 'test-results/screenshots/fault-editor-rate-window.png' });
    await dashboard.policyPanel.screenshot({ path: 'test-results/screenshots/policy-panel.png' });
  });
});
