/**
 * Stacked retry loops, flattened: what happens after a request's f-th failed call.
 *
 * `layers` loops of `attempts` attempts each (the app's loop around the SDK's
 * loop …) make up to attempts^layers calls. Counting failed calls in base
 * `attempts`, the last digit is the innermost loop's attempt: after a failure the
 * innermost loop with attempts left retries, and the loops inside it start over
 * — a carry. So the f-th failure is seen by the outermost (app) layer exactly
 * when f is a multiple of attempts^(layers−1): all its inner loops are spent.
 *
 * The model looks both answers up in these tables instead of dividing on every
 * failure.
 */
export interface LayerPlan {
  /** attempts^layers: the most calls one request can make. */
  maxCalls: number;
  /** `outer[f]` is 1 when the f-th failure is an outcome of the outermost layer (its budget and breaker see it). */
  outer: Uint8Array;
  /** `retryIndex[f]`: the retrying layer's 0-based retry number after the f-th failure (its backoff's attempt). */
  retryIndex: Int16Array;
}

/**
 * The plan for `layers` loops of `attempts` attempts (both ≥ 1).
 * Indices run from 1 to maxCalls − 1 (after the last call the request gives up);
 * index maxCalls is set too (`outer` 1) for the final failure.
 */
export function layerPlan(attempts: number, layers: number): LayerPlan {
  const maxCalls = attempts ** layers;
  const innerSpan = attempts ** (layers - 1);
  const outer = new Uint8Array(maxCalls + 1);
  const retryIndex = new Int16Array(maxCalls + 1);
  for (let f = 1; f <= maxCalls; f++) {
    outer[f] = f % innerSpan === 0 ? 1 : 0;
    if (f === maxCalls) continue;
    let span = 1;
    while (f % (span * attempts) === 0) span *= attempts;
    retryIndex[f] = ((f / span) % attempts) - 1;
  }
  return { maxCalls, outer, retryIndex };
}
