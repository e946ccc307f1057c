/**
 * `npm run sim`: the simulator CLI (./cli.ts), started with plain `node` from a cached bundle.
 *
 * Why not `tsx lib/sim/cli.ts`? tsx loads its loader and compiles TypeScript on every start,
 * about 0.8 s on these machines: longer than Brooker's whole experiment takes to simulate.
 * So the first run bundles cli.ts and everything it imports with esbuild (already installed,
 * as tsx's own compiler) into one .mjs file, and later runs only check that the bundle is
 * still fresh and import it. The cache sits in node_modules/.cache/sim-cli/, which git,
 * ESLint, tsc and vitest all ignore; set SIM_CLI_CACHE_DIR to put it elsewhere.
 *
 * Fresh means: every file esbuild read (from its metafile), plus tsconfig.json and this
 * launcher, has the size and modification time recorded when the bundle was built. Any
 * edit, checkout or deletion of a source therefore rebuilds on the next run, and nothing
 * needs the network. If esbuild is missing, the CLI still runs, through tsx (slowly).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const entry = join(here, 'cli.ts');
const cacheDir = process.env.SIM_CLI_CACHE_DIR ? resolve(process.env.SIM_CLI_CACHE_DIR) : join(root, 'node_modules', '.cache', 'sim-cli');
const bundlePath = join(cacheDir, 'cli.mjs');
const metaPath = join(cacheDir, 'cli.meta.json');
/** Files that shape the bundle without being imported by it. */
const extraInputs = [join(root, 'tsconfig.json'), fileURLToPath(import.meta.url)];

/** `[mtimeMs, size]` of a file, or `null` if it is gone. */
function fingerprint(file) {
  try {
    const s = statSync(file);
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** True when the bundle exists and no input changed since it was built. */
function isFresh() {
  let meta;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch {
    return false;
  }
  if (meta.version !== 1 || fingerprint(bundlePath) === null) return false;
  for (const [file, recorded] of Object.entries(meta.inputs)) {
    const now = fingerprint(resolve(root, file));
    if (now === null || now[0] !== recorded[0] || now[1] !== recorded[1]) return false;
  }
  return true;
}

/** Write `contents` to `file` by renaming a complete temporary file, so a concurrent run never reads half a bundle. */
function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

async function build() {
  process.stderr.write(`sim: bundling lib/sim/cli.ts into ${relative(root, bundlePath)} (first run, or its sources changed)\n`);
  const esbuild = await import('esbuild');
  const startedAt = Date.now();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: root,
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((f) => resolve(root, f)), ...extraInputs]) {
    const print = fingerprint(file);
    // A file edited while we were building may not be in the bundle: record it as changed.
    inputs[relative(root, file)] = print === null || print[0] >= startedAt ? [-1, -1] : print;
  }
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(bundlePath, result.outputFiles[0].contents);
  writeAtomically(metaPath, `${JSON.stringify({ version: 1, esbuild: esbuild.version, inputs }, null, 1)}\n`);
}

const args = process.argv.slice(2);
let built = isFresh();
if (!built) {
  try {
    await build();
    built = true;
  } catch (error) {
    // A compile error is the user's to fix (esbuild has printed it); tsx would only repeat it.
    if (Array.isArray(error?.errors) && error.errors.length > 0) process.exit(1);
    process.stderr.write(`sim: could not bundle the CLI (${error instanceof Error ? error.message : String(error)}); running it through tsx instead\n`);
  }
}
if (built) {
  const { runCli } = await import(pathToFileURL(bundlePath).href);
  process.exitCode = runCli(args, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
} else {
  // Loaded only here: node:child_process (and node:net under it) take ~5 ms to load, 2% of a whole run.
  const { spawnSync } = await import('node:child_process');
  const child = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: 'inherit', cwd: root });
  process.exitCode = child.status ?? 1;
}
