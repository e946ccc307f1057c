import { z } from 'zod';
import { PRESET_IDS } from '@/lib/scenario/presets';
import { layerScenarioSchema, scenarioSchema } from '@/lib/scenario/scenario';
import { SPEEDS } from './limits';
import { policyPatchSchema } from './policy';

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
    /** Pause (true) or resume (false) sandbox time. */
    paused: z.boolean().optional(),
  })
  .strict();
export type SessionUpdateInput = z.infer<typeof sessionUpdateSchema>;
