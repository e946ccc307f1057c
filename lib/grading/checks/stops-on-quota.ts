import type { Text } from '@/lib/contract';
import { callLabel, count, result, retriedBy, secs, tx } from '../evidence';
import type { CheckDef } from './check';

/** How long after a quota error other calls are counted for the note, in ms. */
const FOLLOW_UP_MS = 60_000;

/**
 * `stops-on-quota`: after `insufficient_quota` (or a 402, or the provider's
 * spelling) the client stopped calling for that request. The card also counts
 * the other requests it sent in the next minute: a quota is account-wide, so
 * every one of them fails too (a note, not part of the verdict).
 */
export const stopsOnQuota: CheckDef = {
  id: 'stops-on-quota',
  title: tx('额度用尽就停', 'Stops on quota'),
  rule: () =>
    tx('insufficient_quota（或 402 等同义错误）之后，同一请求不得再发。', 'After insufficient_quota (or a 402 or the provider’s equivalent), the request must not be sent again.'),
  grade({ tracks, calls: all }) {
    const kept: Text[] = [];
    const stopped: Text[] = [];
    const calls: number[] = [];
    let firstQuota: { at: number; seq: number } | null = null;
    for (const track of tracks) {
      track.calls.forEach((c, i) => {
        if (track.kinds[i] !== 'quota') return;
        if (!firstQuota || c.at < firstQuota.at) firstQuota = { at: c.answeredAt ?? c.at, seq: c.seq };
        const label = callLabel(c, 'quota');
        const later = track.calls.slice(i + 1);
        calls.push(c.seq, ...later.map((x) => x.seq));
        if (later.length === 0) {
          stopped.push(tx(`${label.zh}：随即停止${track.settled ? '' : '（到目前为止）'}`, `${label.en}: stopped${track.settled ? '' : ' (so far)'}`));
        } else {
          const gap = track.gaps[i + 1] ?? null;
          kept.push(tx(`${label.zh} 之后又发了 ${later.length} 次（第一次在 ${gap === null ? '?' : secs(gap)} 后，${retriedBy(later[0]!).zh}）`, `${label.en} was followed by ${count(later.length, 'more call', 'more calls')} (the first after ${gap === null ? '?' : secs(gap)}, ${retriedBy(later[0]!).en})`));
        }
      });
    }
    const first = firstQuota as { at: number; seq: number } | null;
    const notes: Text[] = [];
    if (first) {
      const others = all.filter((c) => c.at > first.at && c.at - first.at <= FOLLOW_UP_MS && c.seq !== first.seq).length;
      if (others > 0)
        notes.push(tx(`第一次额度错误（#${first.seq}）之后 60 秒内，还有 ${others} 次调用：额度是整个账户的，熔断或直接降级能省下它们。`, `In the 60 s after the first quota error (#${first.seq}) ${count(others, 'more call', 'more calls')} went out: a quota is account-wide, so a breaker or an early fallback would save them.`));
    }
    if (kept.length > 0) {
      return result(
        'fail',
        tx('额度用尽之后还在调用：额度不会自己回来（SDK 默认还会重试两次），要检查账单，不要重试。', 'It kept calling after the quota ran out: a quota does not come back by itself (and the SDK retries it twice by default). Check billing; do not retry.'),
        [...kept, ...stopped, ...notes],
        calls,
      );
    }
    if (stopped.length > 0) return result('pass', tx('额度用尽之后立即停止了这个请求。', 'It stopped the request as soon as the quota ran out.'), [...stopped, ...notes], calls);
    return result(
      'unobserved',
      tx('还没有看到额度错误（insufficient_quota）。', 'No quota error (insufficient_quota) seen yet.'),
      [],
      [],
      tx('选预设“额度用尽”，或开始考试（额度场景）。', 'Pick the preset "Quota exceeded", or start the exam (its quota scene).'),
    );
  },
};
