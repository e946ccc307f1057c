import { mkdir, writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test.use({ locale: 'zh-CN' });

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.beforeAll(async () => mkdir('test-results/screenshots', { recursive: true }));

test.describe('export', () => {
  test('a chart exported as PNG is a valid image of that chart; as SVG, a standalone drawing with its title', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.setSpeed(60);
    // Keep the breaker open for 300 s of sandbox time, so the picture shows it OPEN.
    await dashboard.setNumber(/熔断时长/, 300);
    await dashboard.choosePreset('server-error');
    await dashboard.sendBurst(10);
    await dashboard.waitForRunDone();
    await dashboard.expectBreaker('OPEN');
    const chart = page.getByTestId('chart-breaker');
    await expect(chart.locator('xpath=..')).not.toHaveAttribute('data-stale', 'true');
    const plot = await chart.locator('svg.recharts-surface').boundingBox();

    const png = await dashboard.download(chart.getByRole('button', { name: /导出 PNG/ }));
    expect(png.name).toBe('breaker-timeline.png');
    await writeFile('test-results/screenshots/breaker-export.png', png.bytes);
    const size = pngSize(png.bytes);
    // 2× for a crisp slide: the chart's width, and its height plus the title and legend bands.
    expect(size.width).toBe(Math.round(plot!.width) * 2);
    expect(size.height).toBeGreaterThan(Math.round(plot!.height) * 2);
    // The browser decodes it, and it is a drawing, not a blank: many distinct colours, the OPEN band among them.
    const pixels = await page.evaluate(async (b64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, image.width, image.height).data;
      const colours = new Set<number>();
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        // The OPEN band and markers: --open (#d55e00) and its tints are orange: red high, blue well below it.
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r > 200 && r - b > 35 && g > b && g < r) orange++;
      }
      return { width: image.width, height: image.height, colours: colours.size, orange };
    }, png.bytes.toString('base64'));
    expect(pixels).toMatchObject({ width: size.width, height: size.height });
    expect(pixels.colours).toBeGreaterThan(20);
    expect(pixels.orange).toBeGreaterThan(500);

    const svg = await dashboard.download(chart.getByRole('button', { name: /导出 SVG/ }));
    expect(svg.name).toBe('breaker-timeline.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('熔断器状态随时间');
    expect(text).toContain('HALF_OPEN');
    expect(text).not.toContain('var(--');
  });

  test('the session’s events download as CSV and JSON', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.playScript('lesson-demo');
    await dashboard.waitForScriptDone();
    const csv = await dashboard.download(page.getByTestId('export-csv'));
    expect(csv.name).toMatch(/^sandbox-events-lesson-demo-seed42\.csv$/);
    const rows = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(rows[0]).toBe('seq,at_ms,type,request_id,message,source,attempts,started_ms,latency_ms,retry,delay_ms,reason,formula,from,to,detail_zh,detail_en');
    const requests = rows.filter((r) => r.split(',')[2] === 'request');
    expect(requests.map((r) => r.split(',')[5])).toEqual(['api', 'cache', 'api', 'api']);
    expect(requests.map((r) => r.split(',')[4])).toEqual(['什么是Python？', '什么是Python？', '什么是Java？', '什么是Go？']);

    const json = await dashboard.download(page.getByTestId('export-json'));
    const body = JSON.parse(json.bytes.toString('utf8')) as { session: { script: string }; events: { type: string }[] };
    expect(body.session.script).toBe('lesson-demo');
    expect(body.events.filter((e) => e.type === 'request')).toHaveLength(4);
    expect(body.events.filter((e) => e.type === 'script')).toHaveLength(1);
  });
});
