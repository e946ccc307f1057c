import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Breaker states as the dashboard prints them (the lesson's uppercase words). */
export type BreakerWord = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

const STATE_OF_WORD: Record<BreakerWord, string> = { CLOSED: 'closed', OPEN: 'open', HALF_OPEN: 'half-open' };

/** What one measured click took, in ms from the input event to the DOM change and to the next frame. */
export interface ClickTiming {
  /** From the click event's timestamp (input queueing included) to the DOM reflecting it. */
  toDom: number;
  /** Same, to the next animation frame after the change (≈ painted). */
  toFrame: number;
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

  /** Send one message and wait for its answer; returns the server's ChatResponse JSON. */
  async sendMessage(text: string): Promise<{ source: string; request: { id: number } }> {
    await this.messageInput.fill(text);
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await this.sendButton.click();
    const response = await answered;
    expect(response.ok()).toBe(true);
    return (await response.json()) as { source: string; request: { id: number } };
  }

  /** Start a burst of `n` requests and wait until the server accepted it (progress arrives over SSE). */
  async sendBurst(n: number): Promise<void> {
    await this.burstCount.fill(String(n));
    await this.burstCount.press('Enter');
    await expect(this.burstButton).toContainText(String(n));
    const accepted = this.page.waitForResponse((r) => r.url().endsWith('/api/runs'));
    await this.burstButton.click();
    expect((await accepted).ok()).toBe(true);
  }

  /** Wait until the current run reports done. */
  async waitForRunDone(timeout = 30_000): Promise<void> {
    await expect(this.runStatus).toContainText(/已完成|done/, { timeout });
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
   * Click `target` with a real (trusted) mouse click and measure, in the page,
   * from the click event's timestamp — so time the input waited behind other
   * work counts — until `changed()` sees the DOM reflect it, and to the next frame.
   */
  async measureClick(target: Locator, attribute: string): Promise<ClickTiming> {
    const handle = await target.elementHandle();
    if (!handle) throw new Error('click target not found');
    const probe = await handle.evaluateHandle(
      (el, attr) =>
        new Promise<{ toDom: number; toFrame: number }>((resolve) => {
          let t0 = NaN;
          const before = el.getAttribute(attr);
          el.addEventListener('click', (e) => (t0 = e.timeStamp), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (el.getAttribute(attr) === before) return;
            observer.disconnect();
            const toDom = performance.now() - t0;
            requestAnimationFrame(() => resolve({ toDom, toFrame: performance.now() - t0 }));
          });
          observer.observe(el, { attributes: true, attributeFilter: [attr], subtree: false });
        }),
      attribute,
    );
    await target.click();
    return (await probe.jsonValue()) as ClickTiming;
  }
}

/**
 * `dashboard`: the page object. Every test using it also fails on any console
 * error or warning (React warnings included) and on any uncaught page error.
 */
export const test = base.extend<{ dashboard: DashboardPage; consoleProblems: string[] }>({
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await use(problems);
    expect(problems, 'console errors or warnings').toEqual([]);
  },
  dashboard: async ({ page, consoleProblems }, use) => {
    void consoleProblems; // make the console check part of every dashboard test
    await use(new DashboardPage(page));
  },
});

export { expect };
