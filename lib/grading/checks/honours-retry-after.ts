import { callLabel, count, result, retriedBy, secs, tx } from '../evidence';
import type { CheckDef } from './check';

/** Statuses whose Retry-After the check holds the client to: 429, 503, and Anthropic's 529. */
const ASKING_STATUSES = new Set([429, 503, 529]);

/**
 * `honours-retry-after`: after a 429/503 carrying Retry-After, the next
 * attempt of the same request came no sooner than asked (minus a small
 * tolerance). Not retrying at all is fine (falling back is honouring it), but
 * it proves nothing, so a card with only that stays unobserved.
 */
export const honoursRetryAfter: CheckDef = {
  id: 'honours-retry-after',
  title: tx('遵守 Retry-After', 'Honours Retry-After'),
  rule: (t) =>
    tx(
      `429/503 带 Retry-After 时，同一请求的下一次尝试不得早于它要求的时间（容差 ${t.retryAfterToleranceMs} ms）。`,
      `After a 429/503 with Retry-After, the next attempt of that request must come no sooner than asked (tolerance ${t.retryAfterToleranceMs} ms).`,
    ),
  grade({ tracks, thresholds }) {
    const early: ReturnType<typeof tx>[] = [];
    const honoured: ReturnType<typeof tx>[] = [];
    const calls: number[] = [];
    let notRetried = 0;
    for (const track of tracks) {
      track.calls.forEach((c, i) => {
        if (c.status === null || !ASKING_STATUSES.has(c.status) || c.retryAfterMs === null) return;
        const next = track.calls[i + 1];
        if (!next) {
          notRetried++;
          return;
        }
        const gap = track.gaps[i + 1] ?? null;
        if (gap === null || gap === undefined) return;
        const label = callLabel(c, track.kinds[i]!);
        const by = retriedBy(next);
        const asked = secs(c.retryAfterMs);
        calls.push(c.seq, next.seq);
        if (gap + thresholds.retryAfterToleranceMs < c.retryAfterMs) {
          early.push(tx(`${label.zh} 要求等 ${asked}，#${next.seq} 只等了 ${secs(gap)}（${by.zh}）`, `${label.en} asked for ${asked}; #${next.seq} came after ${secs(gap)} (${by.en})`));
        } else {
          honoured.push(tx(`${label.zh} 要求等 ${asked}，#${next.seq} 等了 ${secs(gap)}（${by.zh}）`, `${label.en} asked for ${asked}; #${next.seq} came after ${secs(gap)} (${by.en})`));
        }
      });
    }
    const skipped = notRetried > 0 ? [tx(`另有 ${notRetried} 次带 Retry-After 的回答没有被重试（放弃或降级，这也算遵守）`, `${count(notRetried, 'more answer', 'more answers')} with Retry-After ${notRetried === 1 ? 'was' : 'were'} not retried (gave up or fell back, which honours it too)`)] : [];
    if (early.length > 0) {
      return result(
        'fail',
        tx(`有 ${early.length} 次重试早于服务器要求的时间：服务器说了等多久，就至少等多久。`, `${count(early.length, 'retry', 'retries')} came sooner than the server asked: when it says how long to wait, wait at least that long.`),
        [...early, ...honoured, ...skipped],
        calls,
      );
    }
    if (honoured.length > 0) {
      return result('pass', tx(`${honoured.length} 次重试都等够了 Retry-After 要求的时间。`, honoured.length === 1 ? 'The retry waited as long as Retry-After asked.' : `All ${honoured.length} retries waited as long as Retry-After asked.`), [...honoured, ...skipped], calls);
    }
    return result(
      'unobserved',
      notRetried > 0
        ? tx('你的代码遇到过 Retry-After，但从没在它之后重试，所以无从判断。', 'Your code met Retry-After but never retried after it, so there is nothing to judge.')
        : tx('还没有看到带 Retry-After 的 429/503。', 'No 429/503 with Retry-After seen yet.'),
      skipped,
      calls,
      tx('选预设“限流 429”（Retry-After 2 秒）并让你的代码重试，或开始考试。', 'Pick the preset "Rate limited" (Retry-After: 2 s) with retries on, or start the exam.'),
    );
  },
};
