import { BACKOFF_IDS, BACKOFFS } from '@/lib/resilience/backoff';
import { BREAKER_PRESETS, LIBRARY_BREAKER_DEFAULTS } from '@/lib/resilience/breaker-presets';
import { json } from '@/lib/sandbox/http';
import { FAULT_IDS } from '@/lib/scenario/fault-ids';
import { faultInfo } from '@/lib/scenario/fault-catalogue';
import { SCENARIO_PRESETS } from '@/lib/scenario/presets';

/** The catalogue the dashboard builds its pickers from: presets, faults, strategies, breaker presets. */
export function GET() {
  return json({
    presets: SCENARIO_PRESETS,
    faults: FAULT_IDS.map((id) => faultInfo(id)),
    strategies: BACKOFF_IDS.map((id) => ({ id, label: BACKOFFS[id].label })),
    breakerPresets: Object.values(BREAKER_PRESETS),
    libraryBreakerDefaults: LIBRARY_BREAKER_DEFAULTS,
  });
}
