import type { Disposable } from '@/lib/resilience/events';
import { envNumber } from './env';

/**
 * Process-wide admission control: one session, or one runaway script, cannot
 * take the whole process. A full gate answers at once with a 429 and
 * Retry-After instead of queueing work that would time out anyway.
 */
export class Gate {
  private used = 0;

  /**
   * @param name shown in the refusal message, e.g. "chat requests".
   * @param capacity most holders at once.
   */
  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  get inUse(): number {
    return this.used;
  }

  /** A slot, or `undefined` when the gate is full. Dispose the slot exactly when the work ends. */
  tryEnter(): Disposable | undefined {
    if (this.used >= this.capacity) return undefined;
    this.used++;
    let held = true;
    return {
      dispose: () => {
        if (held) this.used--;
        held = false;
      },
    };
  }
}


/** The process's gates. Sized for a class of 200 on one laptop; each can be raised by environment variable. */
export interface Gates {
  /** `POST /api/chat` requests in flight, all sessions together. Default 400 (`SANDBOX_MAX_CHATS`). */
  chat: Gate;
  /** Runs (bursts, steady loads) active at once, all sessions together. Default 250 (`SANDBOX_MAX_RUNS`). */
  runs: Gate;
  /** Requests in flight on the OpenAI-compatible endpoint. Default 1000 (`SANDBOX_MAX_ENDPOINT`): a `timeout` preset holds each until its client gives up. */
  endpoint: Gate;
}

/** `POST /api/chat` requests one session may have in flight. */
export const MAX_CHATS_PER_SESSION = 32;

const globalGates = globalThis as unknown as { __sandboxGates?: Gates };

/** The process-wide gates (on globalThis, so dev-mode reloads keep the counts). */
export function gates(): Gates {
  return (globalGates.__sandboxGates ??= {
    chat: new Gate('chat requests', envNumber('SANDBOX_MAX_CHATS', 400)),
    runs: new Gate('runs', envNumber('SANDBOX_MAX_RUNS', 250)),
    endpoint: new Gate('endpoint requests', envNumber('SANDBOX_MAX_ENDPOINT', 1000)),
  });
}

/** Thrown when a gate is full; routes turn it into a 429 with Retry-After. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  /** Seconds to wait before trying again. */
  readonly retryAfterS = 1;
  constructor(readonly gate: Gate) {
    super(`The sandbox is busy: ${gate.capacity} ${gate.name} are already in flight. Retry in a second.`);
  }
}

/** Enter every gate or none: the slots held together, or a {@link BusyError} for the first full gate. */
export function enterAll(...list: Gate[]): Disposable {
  const held: Disposable[] = [];
  for (const gate of list) {
    const slot = gate.tryEnter();
    if (!slot) {
      held.forEach((h) => h.dispose());
      throw new BusyError(gate);
    }
    held.push(slot);
  }
  return { dispose: () => held.forEach((h) => h.dispose()) };
}
