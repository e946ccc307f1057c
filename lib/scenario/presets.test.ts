import { describe, expect, it } from 'vitest';
import { FAULT_IDS } from './fault-ids';
import { getPreset, PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { parseScenario } from './scenario';

const REQUIRED = [
  'healthy', 'rate-limited', 'quota-exceeded', 'server-error', 'bad-gateway', 'unavailable', 'timeout', 'connection-reset',
  'auth-error', 'forbidden', 'model-not-found', 'bad-request', 'unprocessable', 'flaky', 'outage-then-recovery', 'slow', 'stream-cut',
];

describe('SCENARIO_PRESETS', () => {
  it('contains every required preset, with unique ids and bilingual text', () => {
    for (const id of REQUIRED) expect(PRESET_IDS).toContain(id);
    expect(new Set(PRESET_IDS).size).toBe(PRESET_IDS.length);
    for (const p of SCENARIO_PRESETS) {
      expect(p.name.zh).toMatch(/\p{Script=Han}/u);
      expect(p.description.en.length).toBeGreaterThan(5);
    }
  });

  it('are all valid scenarios', () => {
    for (const p of SCENARIO_PRESETS) expect(parseScenario({ ...p.scenario, seed: 1 }), p.id).toMatchObject({ ok: true });
  });

  it('keep the local model healthy except in local-down', () => {
    const broken = SCENARIO_PRESETS.filter((p) => p.scenario.local.rules.length > 0).map((p) => p.id);
    expect(broken).toEqual(['local-down']);
  });

  it('use only catalogue faults', () => {
    for (const p of SCENARIO_PRESETS) for (const r of [...p.scenario.primary.rules, ...p.scenario.local.rules]) expect(FAULT_IDS).toContain(r.fault);
  });

  it('getPreset finds by id', () => {
    expect(getPreset('flaky')?.name.en).toBe('Flaky');
    expect(getPreset('nope')).toBeUndefined();
  });
});

