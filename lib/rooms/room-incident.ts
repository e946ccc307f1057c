import type { Policy, ScriptStatus } from '@/lib/contract';
import type { Clock } from '@/lib/resilience/clock';
import type { Scenario } from '@/lib/scenario/scenario';
import type { Script, ScriptLang, ScriptLoad } from '@/lib/scenario/scripts';
import { ScriptPlayer } from '@/lib/sandbox/script-player';
import type { SandboxSession, SessionSettings } from '@/lib/sandbox/session';
import type { SimClass } from './sim-class';

/** What a room's incident changes. */
export interface IncidentHost {
  lang(): ScriptLang;
  /** The room's settings as a script step reads them (its faults, policy and speed). */
  settings(): SessionSettings;
  /** Everyone's faults from now on (simulated students at once; members through their overrides). */
  setFaults(presetId: string | null, faults: Omit<Scenario, 'seed'>): void;
  /** The room's policy from now on (a step's patch, e.g. a 5 s open period for the flapping upstream). */
  setPolicy(policy: Policy): void;
  members(): SandboxSession[];
  sims: Pick<SimClass, 'start' | 'stop'>;
}

/**
 * The room's incident: the classroom script played by the same
 * {@link ScriptPlayer} a solo session uses (lib/sandbox/script-player.ts), on
 * the room clock, with a host that applies each step to the whole room.
 *
 * - Faults switch for every member and simulated student in the one timer
 *   callback of the step: the same fault at the same sandbox time, by construction.
 * - A load step starts the script's load in every member's sandbox (as playing
 *   the script alone would) and sets the simulated students asking; a stop
 *   step stops both. Pausing the script stops them too.
 * - Questions (`ask`) go to every member.
 */
export function roomIncident(script: Script, lang: ScriptLang, clock: Clock, host: IncidentHost, onStatus: (status: ScriptStatus) => void): ScriptPlayer {
  const everyone = (fn: (s: SandboxSession) => unknown) => {
    for (const s of host.members()) {
      try {
        fn(s);
      } catch {
        // One member's refusal (the process runs its maximum of loads) must not stop the others'.
      }
    }
  };
  const load = (l: ScriptLoad) => {
    if (l.kind === 'stop') {
      host.sims.stop();
      everyone((s) => s.stopRun());
      return;
    }
    host.sims.start();
    everyone((s) => (l.kind === 'steady' ? s.startSteady(l.rps) : s.startBurst(l.count)));
  };
  return new ScriptPlayer({
    script,
    lang,
    clock,
    onStatus,
    host: {
      settings: () => host.settings(),
      update: (next) => {
        const current = host.settings();
        if (next.scenario && next.scenario !== current.scenario) host.setFaults(next.presetId ?? null, { primary: next.scenario.primary, local: next.scenario.local });
        if (next.policy && next.policy !== current.policy) host.setPolicy(next.policy);
        everyone((s) => s.update({}));
      },
      load,
      chat: (message) => Promise.allSettled(host.members().map((s) => s.chat(message))),
    },
  });
}
