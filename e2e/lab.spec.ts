import { expect, test } from './fixtures';

test.use({ locale: 'zh-CN' });

test.describe('guided lab', () => {
  test('a task goes from open to done from the student’s own runs, and stays done after a reload', async ({ dashboard, page }) => {
    await dashboard.goto();
    const task = dashboard.labTask('t4');
    await expect(task).toHaveAttribute('data-done', 'false');
    await expect(task).toContainText('同一个问题发两次');
    await dashboard.setSpeed(60);

    // The same question twice: the second answer comes from the cache…
    await dashboard.sendMessage('什么是Rust？');
    const second = await dashboard.sendMessage('什么是Rust？');
    expect(second.source).toBe('cache');
    await expect(task).toHaveAttribute('data-done', 'false');
    // …and a new one under a server error: the local model answers.
    await dashboard.choosePreset('server-error');
    const local = await dashboard.sendMessage('什么是TypeScript？');
    expect(local.source).toBe('local');
    await expect(task).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('lab-progress')).toHaveText('已完成 1 / 5');

    await page.reload();
    await expect(dashboard.connection).toHaveAttribute('data-status', 'live');
    await expect(dashboard.labTask('t4')).toHaveAttribute('data-done', 'true');
    await expect(dashboard.labTask('t5')).toHaveAttribute('data-done', 'false');

    // The lesson's demo ticks its own task: four questions, 75.00% and 25.00%.
    await dashboard.playScript('lesson-demo');
    await dashboard.waitForScriptDone();
    await expect(dashboard.stat(/^成功率$/)).toHaveText('75.00%');
    await expect(dashboard.stat(/^缓存命中率$/)).toHaveText('25.00%');
    await expect(dashboard.labTask('t5')).toHaveAttribute('data-done', 'true');

    // Reset clears the progress, in this browser too.
    await page.getByRole('button', { name: '重置进度' }).click();
    await expect(dashboard.labTask('t4')).toHaveAttribute('data-done', 'false');
    await page.reload();
    await expect(dashboard.labTask('t4')).toHaveAttribute('data-done', 'false');
  });

  test('the open task says what to try: the default two retries cannot show doubling delays', async ({ dashboard }) => {
    await dashboard.goto();
    await expect(dashboard.labTask('t2')).toContainText('默认只重试 2 次');
    await dashboard.setSpeed(60);
    await dashboard.setNumber(/^最大重试次数$/, 3);
    await dashboard.page.getByRole('combobox', { name: '退避策略' }).selectOption('exponential');
    await dashboard.choosePreset('server-error');
    await dashboard.sendMessage('什么是Go？');
    await expect(dashboard.labTask('t2')).toHaveAttribute('data-done', 'true');
  });
});
