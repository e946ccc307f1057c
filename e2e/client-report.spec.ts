/**
 * "你的代码 / Your code" from the student's side: their own client calls the
 * session's endpoint over real HTTP (the official SDK, a good client, the
 * lesson's own Python), and the report card in the browser changes.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import OpenAI from 'openai';
import type { Locator, Page } from '@playwright/test';
import { goodAsk } from '../lib/grading/clients/good-client';
import { systemClock } from '../lib/resilience/clock';
import { test, expect, type DashboardPage } from './fixtures';

/** The panel's page object: locators by test id and role, intent methods that wait on the server. */
class YourCodePanel {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return this.page.getByTestId('client-report');
  }
  get exam(): Locator {
    return this.page.getByTestId('exam');
  }
  check(id: string): Locator {
    return this.page.getByTestId(`check-${id}`);
  }
  async baseUrl(dashboard: DashboardPage): Promise<string> {
    await expect(dashboard.page.getByTestId('base-url')).toContainText('/api/sandbox/');
    return (await dashboard.page.getByTestId('base-url').innerText()).trim();
  }
  /** Press "Test my code" and wait until the server has started the exam. */
  async startExam(): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/session/exam') && r.request().method() === 'POST');
    await this.root.getByRole('button', { name: /^(测试我的代码|Test my code|重新考试|Start again)$/ }).click();
    expect((await answered).ok()).toBe(true);
    await expect(this.exam).toHaveAttribute('data-state', 'running');
  }
  async expectVerdicts(verdicts: Record<string, string>, timeout = 20_000): Promise<void> {
    for (const [id, verdict] of Object.entries(verdicts)) await expect(this.check(id), id).toHaveAttribute('data-verdict', verdict, { timeout });
  }
}

const ALL_PASS = Object.fromEntries(
  ['honours-retry-after', 'no-retry-on-permanent', 'backoff-grows', 'jitter', 'bounded-attempts', 'stops-on-quota', 'times-out', 'detects-cut-stream', 'layered-retries'].map((id) => [id, 'pass']),
);

test.describe('your code, graded', () => {
  test('the card changes as the student’s own SDK client calls the endpoint', async ({ dashboard, page }) => {
    const panel = new YourCodePanel(page);
    await dashboard.goto();
    const baseURL = await panel.baseUrl(dashboard);
    await expect(panel.check('no-retry-on-permanent')).toHaveAttribute('data-verdict', 'unobserved');
    await dashboard.choosePreset('auth-error');
    const client = new OpenAI({ baseURL, apiKey: 'sk-student', maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: '什么是Python？' }] }).catch((e: unknown) => e);
    expect(await ask()).toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(panel.check('no-retry-on-permanent')).toHaveAttribute('data-verdict', 'pass');
    // Now the same request again, as a naive retry loop would: the verdict turns.
    expect(await ask()).toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(panel.check('no-retry-on-permanent')).toHaveAttribute('data-verdict', 'fail');
    await panel.check('no-retry-on-permanent').locator('summary').click();
    await expect(panel.check('no-retry-on-permanent')).toContainText(/#1 401 invalid_api_key/);
    await expect(panel.root.getByTestId('grade-calls')).toContainText('#2');
  });

  test('“test my code”: the exam plays its script to a good client, shows its progress, then a card of passes', async ({ dashboard, page }) => {
    test.setTimeout(90_000);
    const panel = new YourCodePanel(page);
    await dashboard.goto();
    const baseURL = await panel.baseUrl(dashboard);
    await panel.startExam();
    await expect(page.getByTestId('scene-rate-limit')).toHaveAttribute('data-state', 'waiting');
    const client = new OpenAI({ baseURL, apiKey: 'sk-good', maxRetries: 0 });
    const questions = ['什么是Python？', '什么是Java？', '什么是Go？', '什么是Rust？', '什么是C？', '什么是Lisp？', '什么是Perl？'];
    const first = goodAsk(questions[0]!, { client, clock: systemClock, random: Math.random, stream: true, timeoutMs: 2000 });
    await expect(page.getByTestId('scene-rate-limit')).toHaveAttribute('data-state', 'playing');
    const outcomes = [(await first).ok];
    for (const q of questions.slice(1)) outcomes.push((await goodAsk(q, { client, clock: systemClock, random: Math.random, stream: true, timeoutMs: 2000 })).ok);
    expect(outcomes).toEqual([true, true, true, true, true, false, false]);
    await expect(panel.exam).toHaveAttribute('data-state', 'finished', { timeout: 15_000 });
    await expect(page.getByTestId('exam-hint')).toContainText('7 / 7');
    await panel.expectVerdicts(ALL_PASS);
  });

  test('the lesson’s own robust_ai_service.py, unchanged but for its base URL, gets an honest card', async ({ dashboard, page }) => {
    let hasPython = true;
    try {
      execFileSync('python3', ['-c', 'import openai'], { stdio: 'ignore' });
    } catch {
      hasPython = false;
    }
    test.skip(!hasPython, 'needs python3 with the openai package (pip install openai)');
    test.setTimeout(240_000);
    const panel = new YourCodePanel(page);
    await dashboard.goto();
    const baseURL = await panel.baseUrl(dashboard);
    await panel.startExam();
    // The lesson's file as printed (lib/grading/lesson/robust_ai_service.py): `OpenAI()` reads its base URL from the environment.
    const script = path.join(__dirname, '..', 'lib', 'grading', 'lesson', 'robust_ai_service.py');
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn('python3', [script], { env: { ...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-lesson' } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`python exited ${code}: ${out}`))));
      });
    // Three runs of its four-question demo play the seven scenes (a cached question makes no call).
    for (let i = 0; i < 3; i++) await run();
    await expect(panel.exam).toHaveAttribute('data-state', 'finished', { timeout: 20_000 });
    await panel.expectVerdicts({
      'honours-retry-after': 'fail', // the SDK waited out Retry-After twice; the decorator's own retry came after 0.5–1.5 s
      'no-retry-on-permanent': 'fail', // it retries 401 and quota errors: APIError is the base of every error in Python
      'stops-on-quota': 'fail',
      'times-out': 'pass', // timeout=30
      'detects-cut-stream': 'unobserved', // it never streams
      'layered-retries': 'fail', // the SDK's 3 attempts under the decorator's 3
    });
    await panel.check('layered-retries').locator('summary').click();
    await expect(panel.check('layered-retries')).toContainText(/X-Stainless-Retry-Count 0…2/);
  });
});
