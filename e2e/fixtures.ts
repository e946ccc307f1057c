import { readFile } from 'node:fs/promises';
import { test as base, expect, type Download, type Locator, type Page } from '@playwright/test';

/** Breaker states as the dashboard prints them (the lesson's uppercase words). */
export type BreakerWord = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

const STATE_OF_WORD: Record<BreakerWord, string> = { CLOSED: 'closed', OPEN: 'open', HALF_OPEN: 'half-open' };

/** A breaker transition as the export lists it. */
export interface ExportedTransition {
  at: number;
  from: string;
  to: string;
}

/** `GET /api/session/export?format=json`, the parts the tests read. */
export interface ExportJson {
  session: { script: string | null; seed: number; speed: number; policy: { breaker: { openMs: number } } };
  events: ({ type: 'request' | 'retry' | 'breaker' | 'script'; at: number } & Record<string, unknown>)[];
}

/** What one measured click took, in ms from the input event to the DOM change and to the next frame. */
export interface ClickTiming {
  /** From the click event's timestamp (input queueing included) to the DOM reflecting it. */
  toDom: number;
  /** Same, to the next animation frame after the change (≈ painted). */
  toFrame: number;
  /** The run's state when the click arrived (`running` while a burst is in flight). */
  runState: string | null;
}

/**
 * The dashboard, from the user's side: locators by role and label (in Chinese
 * or English), and intent methods that wait on the server's answer or on the
 * page's state — never on fixed sleeps.
 */
export class DashboardPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  get presetPicker(): Locator {
    return this.page.getByRole('radiogroup', { name: /场景预设|Presets/ });
  }
  get speedPicker(): Locator {
    return this.page.getByRole('radiogroup', { name: /沙盒速度|Sandbox speed/ });
  }
  get breakerStatus(): Locator {
    return this.page.getByRole('status', { name: /^(熔断器|Breaker)$/ });
  }
  get connection(): Locator {
    return this.page.getByRole('status', { name: /实时事件连接|Live event connection/ });
  }
  get messageInput(): Locator {
    return this.page.getByRole('textbox', { name: /^(消息|Message)$/ });
  }
  get sendButton(): Locator {
    return this.page.getByRole('button', { name: /^(发送|Send)$/ });
  }
  get burstCount(): Locator {
    return this.page.getByRole('spinbutton', { name: /突发请求数|Requests in the burst/ });
  }
  get burstButton(): Locator {
    return this.page.getByRole('button', { name: /^(突发|Burst) · / });
  }
  get runStatus(): Locator {
    return this.page.getByTestId('run-status');
  }
  get requestList(): Locator {
    return this.page.getByTestId('request-list');
  }
  get waterfall(): Locator {
    return this.page.getByTestId('request-waterfall');
  }
  get languageSwitch(): Locator {
    return this.page.getByTestId('language-switch');
  }
  get themeToggle(): Locator {
    return this.page.getByRole('button', { name: /切换深色|Switch between dark/ });
  }
  get scriptPicker(): Locator {
    return this.page.getByRole('combobox', { name: /^(剧本|Script)$/ });
  }
  get scriptToggle(): Locator {
    return this.page.locator('[data-shortcut="script-toggle"]');
  }
  get scriptStatus(): Locator {
    return this.page.getByTestId('script-status');
  }
  get caption(): Locator {
    return this.page.getByTestId('caption');
  }
  /** The run controls: message, burst, steady load, speed, reset. */
  get runPanel(): Locator {
    return this.page.getByRole('region', { name: /^(发送请求|Send requests)$/ });
  }
  get policyPanel(): Locator {
    return this.page.getByRole('region', { name: /^(策略|Policy)$/ });
  }
  get scenarioPanel(): Locator {
    return this.page.getByRole('region', { name: /^(故障场景|Fault scenario)/ });
  }
  /** "×60 → 实际 ×18" beside the speed picker, while a busy server slows sandbox time. */
  get achievedSpeed(): Locator {
    return this.page.getByTestId('achieved-speed');
  }
  /** The named mistake under the stat cards ("层叠重试：…"), while the SDK's retries multiply the calls. */
  get layeredWarning(): Locator {
    return this.page.getByTestId('layered-warning');
  }
  /** A task of the guided lab, e.g. `t4`; `data-done` says whether it is met. */
  labTask(id: string): Locator {
    return this.page.getByTestId(`lab-task-${id}`);
  }

  /** The value of a stat card, found by its label (e.g. `/总请求数|Total requests/`). */
  stat(label: RegExp): Locator {
    return this.page.getByRole('group', { name: label }).getByTestId(/^stat-/);
  }
  get totalStat(): Locator {
    return this.stat(/^(总请求数|Total requests)$/);
  }

  /** Open the dashboard and wait until the session, the catalogue and the live stream are there. */
  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.presetPicker.getByRole('radio').first()).toBeVisible();
    await expect(this.connection).toHaveAttribute('data-status', 'live');
  }

  /** Wait for the answer to the next `PUT /api/session` while `action` runs. */
  private async withSessionPut(action: () => Promise<void>): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'PUT');
    await action();
    expect((await answered).ok()).toBe(true);
  }

  /** Pick a scenario preset by id (e.g. `server-error`) and wait until the server has it. */
  async choosePreset(id: string): Promise<void> {
    const radio = this.presetPicker.locator(`input[type=radio][value="${id}"]`);
    await this.withSessionPut(() => radio.check());
    await expect(radio).toBeChecked();
  }

  /** Set the sandbox speed: 1 (real time), 10 or 60. */
  async setSpeed(speed: 1 | 10 | 60): Promise<void> {
    const radio = this.speedPicker.getByRole('radio', { name: speed === 1 ? /实时|Real time/ : `×${speed}` });
    await this.withSessionPut(() => radio.check());
    await expect(radio).toBeChecked();
  }

  /**
   * A full-page screenshot with every chart up to date: charts scrolled out of
   * view do not redraw, so first make the viewport as tall as the page and wait
   * until no view is stale (`data-stale`), then shoot and restore the viewport.
   */
  async screenshotFullPage(path: string): Promise<void> {
    const size = this.page.viewportSize();
    if (!size) throw new Error('no viewport');
    const height = await this.page.evaluate(() => document.documentElement.scrollHeight);
    await this.page.setViewportSize({ width: size.width, height });
    await expect(this.page.locator('[data-stale="true"]')).toHaveCount(0);
    await this.page.screenshot({ path, fullPage: true });
    await this.page.setViewportSize(size);
  }

  /** Type a number into a labelled policy or scenario field and wait until the server has it. */
  async setNumber(label: RegExp, value: number): Promise<void> {
    const field = this.page.getByRole('spinbutton', { name: label });
    await field.fill(String(value));
    await this.withSessionPut(() => field.press('Enter'));
    await expect(field).toHaveValue(String(value));
  }

  /** Send one message and wait for its answer; returns the server's ChatResponse JSON. */
  async sendMessage(text: string): Promise<{ source: string; request: { id: number } }> {
    await this.messageInput.fill(text);
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await this.sendButton.click();
    const response = await answered;
    expect(response.ok()).toBe(true);
    return (await response.json()) as { source: string; request: { id: number } };
  }

  /**
   * Start a burst of `n` requests and wait until the page shows it running.
   * (The answer to `POST /api/runs` can come late: the server is busy with the burst.
   * Progress arrives over SSE anyway.)
   */
  async sendBurst(n: number): Promise<void> {
    await this.burstCount.fill(String(n));
    await this.burstCount.press('Enter');
    await expect(this.burstButton).toContainText(String(n));
    const sent = this.page.waitForRequest((r) => r.url().endsWith('/api/runs') && r.method() === 'POST');
    await this.burstButton.click();
    await sent;
    await expect(this.runStatus).toContainText(`/ ${n.toLocaleString('en-US')}`);
  }

  /** Pick a script (by id) and press Play; waits until the server has started it from time 0. */
  async playScript(id: string): Promise<void> {
    await this.scriptPicker.selectOption(id);
    const started = this.page.waitForResponse((r) => r.url().endsWith('/api/session/script') && r.request().method() === 'POST');
    await this.scriptToggle.click();
    expect((await started).ok()).toBe(true);
    await expect(this.scriptStatus).toHaveAttribute('data-script', id);
  }

  /** Wait until the script has played its last step. */
  async waitForScriptDone(timeout = 60_000): Promise<void> {
    await expect(this.scriptStatus).toHaveAttribute('data-state', 'done', { timeout });
  }

  /** This build's events, as the export route serves them (same cookie as the page). */
  async exportJson(): Promise<ExportJson> {
    const response = await this.page.request.get('/api/session/export?format=json');
    expect(response.ok()).toBe(true);
    return (await response.json()) as ExportJson;
  }

  /** The breaker transitions of this build, from the export. */
  async transitions(): Promise<ExportedTransition[]> {
    const { events } = await this.exportJson();
    return events.filter((e) => e.type === 'breaker').map((e) => ({ at: e.at, from: String(e.from), to: String(e.to) }));
  }

  /** Click a download link or button and return the saved file's bytes and suggested name. */
  async download(trigger: Locator): Promise<{ name: string; bytes: Buffer }> {
    const pending: Promise<Download> = this.page.waitForEvent('download');
    await trigger.click();
    const file = await pending;
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  }

  /** Switch a labelled checkbox (e.g. `/启用缓存/`) and wait until the server has it. */
  async setChecked(label: RegExp, checked: boolean): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: label });
    if ((await box.isChecked()) === checked) return;
    await this.withSessionPut(() => box.setChecked(checked));
    await expect(box).toBeChecked({ checked });
  }

  /** Start a steady load of `rps` requests per second of sandbox time and wait until the page shows it running. */
  async startSteady(rps: number): Promise<void> {
    const field = this.page.getByRole('spinbutton', { name: /^(每秒请求数|Requests per second)/ });
    await field.fill(String(rps));
    await field.press('Enter');
    await this.page.locator('[data-shortcut="steady"]').click();
    await expect(this.runStatus).toHaveAttribute('data-state', 'running');
  }

  /** Stop the current burst or steady load and wait until the page says so. */
  async stopRun(): Promise<void> {
    await this.runPanel.getByRole('button', { name: /^■ (停止|Stop)$/ }).click();
    await expect(this.runStatus).toHaveAttribute('data-state', 'stopped');
  }

  /** Wait until the current run reports done. */
  async waitForRunDone(timeout = 30_000): Promise<void> {
    await expect(this.runStatus).toHaveAttribute('data-state', 'done', { timeout });
  }

  /** The breaker state word shown in the header: CLOSED, OPEN or HALF_OPEN. */
  async breakerState(): Promise<BreakerWord> {
    const text = await this.breakerStatus.innerText();
    const word = /HALF_OPEN|CLOSED|OPEN/.exec(text)?.[0];
    if (!word) throw new Error(`no breaker state in "${text}"`);
    return word as BreakerWord;
  }

  /** Wait until the header shows `word` (checked on the state attribute and on the visible text). */
  async expectBreaker(word: BreakerWord, timeout?: number): Promise<void> {
    await expect(this.breakerStatus).toHaveAttribute('data-state', STATE_OF_WORD[word], { timeout });
    await expect.poll(() => this.breakerState()).toBe(word);
  }

  /**
   * Click `target` with real (trusted) mouse clicks, again and again while
   * `keepClicking()` says so (at least `minClicks` times), and measure each in
   * the page: from the click event's timestamp — so time the input waited
   * behind other work counts — until `attribute` of `target` changes in the
   * DOM, and to the next animation frame. The clicks go through the mouse
   * (input has priority in the browser), so they are not slowed down by round
   * trips to a busy page.
   */
  async measureClicks(target: Locator, attribute: string, keepClicking: () => Promise<boolean>, minClicks = 1, maxClicks = 60): Promise<ClickTiming[]> {
    type Probe = { t0: number; runState: string | null; toDom?: number; toFrame?: number };
    type ProbeWindow = Window & { __clicks?: Probe[] };
    await target.evaluate((el, attr) => {
      const log: Probe[] = [];
      (window as ProbeWindow).__clicks = log;
      let waiting = 0;
      el.addEventListener(
        'click',
        (e) => log.push({ t0: e.timeStamp, runState: document.querySelector('[data-testid=run-status]')?.getAttribute('data-state') ?? null }),
        { capture: true },
      );
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.attributeName !== attr) continue;
          const probe = log[waiting++];
          if (!probe) continue;
          probe.toDom = performance.now() - probe.t0;
          requestAnimationFrame(() => (probe.toFrame = performance.now() - probe.t0));
        }
      }).observe(el, { attributes: true, attributeFilter: [attr] });
    }, attribute);
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('click target not visible');
    let clicks = 0;
    // Ask `keepClicking` only every fifth click: on a busy page every question is a slow round trip.
    while (clicks < maxClicks && (clicks < minClicks || clicks % 5 !== 0 || (await keepClicking()))) {
      // A person's click: the button is held for ~100 ms. This also spaces the clicks, so each one
      // measures the page rather than the restyle the previous click caused.
      await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { delay: 100 });
      clicks++;
    }
    await this.page.waitForFunction((n) => {
      const log = (window as ProbeWindow).__clicks ?? [];
      return log.length >= n && log.every((p) => p.toFrame !== undefined);
    }, clicks, { timeout: 10_000 }).catch(() => undefined);
    const received = await this.page.evaluate(() => (window as ProbeWindow).__clicks?.length ?? 0);
    expect(received, 'every mouse click reached the target').toBe(clicks);
    return this.page.evaluate(() => ((window as ProbeWindow).__clicks ?? []).map((p) => ({ toDom: p.toDom!, toFrame: p.toFrame!, runState: p.runState })));
  }

  /** One measured click (see {@link measureClicks}). */
  async measureClick(target: Locator, attribute: string): Promise<ClickTiming> {
    const [timing] = await this.measureClicks(target, attribute, async () => false, 1, 1);
    return timing!;
  }

}

/**
 * English words left in the prose of a Chinese page (none expected): its text, title, meta
 * description, aria-labels and titles, minus code, the other language's switch and what the mock
 * model answered. Names, acronyms and identifiers the lesson itself leaves untranslated are allowed.
 * `roots`: CSS selectors of the parts to read (default the whole page, with its title and meta).
 */
export async function englishLeftovers(target: Page, roots: string[] = ['body']): Promise<string[]> {
  return target.evaluate((roots) => {
    // Not prose: code, keys, program output (an upstream's own error message), the other language's switch, and what the mock model answered.
    const skip = 'pre, code, kbd, samp, script, style, [lang="en"], [data-model-output]';
    const whole = roots.length === 1 && roots[0] === 'body';
    const parts: string[] = whole ? [document.title, document.querySelector('meta[name="description"]')?.getAttribute('content') ?? ''] : [];
    for (const root of roots.flatMap((r) => [...document.querySelectorAll(r)])) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest(skip)) parts.push(n.textContent ?? '');
      for (const el of [root, ...root.querySelectorAll('[aria-label], [title]')]) if (!el.closest(skip)) parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    // Quoted values ('soon', "error") are data, not words; so are the names of APIs and of the SDK's Base URL setting.
    const text = parts.join(' ').replace(/'[^']*'|"[^"]*"/g, ' ').replace(/\b(Base URLs?|Responses API|Chat Completions)\b/g, ' ');
    // Names (providers too), acronyms and units the lesson itself uses untranslated (token: "token超限");
    // base/delay/expo/prev are its formulas' variables.
    const terms = /^(API|Alt|Shift|CLOSED|OPEN|HALF_OPEN|ISOLATED|CSV|JSON|PNG|SVG|HTTP|URL|SDK|SRE|gRPC|Google|LLM|OpenAI|Anthropic|DeepSeek|Qwen|DashScope|Python|Java|Go|JavaScript|TypeScript|Rust|Retry-After|DONE|Brooker|TPM|RPM|token|ms|p\d+|base|delay|expo|prev|data|null|true|false)$/;
    const words = text.match(/[A-Za-z][A-Za-z0-9_./'’=-]*[A-Za-z0-9]/g) ?? [];
    // Identifiers (snake_case, kebab-case, camelCase, paths, file names, key=value) come from the API or the lesson's code.
    return [...new Set(words.filter((w) => !terms.test(w) && !/[_./=-]/.test(w) && !/[a-z][A-Z]/.test(w)))];
  }, roots);
}

/**
 * `dashboard`: the page object. Every test using it also fails on any console
 * error or warning (React warnings included) and on any uncaught page error.
 */
export const test = base.extend<{ dashboard: DashboardPage; consoleProblems: string[] }>({
  consoleProblems: async ({ page }, provide) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await provide(problems);
    expect(problems, 'console errors or warnings').toEqual([]);
  },
  dashboard: async ({ page, consoleProblems }, provide) => {
    void consoleProblems; // make the console check part of every dashboard test
    await provide(new DashboardPage(page));
  },
});

export { expect };
