import { callLabel, count, result, retriedBy, secs, tx } from '../evidence';
import type { Text } from '@/lib/contract';
import type { CheckDef } from './check';

/**
 * `no-retry-on-permanent`: a 400/401/403/404/422 (or 413) and a quota error
 * (402, `insufficient_quota` and the other providers' spellings) were never
 * followed by another attempt of the same request. The lesson's §1.2 calls
 * these permanent: resending the same request fails the same way.
 */
export const noRetryOnPermanent: CheckDef = {
  id: 'no-retry-on-permanent',
  title: tx('不重试永久错误', 'No retry on permanent errors'),
  rule: () =>
    tx(
      '400/401/403/404/422 和额度错误（402、insufficient_quota 等）之后，同一请求不得再发。',
      'After a 400/401/403/404/422 or a quota error (402, insufficient_quota, …), the same request must not be sent again.',
    ),
  grade({ tracks }) {
    const retried: Text[] = [];
    const respected: Text[] = [];
    const calls: number[] = [];
    for (const track of tracks) {
      track.calls.forEach((c, i) => {
        const kind = track.kinds[i]!;
        if (kind !== 'permanent' && kind !== 'quota') return;
        const next = track.calls[i + 1];
        const label = callLabel(c, kind);
        calls.push(c.seq);
        if (!next) {
          respected.push(tx(`${label.zh}：没有重试${track.settled ? '' : '（到目前为止）'}`, `${label.en}: not retried${track.settled ? '' : ' (so far)'}`));
          return;
        }
        const gap = track.gaps[i + 1] ?? null;
        const by = retriedBy(next);
        calls.push(next.seq);
        retried.push(tx(`${label.zh} 之后 ${gap === null ? '' : `${secs(gap)} `}又发了 #${next.seq}（${by.zh}）`, `${label.en} was retried as #${next.seq}${gap === null ? '' : ` after ${secs(gap)}`} (${by.en})`));
      });
    }
    if (retried.length > 0) {
      const sdk = tracks.some((t) => t.calls.some((c, i) => i > 0 && (c.hints.retryCount ?? 0) > 0 && (t.kinds[i - 1] === 'quota' || t.kinds[i - 1] === 'permanent')));
      const tip = sdk
        ? tx('SDK 默认会重试 429 insufficient_quota：创建客户端时设 max_retries=0，由你的代码分类后决定。', 'The SDK retries a 429 insufficient_quota by default: create the client with maxRetries: 0 and let your classifier decide.')
        : tx('先分类再重试：密钥错、权限不够、模型不存在、参数错、额度用尽，重试多少次都一样。', 'Classify before retrying: a wrong key, no permission, a missing model, a bad parameter or an empty quota stays that way however often you retry.');
      return result('fail', tx(`${retried.length} 次永久错误之后又重试了。${tip.zh}`, `${count(retried.length, 'permanent error was', 'permanent errors were')} retried. ${tip.en}`), [...retried, ...respected], calls);
    }
    if (respected.length > 0) return result('pass', tx(`${respected.length} 次永久错误都没有重试。`, respected.length === 1 ? 'The permanent error was not retried.' : `None of the ${respected.length} permanent errors was retried.`), respected, calls);
    return result(
      'unobserved',
      tx('还没有看到永久错误（400/401/403/404/422 或额度用尽）。', 'No permanent error (400/401/403/404/422 or quota) seen yet.'),
      [],
      [],
      tx('选预设“密钥错误 401”或“额度用尽”，或开始考试。', 'Pick the preset "Auth error 401" or "Quota exceeded", or start the exam.'),
    );
  },
};
