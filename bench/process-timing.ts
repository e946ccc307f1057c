/**
 * Whole-process wall times: start a command, wait for it to exit, and time it.
 *
 * Commands are run round by round in a rotating order (A B C, B C A, …), so that a
 * busy neighbour on these shared 2-core machines slows every command alike and the
 * medians' *ratios* stay meaningful.
 */
import { spawnSync } from 'node:child_process';

/** One command to time. */
export interface TimedCommand {
  name: string;
  command: string;
  args: readonly string[];
  /** Variables removed from this process's environment for the command. Default none. */
  unsetEnv?: readonly string[];
}

/** One finished run of a command. */
export interface ProcessRun {
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  stdout: string;
}

/** Every run of one command. */
export interface ProcessTiming {
  name: string;
  /** Median wall time in ms. */
  medianMs: number;
  runs: ProcessRun[];
}

/** Thrown when a command is missing, fails, or exits non-zero: a benchmark must not time a crash. */
export class CommandFailedError extends Error {
  constructor(
    readonly command: TimedCommand,
    readonly reason: string,
    /** True when the executable itself was not found (e.g. no python3). */
    readonly missing: boolean,
  ) {
    super(`${command.name} (${[command.command, ...command.args].join(' ')}): ${reason}`);
  }
}

/** Run `c` once and time it. @throws CommandFailedError */
export function runTimed(c: TimedCommand, cwd: string): ProcessRun {
  let env: NodeJS.ProcessEnv | undefined;
  if (c.unsetEnv) {
    env = { ...process.env };
    for (const name of c.unsetEnv) delete env[name];
  }
  const start = performance.now();
  const r = spawnSync(c.command, c.args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (r.error) throw new CommandFailedError(c, r.error.message, (r.error as NodeJS.ErrnoException).code === 'ENOENT');
  if (r.status !== 0) throw new CommandFailedError(c, `exit ${r.status ?? r.signal}: ${r.stderr.trim().slice(0, 500)}`, false);
  return { ms, stdout: r.stdout };
}

/**
 * Time every command `rounds` times, interleaved, after one untimed warm-up round
 * (file cache, a first-run build).
 * @param rounds timed rounds. Default 5.
 * @throws CommandFailedError from the first command that fails.
 */
export function timeInterleaved(commands: readonly TimedCommand[], cwd: string, rounds = 5): ProcessTiming[] {
  for (const c of commands) runTimed(c, cwd);
  const runs = commands.map(() => [] as ProcessRun[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (round + k) % commands.length;
      runs[i]!.push(runTimed(commands[i]!, cwd));
    }
  }
  return commands.map((c, i) => ({ name: c.name, medianMs: median(runs[i]!.map((r) => r.ms)), runs: runs[i]! }));
}

/** Median (mean of the middle two for an even count); 0 for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
