import type { ClientCheckId, ClientEvidence, ClientVerdict, Text } from '@/lib/contract';
import type { CallRecord } from '../call-record';
import type { GradingThresholds } from '../thresholds';
import type { Track } from '../tracks';

/** What every check reads: the calls, grouped into tracks, as of `now`. */
export interface GradingContext {
  /** All recorded calls, in arrival order. */
  calls: readonly CallRecord[];
  /** Logical requests, by id. */
  tracks: readonly Track[];
  /** Record time now, ms. */
  now: number;
  thresholds: GradingThresholds;
}

/** One check of the report card: a pure function of the context. */
export interface CheckDef {
  id: ClientCheckId;
  title: Text;
  /** How it decides, with the thresholds filled in. */
  rule: (t: GradingThresholds) => Text;
  grade: (ctx: GradingContext) => { verdict: ClientVerdict; evidence: ClientEvidence };
}
