import { backoffGrows } from './backoff-grows';
import { boundedAttempts } from './bounded-attempts';
import type { CheckDef } from './check';
import { detectsCutStream } from './detects-cut-stream';
import { honoursRetryAfter } from './honours-retry-after';
import { jitter } from './jitter';
import { layeredRetries } from './layered-retries';
import { noRetryOnPermanent } from './no-retry-on-permanent';
import { stopsOnQuota } from './stops-on-quota';
import { timesOut } from './times-out';

export type { CheckDef, GradingContext } from './check';

/** The report card's checks, in the order it lists them (the ids of issue 11). */
export const CHECKS: readonly CheckDef[] = [
  honoursRetryAfter,
  noRetryOnPermanent,
  backoffGrows,
  jitter,
  boundedAttempts,
  stopsOnQuota,
  timesOut,
  detectsCutStream,
  layeredRetries,
];
