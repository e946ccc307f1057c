import { runExperiment, validateExperimentOptions, type ExperimentOptions, type ExperimentResult } from './run';
import type { SimStrategyId } from './strategies';

/** A sweep: the same experiment at several herd sizes (Brooker's figures use 10 to 190). */
export interface SweepOptions extends Omit<ExperimentOptions, 'clients' | 'onProgress'> {
  /** Herd sizes, e.g. `[10, 20, …, 200]`. */
  clientCounts: readonly number[];
  /** Called after each (herd size, strategy) pair finishes. */
  onProgress?: (done: number, total: number) => void;
}

/** Means at one herd size, keyed by strategy id; ready for a chart's `dataKey="calls.full"`. */
export interface SweepPoint {
  clients: number;
  calls: Partial<Record<SimStrategyId, number>>;
  completionMs: Partial<Record<SimStrategyId, number>>;
  /** `api` only: mean clients that gave up. */
  giveUps?: Partial<Record<SimStrategyId, number>>;
}

/** A sweep's settings, the strategies in order with their labels, and one point per herd size. JSON-serialisable. */
export interface SweepResult {
  options: Omit<ExperimentResult['options'], 'clients'> & { clientCounts: number[] };
  strategies: { id: SimStrategyId; label: { zh: string; en: string }; brookerName?: string }[];
  points: SweepPoint[];
}

/** Herd sizes `from, from + step, …` up to and including `to`, e.g. `clientRange(10, 200, 10)`. */
export function clientRange(from: number, to: number, step: number): number[] {
  if (!(step > 0)) return [];
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

/**
 * Mean calls and mean completion time against the number of clients: the data of
 * Brooker's two line charts. Each herd size runs {@link runExperiment} with the same
 * seed, so the sweep is deterministic too.
 * @throws RangeError when an option or a herd size is invalid.
 */
export function sweepClients(options: SweepOptions): SweepResult {
  const { clientCounts, onProgress, ...rest } = options;
  if (clientCounts.length === 0) throw new RangeError('Invalid sweep: clientCounts must not be empty');
  const errors = clientCounts.flatMap((clients) => validateExperimentOptions({ ...rest, clients }));
  if (errors.length > 0) throw new RangeError(`Invalid sweep: ${[...new Set(errors)].join('; ')}`);

  const perPoint = rest.runs;
  const total = clientCounts.length * perPoint;
  let last: ExperimentResult | undefined;
  const points = clientCounts.map((clients, i): SweepPoint => {
    const result = runExperiment({
      ...rest,
      clients,
      ...(onProgress ? { onProgress: (done: number) => onProgress(i * perPoint + done, total) } : {}),
    });
    last = result;
    const point: SweepPoint = { clients, calls: {}, completionMs: {} };
    for (const s of result.strategies) {
      point.calls[s.id] = s.calls.mean;
      point.completionMs[s.id] = s.completionMs.mean;
      if (s.giveUps) (point.giveUps ??= {})[s.id] = s.giveUps.mean;
    }
    return point;
  });

  const { clients: _clients, ...settings } = last!.options;
  return {
    options: { ...settings, clientCounts: [...clientCounts] },
    strategies: last!.strategies.map((s) => ({ id: s.id, label: s.label, ...(s.brookerName ? { brookerName: s.brookerName } : {}) })),
    points,
  };
}
