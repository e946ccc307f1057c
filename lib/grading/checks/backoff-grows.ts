import type { Text } from '@/lib/contract';
import { count, result, secs, tx } from '../evidence';
import type { CheckDef } from './check';
import { sameWait, selfChosenGaps } from './self-chosen-gaps';

/**
 * `backoff-grows`: the waits between successive retries of one request grow.
 * Each pair of successive self-chosen waits is *fixed* (the same within
 * max(fixedGapAbsMs, fixedGapRel)), *growing* or *shrinking*. It fails when
 * half or more of the pairs are fixed (a constant sleep, or none at all) or
 * none grows; full jitter may shrink now and then, so a shrinking pair alone
 * does not fail it.
 */
export const backoffGrows: CheckDef = {
  id: 'backoff-grows',
  title: tx('退避时间递增', 'Backoff grows'),
  rule: (t) =>
    tx(
      `比较同一请求相邻两次重试前的等待（服务器没给 Retry-After 的）：相差不到 ${t.fixedGapAbsMs} ms 与 ${t.fixedGapRel * 100}% 中的较大者，算“固定”。一半以上固定，或没有一对在增长，即不通过。`,
      `Compares successive waits before retries of one request (where the server gave no Retry-After): within max(${t.fixedGapAbsMs} ms, ${t.fixedGapRel * 100}%) counts as fixed. Fails when half or more pairs are fixed, or none grows.`,
    ),
  grade({ tracks, thresholds: t }) {
    let fixed = 0;
    let growing = 0;
    let shrinking = 0;
    const details: Text[] = [];
    const calls: number[] = [];
    for (const track of tracks) {
      const gaps = selfChosenGaps(track);
      const run: { gap: number; seq: number }[] = [];
      const flush = () => {
        if (run.length >= 2) {
          const words: Text[] = [];
          for (let i = 1; i < run.length; i++) {
            const [a, b] = [run[i - 1]!.gap, run[i]!.gap];
            if (sameWait(a, b, t.fixedGapAbsMs, t.fixedGapRel)) {
              fixed++;
              words.push(tx('不变', 'same'));
            } else if (b > a) {
              growing++;
              words.push(tx('变长', 'longer'));
            } else {
              shrinking++;
              words.push(tx('变短', 'shorter'));
            }
          }
          const waits = run.map((r) => secs(r.gap)).join(' → ');
          details.push(
            tx(
              `请求 L${track.id}（${track.question || '…'}）：等待 ${waits}（${words.map((w) => w.zh).join('、')}）`,
              `Request L${track.id} (${track.question || '…'}): waited ${waits} (${words.map((w) => w.en).join(', ')})`,
            ),
          );
          calls.push(...run.map((r) => r.seq));
        }
        run.length = 0;
      };
      gaps.forEach((gap, i) => {
        if (gap === null) flush();
        else run.push({ gap, seq: track.calls[i]!.seq });
      });
      flush();
    }
    const pairs = fixed + growing + shrinking;
    if (pairs === 0) {
      return result(
        'unobserved',
        tx('还没有一个请求连续失败到需要第二次重试。', 'No request has failed often enough to need a second retry yet.'),
        [],
        [],
        tx('需要一个连续失败 3 次的请求：选预设“服务不可用 503”或“服务器错误 500”，或开始考试（503 场景）。', 'Needs a request that fails 3 times in a row: pick "Unavailable 503" or "Server error 500", or start the exam (its 503 scenes).'),
      );
    }
    const counts = tx(`${pairs} 对相邻等待：变长 ${growing}，不变 ${fixed}，变短 ${shrinking}。`, `${count(pairs, 'pair', 'pairs')} of successive waits: ${growing} longer, ${fixed} the same, ${shrinking} shorter.`);
    if (fixed * 2 >= pairs || growing === 0) {
      return result(
        'fail',
        tx(`${counts.zh}等待没有增长：这是固定间隔重试，服务器越忙越被它压垮。用指数退避：base × 2^n，加上限。`, `${counts.en} The waits do not grow: a fixed-interval retry keeps pressing a struggling server. Use exponential backoff: base × 2^n, capped.`),
        details,
        calls,
      );
    }
    return result('pass', tx(`${counts.zh}等待在增长（有抖动时偶尔变短是正常的）。`, `${counts.en} The waits grow (with jitter an occasional shorter one is normal).`), details, calls);
  },
};
