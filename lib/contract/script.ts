import { z } from 'zod';
import type { Text } from '@/lib/resilience/text';
import { SCRIPT_IDS, type ScriptId, type ScriptLang } from '@/lib/scenario/scripts';

/**
 * `POST /api/session/script`: play a scripted incident (lib/scenario/scripts.ts)
 * from sandbox time 0, or pause, resume, step, restart or stop the one playing.
 * `lang` picks the language of the questions a script asks (default `zh`).
 */
export const scriptRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), id: z.enum(SCRIPT_IDS), lang: z.enum(['zh', 'en']).optional() }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('step') }).strict(),
  z.object({ action: z.literal('restart') }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
]);
export type ScriptRequest = z.input<typeof scriptRequestSchema>;

/** Where a script's player is. `stopped`: a reset or a new seed ended it before its last step. */
export type ScriptState = 'playing' | 'paused' | 'done' | 'stopped';

/** One script's progress, as the player reports it on the session's event stream. */
export interface ScriptStatus {
  id: ScriptId;
  /**
   * Increases with every change of any script's state in this server: a page keeps the status with
   * the largest, so the HTTP answer to "start" (still playing) never undoes the stream's later "done".
   */
  rev: number;
  lang: ScriptLang;
  state: ScriptState;
  /** Index of the next step to fire; equals `total` once every step has fired. */
  next: number;
  /** Steps in the script. */
  total: number;
  /** Script time when this status was taken, in ms (sandbox time since the start, pauses excluded). */
  atMs: number;
  /** Script time of the last step, in ms. */
  lengthMs: number;
  /** The step that fired last: its index, the sandbox time it fired at (ms) and its caption. */
  last: { index: number; at: number; caption: Text } | null;
}
