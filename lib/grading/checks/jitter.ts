import type { Text } from '@/lib/contract';
import { count, result, secs, tx } from '../evidence';
import type { Track } from '../tracks';
import type { CheckDef } from './check';
import { sameWait, selfChosenGaps } from './self-chosen-gaps';

/** How the attempts before a wait failed, e.g. `503|503`: waits are only compared between requests that failed the same way. */
function signature(track: Track, upTo: number): string {
  return track.calls
    .slice(0, upTo)
    .map((c, i) => (c.status !== null && c.status >= 400 ? String(c.status) : track.kinds[i]))
    .join('|');
}

interface Sample {
  track: number;
  gap: number;
  seq: number;
}

/**
 * Requests compared per failure history: the most recent ones. Pairs grow with
 * the square of this, and a lock-step client shows itself in any two requests.
 */
export const JITTER_SAMPLES_PER_KEY = 24;

/**
 * `jitter`: requests that failed the same way did not wait the same. For each
 * pair of requests that share a failure history (e.g. both got 503, 503), their
 * self-chosen waits at the same point are compared; if every one of them is the
 * same within max(lockstepAbsMs, lockstepRel), the pair is lock-step: a herd of
 * such clients retries in synchronised waves (Brooker 2015).
 */
export const jitter: CheckDef = {
  id: 'jitter',
  title: tx('重试带抖动', 'Retries are jittered'),
  rule: (t) =>
    tx(
      `失败方式相同的两个请求，在同一位置的等待若都相差不到 ${t.lockstepAbsMs} ms 与 ${t.lockstepRel * 100}% 中的较大者，就是“步调一致”，不通过。每种失败方式比较最近的 ${JITTER_SAMPLES_PER_KEY} 个请求。`,
      `Two requests that failed the same way are lock-step when their waits at the same point all differ by less than max(${t.lockstepAbsMs} ms, ${t.lockstepRel * 100}%): that fails. The latest ${JITTER_SAMPLES_PER_KEY} requests per failure history are compared.`,
    ),
  grade({ tracks, thresholds: t }) {
    const byKey = new Map<string, Sample[]>();
    for (const track of tracks) {
      selfChosenGaps(track).forEach((gap, i) => {
        if (gap === null) return;
        const key = signature(track, i);
        const list = byKey.get(key) ?? [];
        list.push({ track: track.id, gap, seq: track.calls[i]!.seq });
        byKey.set(key, list);
      });
    }
    // Per pair of requests: how many shared points matched, and how many differed.
    const pairs = new Map<number, { a: number; b: number; same: number; differ: number; seqs: number[] }>();
    const spreads: Text[] = [];
    for (const [key, all] of byKey) {
      const samples = all.slice(-JITTER_SAMPLES_PER_KEY);
      if (new Set(samples.map((s) => s.track)).size < 2) continue;
      const gaps = samples.map((s) => s.gap);
      const [lo, hi] = [Math.min(...gaps), Math.max(...gaps)];
      const ratio = lo > 0 ? `×${(hi / lo).toFixed(1)}` : '';
      spreads.push(tx(`失败 ${key.replaceAll('|', '、')} 之后：${samples.length} 个请求等了 ${secs(lo)}–${secs(hi)} ${ratio}`, `after ${key.replaceAll('|', ', ')}: ${count(samples.length, 'request', 'requests')} waited ${secs(lo)}–${secs(hi)} ${ratio}`));
      for (let i = 0; i < samples.length; i++)
        for (let j = i + 1; j < samples.length; j++) {
          const [x, y] = [samples[i]!, samples[j]!];
          if (x.track === y.track) continue;
          const [a, b] = x.track < y.track ? [x.track, y.track] : [y.track, x.track];
          const id = a * 2 ** 26 + b; // exact while ids stay below 2^26 (67 million requests in one record)
          let p = pairs.get(id);
          if (!p) pairs.set(id, (p = { a, b, same: 0, differ: 0, seqs: [] }));
          if (sameWait(x.gap, y.gap, t.lockstepAbsMs, t.lockstepRel)) p.same++;
          else p.differ++;
          if (p.seqs.length < 8) p.seqs.push(x.seq, y.seq);
        }
    }
    if (pairs.size === 0) {
      return result(
        'unobserved',
        tx('还没有两个以相同方式失败、又都由你的代码决定等待时间的请求。', 'No two requests have failed the same way with waits your code chose yet.'),
        [],
        [],
        tx('让两个不同的问题都遇到 503（预设“服务不可用 503”），或开始考试（两个相同的 503 场景）。', 'Have two different questions both meet 503s (preset "Unavailable 503"), or start the exam (two identical 503 scenes).'),
      );
    }
    const lockstep = [...pairs.values()].filter((p) => p.differ === 0);
    const note = tx(
      '说明：delay × (0.5 + random()) 这种乘法抖动（课程的装饰器）把等待限制在 ×3 的范围内，仍保留指数的节奏；完全抖动 random(0, delay) 分散得更开。',
      'Note: multiplicative jitter, delay × (0.5 + random()) (the lesson’s decorator), keeps waits within a ×3 band around the exponential schedule; full jitter, random(0, delay), spreads them wider.',
    );
    const details = [
      ...lockstep.map((p) => tx(`请求 L${p.a} 和 L${p.b}：${p.same} 处等待完全相同`, `Requests L${p.a} and L${p.b}: the same wait at ${p.same === 1 ? 'their one shared point' : `all ${p.same} shared points`}`)),
      ...spreads,
      note,
    ];
    const calls = lockstep.length > 0 ? lockstep.flatMap((p) => p.seqs) : [...pairs.values()].flatMap((p) => p.seqs);
    if (lockstep.length > 0) {
      return result(
        'fail',
        tx(`${lockstep.length} 对请求步调一致：一群这样的客户端会同时醒来、同时重试。给等待加上随机抖动（最好是完全抖动）。`, `${count(lockstep.length, 'pair', 'pairs')} of requests retried in lock-step: a herd of such clients wakes up and retries together. Add random jitter (full jitter is best).`),
        details,
        calls,
      );
    }
    return result('pass', tx(`比较了 ${pairs.size} 对失败方式相同的请求：等待各不相同。`, `Compared ${count(pairs.size, 'pair', 'pairs')} of requests that failed the same way: their waits differ.`), details, calls);
  },
};
