import type { ClientCheckId, Text } from '@/lib/contract';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { tx } from './evidence';

/**
 * The graded exam's fixed script. Each scene is played to one logical request
 * (the next new question the student's code asks): its first attempts get the
 * listed faults, later attempts get a healthy answer or, for permanent errors,
 * the same error again. Scripting per logical request rather than per call
 * keeps every scene about one thing, however many retries the code makes.
 */
export interface ExamScene {
  id: string;
  title: Text;
  /** Fault of attempt 1, 2, …; `null` for a healthy answer. */
  attempts: readonly (FaultId | null)[];
  /** What later attempts get: a healthy answer, or the last fault again (a permanent error stays permanent). */
  after: 'healthy' | 'repeat';
  /** Response headers set on this scene's faulty answers (a test script's tiny Retry-After, say). */
  headers?: Readonly<Record<string, string>>;
  /** The checks this scene gives evidence for. */
  checks: readonly ClientCheckId[];
}

const unavailable = (id: string, title: Text): ExamScene => ({
  id,
  title,
  attempts: ['unavailable-503', 'unavailable-503', 'unavailable-503'],
  after: 'healthy',
  checks: ['backoff-grows', 'jitter', 'layered-retries'],
});

/**
 * The exam: seven scenes, about 20 s for a well-behaved client plus its own
 * timeout. Three 429s outlast an SDK's two retries, so what the student's own
 * code does with Retry-After shows; the two 503 scenes fail the same way, so
 * their waits can be compared for jitter; the permanent errors come last
 * (quota, then a wrong key), each repeated for as long as the code keeps asking.
 */
export const EXAM_SCRIPT: readonly ExamScene[] = [
  {
    id: 'rate-limit',
    title: tx('429 限流，Retry-After 2 秒，连续 3 次', '429 with Retry-After: 2 s, three times'),
    attempts: ['rate-limit', 'rate-limit', 'rate-limit'],
    after: 'healthy',
    checks: ['honours-retry-after', 'layered-retries'],
  },
  unavailable('unavailable-1', tx('503 服务不可用，连续 3 次', '503 unavailable, three times')),
  unavailable('unavailable-2', tx('同样的 503 再来一次（比较抖动）', 'The same 503s again (to compare jitter)')),
  {
    id: 'stream-cut',
    title: tx('流中断（非流式调用则是连接重置）', 'A cut stream (a connection reset without streaming)'),
    attempts: ['stream-cut'],
    after: 'healthy',
    checks: ['detects-cut-stream'],
  },
  { id: 'timeout', title: tx('服务器不响应', 'The server never answers'), attempts: ['timeout'], after: 'healthy', checks: ['times-out'] },
  { id: 'quota', title: tx('429 额度用尽，每次都是', '429 insufficient_quota, every time'), attempts: ['quota'], after: 'repeat', checks: ['stops-on-quota', 'no-retry-on-permanent', 'layered-retries'] },
  { id: 'auth', title: tx('401 密钥无效，每次都是', '401 invalid API key, every time'), attempts: ['auth-401'], after: 'repeat', checks: ['no-retry-on-permanent', 'bounded-attempts'] },
];
