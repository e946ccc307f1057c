import type { Policy, Speed } from '@/lib/contract';
import type { Scenario } from '@/lib/scenario/scenario';

/** The settings a session is built from; everything else is derived. A leaf, so the scripts and rooms can name it without importing the session. */
export interface SessionSettings {
  presetId: string | null;
  scenario: Scenario;
  policy: Policy;
  speed: Speed;
  mode: 'sandbox' | 'real';
}

/** A session's scenario before anyone changes it: no faults, seed 42. */
export const DEFAULT_SCENARIO: Scenario = { primary: { rules: [] }, local: { rules: [] }, seed: 42 };
