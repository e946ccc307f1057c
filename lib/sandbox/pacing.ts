import { Pacer } from '@/lib/resilience/pacer';

const globalPacer = globalThis as unknown as { __sandboxPacer?: Pacer };

/** The process-wide pacer that moves every session's sandbox clock (on globalThis, so dev-mode reloads share it). */
export function pacer(): Pacer {
  return (globalPacer.__sandboxPacer ??= new Pacer());
}
