import type { Text } from '@/lib/contract';
import { count, result, tx } from '../evidence';
import { sdkCallsOf, type Track } from '../tracks';
import type { CheckDef } from './check';

/** Why a track cost what it did, from the SDK's retry-count header. */
function anatomy(track: Track): Text {
  const sdk = sdkCallsOf(track);
  const n = track.calls.length;
  const maxCount = Math.max(0, ...track.calls.map((c) => c.hints.retryCount ?? 0));
  if (sdk !== null && sdk > 1 && maxCount > 0)
    return tx(
      `${n} 次调用 = 你的代码调了 SDK ${sdk} 次 × SDK 每次自己最多尝试 ${maxCount + 1} 次（X-Stainless-Retry-Count 0…${maxCount}）：两层重试相乘`,
      `${n} calls = your code called the SDK ${sdk} times × the SDK tried up to ${maxCount + 1} times each (X-Stainless-Retry-Count 0…${maxCount}): two layers of retries multiply`,
    );
  if (sdk === 1 && maxCount > 0) return tx(`${n} 次调用，全部是 SDK 自己的重试`, `${n} calls, all the SDK's own retries`);
  return tx(`${n} 次调用，来自一层重试`, `${n} calls from one layer of retries`);
}

/**
 * `layered-retries`: how many upstream calls each logical request cost. More
 * than `maxCallsPerLogical` is flagged: typically a retry loop wrapped around an
 * SDK that retries too (the SDK's 2 retries under the student's 3 make 9), and
 * with three layers 64 (REFERENCE §5). The SDK's `X-Stainless-Retry-Count`
 * restarting at 0 shows where one layer's attempt began.
 */
export const layeredRetries: CheckDef = {
  id: 'layered-retries',
  title: tx('重试没有层层相乘', 'No layered retries'),
  rule: (t) =>
    tx(`每个逻辑请求最多 ${t.maxCallsPerLogical} 次上游调用（Google SRE 建议最多 3 次尝试）；超过即不通过。`, `At most ${t.maxCallsPerLogical} upstream calls per logical request (Google SRE suggests at most 3 attempts); more fails.`),
  grade({ tracks, thresholds: t }) {
    const retried = tracks.filter((tr) => tr.calls.length >= 2);
    const flagged = retried.filter((tr) => tr.calls.length > t.maxCallsPerLogical);
    const line = (tr: Track) => {
      const a = anatomy(tr);
      return tx(`请求 L${tr.id}（${tr.question || '…'}）：${a.zh}`, `Request L${tr.id} (${tr.question || '…'}): ${a.en}`);
    };
    if (flagged.length > 0) {
      const worst = Math.max(...flagged.map((tr) => tr.calls.length));
      const layered = flagged.some((tr) => (sdkCallsOf(tr) ?? 0) > 1 && tr.calls.some((c) => (c.hints.retryCount ?? 0) > 0));
      const tip = layered
        ? tx('你的重试包在 SDK 自带的重试外面：创建客户端时设 max_retries=0（JS：maxRetries: 0），只留一层。', 'Your retries wrap the SDK’s own: create the client with max_retries=0 (JS: maxRetries: 0) and keep one layer.')
        : tx('减少尝试次数，或加重试预算。', 'Lower the attempt limit, or add a retry budget.');
      return result('fail', tx(`${flagged.length} 个请求超过 ${t.maxCallsPerLogical} 次调用，最多 ${worst} 次。${tip.zh}`, `${count(flagged.length, 'request', 'requests')} cost more than ${t.maxCallsPerLogical} calls, up to ${worst}. ${tip.en}`), flagged.map(line), flagged.flatMap((tr) => tr.calls.map((c) => c.seq)));
    }
    if (retried.length > 0) {
      const worst = Math.max(...retried.map((tr) => tr.calls.length));
      return result('pass', tx(`重试过的请求最多花了 ${worst} 次调用。`, `Retried requests cost at most ${count(worst, 'call', 'calls')}.`), retried.map(line), retried.flatMap((tr) => tr.calls.map((c) => c.seq)));
    }
    return result(
      'unobserved',
      tx('还没有请求被重试过。', 'No request has been retried yet.'),
      [],
      [],
      tx('选任何会失败的预设（如“服务器错误 500”）让你的代码重试，或开始考试。', 'Pick any failing preset (e.g. "Server error 500") and let your code retry, or start the exam.'),
    );
  },
};
