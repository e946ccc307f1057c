import type { Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';
import type { FaultMode, FaultRule, LayerScenario } from '@/lib/scenario/scenario';

/**
 * Decides, call by call, which rule of a layer fires. The only state is the
 * layer's call counter (for `first-n`); time and chance come from the injected
 * clock and random, so a seeded scenario replays the same faults every time.
 */

/** What a mode needs to decide about one call. */
export interface ModeInput {
  /** 0-based index of this call since the scenario was set. */
  callIndex: number;
  /** Sandbox time in ms. */
  now: number;
  random: Random;
}

/**
 * Whether a mode fires for one call. `probability` draws exactly one number
 * from `random` (and nothing else does), so the draw sequence depends only on
 * the order rules are evaluated in.
 */
export function isModeActive(mode: FaultMode, input: ModeInput): boolean {
  switch (mode.kind) {
    case 'always':
      return true;
    case 'probability':
      return input.random() < mode.p;
    case 'first-n':
      return input.callIndex < mode.n;
    case 'timeline':
      return input.now >= mode.fromMs && input.now < mode.toMs;
  }
}

/**
 * The first active rule, or `null` (healthy). Rules after the winner are not
 * evaluated, so they draw no random numbers.
 */
export function pickRule(layer: LayerScenario, input: ModeInput): FaultRule | null {
  for (const rule of layer.rules) if (isModeActive(rule.mode, input)) return rule;
  return null;
}

/** A layer's picker: counts calls and picks the rule for each. */
export interface RulePicker {
  /** Count one call and return the rule that fires for it, or `null`. */
  next(): FaultRule | null;
  /** Swap the layer's rules and restart the `first-n` count. */
  reset(layer: LayerScenario): void;
  readonly layer: LayerScenario;
}

/** @param clock sandbox time for `timeline` rules (it should read 0 when the session starts). */
export function createRulePicker(layer: LayerScenario, clock: Clock, random: Random): RulePicker {
  let current = layer;
  let calls = 0;
  return {
    next: () => pickRule(current, { callIndex: calls++, now: clock.now(), random }),
    reset: (l) => {
      current = l;
      calls = 0;
    },
    get layer() {
      return current;
    },
  };
}
