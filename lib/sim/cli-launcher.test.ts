import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USAGE } from './cli-args';
import { runCli } from './cli';

// Each test run gets its own cache, so it starts as a fresh clone does: with no bundle.
const cacheDir = mkdtempSync(join(tmpdir(), 'sim-cli-cache-'));
const launcher = join(__dirname, 'cli-launcher.mjs');
const metaPath = join(cacheDir, 'cli.meta.json');

function launch(args: string[]) {
  const r = spawnSync(process.execPath, [launcher, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SIM_CLI_CACHE_DIR: cacheDir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr, built: r.stderr.includes('sim: bundling') };
}

function inProcess(args: string[]) {
  let out = '';
  const code = runCli(args, { out: (t) => (out += t), err: () => {} });
  return { code, out };
}

afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

// Each case spawns node (and the first, esbuild): generous time on a busy machine.
describe('cli-launcher (npm run sim)', { timeout: 30_000 }, () => {
  it('bundles on the first run, then reuses the bundle; prints the usage either way', () => {
    const first = launch(['--help']);
    expect(first).toMatchObject({ code: 0, out: `${USAGE}\n`, built: true });
    const second = launch(['--help']);
    expect(second).toMatchObject({ code: 0, out: `${USAGE}\n`, err: '', built: false });
  });

  it('prints what runCli prints in-process, byte for byte', () => {
    const args = ['--model', 'api', '--clients', '30', '--runs', '4', '--seed', '3', '--strategies', 'all', '--json'];
    const launched = launch(args);
    expect(launched.code).toBe(0);
    expect(launched.out).toBe(inProcess(args).out);
  });

  it('passes on the CLI’s exit code and message for bad input', () => {
    const r = launch(['--clients', 'many']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sim: .*clients/);
  });

  it('rebuilds when an input differs from what was recorded, or the record is unreadable', () => {
    launch(['--help']);
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { inputs: Record<string, [number, number]> };
    // The record names every source the bundle was built from, the imported lib/resilience ones too.
    expect(Object.keys(meta.inputs)).toEqual(expect.arrayContaining(['lib/sim/cli.ts', 'lib/sim/occ-model.ts', 'lib/resilience/backoff.ts', 'tsconfig.json']));
    // Pretend occ-model.ts was edited after the build (its size no longer matches).
    meta.inputs['lib/sim/occ-model.ts']![1] += 1;
    writeFileSync(metaPath, JSON.stringify(meta));
    expect(launch(['--help']).built).toBe(true);
    expect(launch(['--help']).built).toBe(false);
    writeFileSync(metaPath, 'not json');
    expect(launch(['--help'])).toMatchObject({ code: 0, built: true });
  });
});
