import { expect, test, type Locator, type Page } from '@playwright/test';

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
 * The storm lab from the user's side: locators by role and label (Chinese or
 * English), intent methods that wait on the page's own state — the status line
 * says when a run is on screen — never on fixed sleeps.
 */
class StormsPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('storm-status');
  }
  get goodputAfter(): Locator {
    return this.page.getByTestId('storm-goodput-after');
  }
  get recovery(): Locator {
    return this.page.getByTestId('storm-recovery');
  }
  get amplification(): Locator {
    return this.page.getByTestId('storm-amplification');
  }
  get budget(): Locator {
    return this.page.getByRole('combobox', { name: /重试预算|Retry budget/ });
  }
  get breaker(): Locator {
    return this.page.getByRole('checkbox', { name: /重试熔断器|Retry breaker/ });
  }
  preset(name: RegExp): Locator {
    return this.page.getByRole('radiogroup', { name: /预设|Presets/ }).getByRole('radio', { name });
  }
  slider(name: RegExp): Locator {
    return this.page.getByRole('slider', { name });
  }

  async goto(): Promise<void> {
    await this.page.goto('/storms');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(/重试风暴实验室|Retry-storm lab/);
    await this.settled();
  }

  /** Wait until the last change is on screen: debounce passed, the run came back from the worker. */
  async settled(): Promise<void> {
    await expect(this.status).not.toHaveAttribute('data-computing', /.*/);
    await expect(this.amplification).toHaveText(/×\d/);
  }

  /** Do `action`, then wait until the figure `locator` shows something else and the run has settled. */
  async changing(locator: Locator, action: () => Promise<void>): Promise<void> {
    const before = await locator.textContent();
    await action();
    await expect(locator).not.toHaveText(before ?? '');
    await this.settled();
  }

  async choosePreset(name: RegExp): Promise<void> {
    const radio = this.preset(name);
    await radio.check();
    await expect(radio).toBeChecked();
    await this.settled();
  }

  /** A percentage figure as a number (e.g. "0.4%" → 0.4). */
  async percent(locator: Locator): Promise<number> {
    const text = (await locator.textContent()) ?? '';
    const m = /(\d+(?:\.\d+)?)%/.exec(text);
    if (!m) throw new Error(`no percentage in "${text}"`);
    return Number(m[1]);
  }
}

test('the metastable preset: goodput stuck after the dip without a budget, back with one', async ({ page }) => {
  const errors = watchErrors(page);
  const lab = new StormsPage(page);
  await lab.goto();
  await lab.choosePreset(/亚稳态：容量下跌|Metastable: capacity dips/);

  // Without a budget: the trigger is over, yet almost nothing is answered.
  expect(await lab.percent(lab.goodputAfter)).toBeLessThan(2);
  await expect(lab.recovery).toHaveText(/没有恢复|Never recovered/);
  expect(await lab.percent(page.getByTestId('storm-goodput-before'))).toBeGreaterThan(99);
  // The chart is drawn: lines for the load and the capacity, an area for goodput, the dip shaded.
  const load = page.getByTestId('storm-chart-load');
  await expect(load.locator('path.recharts-line-curve')).toHaveCount(3);
  await expect(load.locator('path.recharts-area-area')).toHaveCount(1);
  await expect(load.locator('.recharts-reference-area-rect')).toHaveCount(1);
  const stuckCurve = await load.locator('path.recharts-area-area').getAttribute('d');

  // Turn the budget on: the same dip, and goodput comes back.
  await lab.changing(lab.goodputAfter, async () => void (await lab.budget.selectOption('grpc')));
  expect(await lab.percent(lab.goodputAfter)).toBeGreaterThan(95);
  await expect(lab.recovery).toHaveText(/^\d+ (秒|s)$/);
  await expect(lab.preset(/亚稳态 \+ 重试预算|Metastable \+ retry budget/)).toBeChecked();
  await expect.poll(() => load.locator('path.recharts-area-area').getAttribute('d')).not.toBe(stuckCurve);
  await expect(page.getByTestId('storm-chart-gate').locator('path.recharts-line-curve')).toHaveCount(1);

  // Budget off again: stuck again. The retry breaker instead: back again.
  await lab.changing(lab.goodputAfter, async () => void (await lab.budget.selectOption('none')));
  expect(await lab.percent(lab.goodputAfter)).toBeLessThan(2);
  await lab.changing(lab.goodputAfter, () => lab.breaker.check());
  expect(await lab.percent(lab.goodputAfter)).toBeGreaterThan(95);

  await page.screenshot({ path: 'test-results/screenshots/storms.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the same seed gives the same run; another seed another', async ({ page }) => {
  const lab = new StormsPage(page);
  await lab.goto();
  const summary = page.getByTestId('storm-chart-load-summary');
  const timing = page.getByTestId('storm-timing');
  const requests = async () => Number(/(\d+) ?(?:个请求|requests)/.exec((await timing.textContent()) ?? '')?.[1]);
  const first = await summary.textContent();
  const firstRequests = await requests();
  expect(firstRequests).toBeGreaterThan(250_000); // 300 s at 1000/s
  const seed = page.getByRole('spinbutton', { name: /随机种子|Seed/ });
  await seed.fill('2');
  await seed.press('Enter');
  await expect.poll(requests).not.toBe(firstRequests); // other Poisson arrivals
  await lab.settled();
  await seed.fill('1');
  await seed.press('Enter');
  await expect.poll(requests).toBe(firstRequests);
  await expect(summary).toHaveText(first ?? '');
  await page.reload();
  await lab.settled();
  await expect(summary).toHaveText(first ?? '');
  expect(await requests()).toBe(firstRequests);
});

test('layered retries: the sliders multiply attempts by layers', async ({ page }) => {
  const lab = new StormsPage(page);
  await lab.goto();
  await lab.choosePreset(/分层重试|Layered retries/);
  await expect(lab.amplification).toHaveText('×9.000');
  await expect(page.getByTestId('max-calls')).toHaveText(/9/);

  // One layer fewer from the keyboard: the SDK's retries are gone, 3 calls per request.
  const layers = lab.slider(/重试层数|Retry layers/);
  await layers.focus();
  await lab.changing(lab.amplification, () => layers.press('ArrowLeft'));
  await expect(lab.amplification).toHaveText('×3.000');
  await expect(lab.preset(/分层重试|Layered retries/)).not.toBeChecked();
  // An outage: every request used all its calls, one bar at 3.
  await expect(page.getByTestId('storm-chart-attempts-summary')).toHaveText(/0\.0%.*100\.0%.*\b3\b/);
  await expect(page.getByTestId('storm-chart-attempts').locator('.recharts-bar-rectangle')).toHaveCount(1);
});

test('the independent preset matches the closed form, and the page speaks English too', async ({ page }) => {
  const lab = new StormsPage(page);
  await lab.goto();
  await lab.choosePreset(/独立失败|Independent failures/);
  const a = Number(((await lab.amplification.textContent()) ?? '').replace('×', ''));
  expect(Math.abs(a - 1.875)).toBeLessThan(0.01);
  await expect(page.getByTestId('storm-amplification-formula')).toContainText('×1.875');
  // The sweep chart: four curves once its 36 runs are back.
  await expect(page.getByTestId('storm-chart-sweep').locator('path.recharts-line-curve')).toHaveCount(4, { timeout: 30_000 });

  const html = page.locator('html');
  const lang = await html.getAttribute('lang');
  await page.getByTestId('language-switch').click();
  await expect(html).not.toHaveAttribute('lang', lang ?? '');
  const english = (await html.getAttribute('lang')) === 'en';
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(english ? 'Retry-storm lab' : '重试风暴实验室');
  // Everything the lab itself says follows the switch (the switch's own label names the other language).
  for (const id of ['storm-controls', 'storm-presets', 'storm-figures', 'storm-lessons']) {
    const text = await page.getByTestId(id).innerText();
    if (english) expect(text, id).not.toMatch(/[\u4e00-\u9fff]/);
    else expect(text, id).toMatch(/[\u4e00-\u9fff]/);
  }
});
