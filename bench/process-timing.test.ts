import { describe, expect, it } from 'vitest';
import { CommandFailedError, median, runTimed, timeInterleaved } from './process-timing';

const node = (name: string, code: string) => ({ name, command: process.execPath, args: ['-e', code] });

describe('process-timing', () => {
  it('median: middle value, mean of the middle two, 0 for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('runs every command once per round after a warm-up, keeping each stdout', () => {
    const timings = timeInterleaved([node('a', 'process.stdout.write("A")'), node('b', 'process.stdout.write("B")')], process.cwd(), 3);
    expect(timings.map((t) => t.name)).toEqual(['a', 'b']);
    for (const t of timings) {
      expect(t.runs).toHaveLength(3);
      expect(t.medianMs).toBeGreaterThan(0);
    }
    expect(timings[0]!.runs.map((r) => r.stdout)).toEqual(['A', 'A', 'A']);
    expect(timings[1]!.runs.map((r) => r.stdout)).toEqual(['B', 'B', 'B']);
  });

  it('runs a command without the variables it is told to unset, and leaves the others', () => {
    process.env.PROCESS_TIMING_PROBE = 'set';
    try {
      const probe = node('probe', 'process.stdout.write(String(process.env.PROCESS_TIMING_PROBE) + " " + typeof process.env.PATH)');
      expect(runTimed(probe, process.cwd()).stdout).toBe('set string');
      expect(runTimed({ ...probe, unsetEnv: ['PROCESS_TIMING_PROBE'] }, process.cwd()).stdout).toBe('undefined string');
    } finally {
      delete process.env.PROCESS_TIMING_PROBE;
    }
  });

  it('refuses to time a crash, and tells a missing program from a failing one', () => {
    const fails = () => runTimed(node('fails', 'process.exit(3)'), process.cwd());
    expect(fails).toThrow(CommandFailedError);
    expect(fails).toThrow(/exit 3/);
    expect(() => fails()).toThrow(expect.objectContaining({ missing: false }));
    try {
      runTimed({ name: 'nope', command: 'definitely-not-a-program-xyz', args: [] }, process.cwd());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CommandFailedError);
      expect((error as CommandFailedError).missing).toBe(true);
    }
  });
});
