import type { ErrorKind } from '@/lib/contract';
import type { FaultId } from '@/lib/scenario/fault-ids';
import type { Scenario } from '@/lib/scenario/scenario';
import { isErrorFault, PROVIDER_ERRORS, PROVIDER_IDS, renderProviderError, type ErrorFaultId, type ProviderError, type ProviderId } from '@/lib/scenario/providers';

/**
 * The provider switch's data, without React: which of the scenario's faults
 * each dialect renders as an error, what it sends, and what a good client
 * does about it. Pure, so the dashboard's table and its tests agree.
 */

/** What a good client does: retry with backoff, retry more slowly, or never. */
export type Verdict = 'retry' | 'slower' | 'never';

/**
 * The verdict per error kind, as lib/resilience/classify decides it (the test
 * checks they agree). Kept here so the dashboard does not bundle the SDK.
 */
export const VERDICT: Readonly<Record<ErrorKind, Verdict>> = {
  'rate-limit': 'retry',
  'slow-down': 'slower',
  quota: 'never',
  server: 'retry',
  timeout: 'retry',
  connection: 'retry',
  auth: 'never',
  permission: 'never',
  'not-found': 'never',
  'bad-request': 'never',
  'context-length': 'never',
  unprocessable: 'never',
  'content-filter': 'never',
  incomplete: 'never',
  conflict: 'retry',
  'request-timeout': 'retry',
  aborted: 'never',
  stream: 'retry',
  'circuit-open': 'never',
  unknown: 'never',
};

/** One fault in one dialect. */
export interface ProviderRow {
  fault: ErrorFaultId;
  error: ProviderError;
  verdict: Verdict;
  /** The same fault's status on every provider, to show where they differ. */
  statuses: Record<ProviderId, number>;
  /** Other meanings this provider gives the same status: why the status alone misleads. */
  alsoMeans: ErrorKind[];
}

/** The scenario's faults, primary layer first, each once, in rule order. */
export function scenarioFaults(scenario: Pick<Scenario, 'primary' | 'local'> | null): FaultId[] {
  if (!scenario) return [];
  return [...new Set([...scenario.primary.rules, ...scenario.local.rules].map((r) => r.fault))];
}

/** The rows of one dialect for some faults (the ones with no error body are left out). */
export function providerRows(provider: ProviderId, faults: readonly FaultId[], model?: string): ProviderRow[] {
  return faults.filter(isErrorFault).map((fault) => {
    const error = renderProviderError(provider, fault, model ? { model } : {});
    const kinds = new Set(Object.values(PROVIDER_ERRORS[provider]).filter((r) => r.status === error.status && r.kind !== error.kind).map((r) => r.kind));
    return {
      fault,
      error,
      verdict: VERDICT[error.kind],
      statuses: Object.fromEntries(PROVIDER_IDS.map((p) => [p, PROVIDER_ERRORS[p][fault].status])) as Record<ProviderId, number>,
      alsoMeans: [...kinds].sort(),
    };
  });
}

/** Faults shown when the scenario has none with an error body: the lesson's two best examples. */
export const EXAMPLE_FAULTS: readonly ErrorFaultId[] = ['quota', 'unavailable-503', 'token-rate-limit'];
