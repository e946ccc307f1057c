import { z } from 'zod';
import { MAX_MESSAGE_CHARS, RUN_LIMITS } from './limits';

const message = z
  .string()
  .trim()
  .min(1, 'message must not be empty')
  .max(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS} characters`);

/** `POST /api/chat`. */
export const chatRequestSchema = z.object({ message }).strict();

const messages = z.array(message).min(1).max(50).optional();

/** `POST /api/runs`. */
export const runRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('burst'), count: z.number().int().min(1).max(RUN_LIMITS.maxBurst), messages }).strict(),
  z
    .object({
      kind: z.literal('steady'),
      /** Requests per second of sandbox time, 0.1–50. */
      rps: z
        .number()
        .min(RUN_LIMITS.minRps, `rps must be at least ${RUN_LIMITS.minRps} (one request every ${1 / RUN_LIMITS.minRps} s)`)
        .max(RUN_LIMITS.maxRps, `rps must be at most ${RUN_LIMITS.maxRps}`),
      /** Stop by itself after this much sandbox time, in ms. */
      durationMs: z.number().int().min(1).max(86_400_000).optional(),
      messages,
    })
    .strict(),
  z.object({ kind: z.literal('stop') }).strict(),
]);

/** `POST /api/session/exam`: start the graded exam's fixed fault script on this session's endpoint, or stop it. */
export const examRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
]);
