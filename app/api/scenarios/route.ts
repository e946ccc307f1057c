import { BACKOFF_IDS, BACKOFFS } from '@/lib/resilience/backoff';
import { BREAKER_PRESETS, LIBRARY_BREAKER_DEFAULTS } from '@/lib/resilience/breaker-presets';
import { json } from '@/lib/sandbox/http';
import { FAULTS } from '@/mocks/faults';
import { SCENARIO_PRESETS } from '@/mocks/presets';

/** The catalogue the dashboard builds its pickers from: presets, faults, strategies, breaker presets. */
export function GET() {
  return json({
    presets: SCENARIO_PRESETS,
    faults: Object.values(FAULTS).map(({ id, label, description, sdkError }) => ({ id, label, description, sdkError })),
    strategies: BACKOFF_IDS.map((id) => ({ id, label: BACKOFFS[id].label })),
    breakerPresets: Object.values(BREAKER_PRESETS),
    libraryBreakerDefaults: LIBRARY_BREAKER_DEFAULTS,
  });
}
