import { applyPolicyPatch, type SessionUpdateInput } from '@/lib/contract';
import { getPreset } from '@/lib/scenario/presets';
import { realModeAvailable } from './clients';
import type { SessionSettings } from './session-settings';

/**
 * Turn a validated update into new settings. A preset replaces both layers'
 * faults (keeping the seed); explicit layers then override it. Editing the
 * faults by hand clears the preset label, since the scenario is no longer that preset.
 */
export function resolveUpdate(current: SessionSettings, u: SessionUpdateInput): Partial<SessionSettings> | { error: string } {
  if (u.mode === 'real' && !realModeAvailable()) return { error: 'Real mode needs OPENAI_API_KEY in the server environment.' };
  const next: Partial<SessionSettings> = {};
  let scenario = current.scenario;
  if (u.presetId) {
    const preset = getPreset(u.presetId)!;
    scenario = { ...preset.scenario, seed: scenario.seed };
    next.presetId = preset.id;
  }
  if (u.scenario) {
    scenario = { ...scenario, ...u.scenario };
    if (u.scenario.primary || u.scenario.local) next.presetId = u.presetId ?? null;
  }
  if (scenario !== current.scenario) next.scenario = scenario;
  if (u.policy) next.policy = applyPolicyPatch(current.policy, u.policy);
  if (u.speed) next.speed = u.speed;
  if (u.mode) next.mode = u.mode;
  return next;
}
