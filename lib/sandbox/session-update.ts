import { z } from 'zod';
import { getPreset, PRESET_IDS } from '@/mocks/presets';
import { layerScenarioSchema, scenarioSchema } from '@/mocks/scenario';
import { realModeAvailable } from './clients';
import { applyPolicyPatch, policyPatchSchema } from './policy';
import { SPEEDS } from './protocol';
import type { SessionSettings } from './session';

/** `PUT /api/session`: every field optional, unknown keys rejected. */
export const sessionUpdateSchema = z
  .object({
    presetId: z.string().refine((id) => PRESET_IDS.includes(id), { message: `unknown preset; expected one of: ${PRESET_IDS.join(', ')}` }).optional(),
    scenario: z
      .object({ primary: layerScenarioSchema.optional(), local: layerScenarioSchema.optional(), seed: scenarioSchema.shape.seed.optional() })
      .strict()
      .optional(),
    policy: policyPatchSchema.optional(),
    speed: z.union(SPEEDS.map((s) => z.literal(s)) as [z.ZodLiteral<1>, z.ZodLiteral<10>, z.ZodLiteral<60>]).optional(),
    mode: z.enum(['sandbox', 'real']).optional(),
  })
  .strict();
export type SessionUpdateInput = z.infer<typeof sessionUpdateSchema>;

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
