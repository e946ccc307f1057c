import type { Text } from '@/lib/contract';
import { callLabel, count, result, tx } from '../evidence';
import type { CheckDef } from './check';

/**
 * `bounded-attempts`: every logical request stopped after a bounded number of
 * attempts. It fails as soon as one request passes `maxBoundedAttempts`
 * (no bound in sight), and passes once a failing request was seen to give up
 * (settled while failed) with none over the bound.
 */
export const boundedAttempts: CheckDef = {
  id: 'bounded-attempts',
  title: tx('尝试次数有上限', 'Bounded attempts'),
  rule: (t) =>
    tx(
      `一个请求尝试超过 ${t.maxBoundedAttempts} 次即不通过；看到失败的请求最终放弃（${t.settleMs / 1000} 秒不再重试，或转去发别的请求）才算通过。`,
      `Fails when one request makes more than ${t.maxBoundedAttempts} attempts; passes once a failing request is seen to give up (no retry for ${t.settleMs / 1000} s, or the client moved on).`,
    ),
  grade({ tracks, thresholds: t }) {
    const over = tracks.filter((tr) => tr.calls.length > t.maxBoundedAttempts);
    const gaveUp = tracks.filter((tr) => tr.state === 'failed' && tr.settled && tr.calls.length <= t.maxBoundedAttempts);
    const describe = (tr: (typeof tracks)[number]): Text => {
      const last = callLabel(tr.calls[tr.calls.length - 1]!, tr.kinds[tr.kinds.length - 1]!);
      return tx(`请求 L${tr.id}（${tr.question || '…'}）：${tr.calls.length} 次尝试，最后一次 ${last.zh}${tr.settled ? '，已放弃' : '，还在继续'}`, `Request L${tr.id} (${tr.question || '…'}): ${count(tr.calls.length, 'attempt', 'attempts')}, the last ${last.en}${tr.settled ? ', then gave up' : ', still going'}`);
    };
    if (over.length > 0) {
      return result(
        'fail',
        tx(`${over.length} 个请求尝试超过 ${t.maxBoundedAttempts} 次：重试必须有上限，否则一次故障会变成无穷的调用。`, `${count(over.length, 'request', 'requests')} made more than ${t.maxBoundedAttempts} attempts: retries need a limit, or one outage becomes an endless stream of calls.`),
        over.map(describe),
        over.flatMap((tr) => tr.calls.map((c) => c.seq)),
      );
    }
    if (gaveUp.length > 0) {
      const most = Math.max(...tracks.map((tr) => tr.calls.length));
      return result('pass', tx(`失败的请求最多尝试 ${most} 次就放弃了。`, `Failing requests gave up after at most ${count(most, 'attempt', 'attempts')}.`), gaveUp.map(describe), gaveUp.flatMap((tr) => tr.calls.map((c) => c.seq)));
    }
    return result(
      'unobserved',
      tx('还没看到一个失败的请求最终放弃。', 'No failing request has been seen giving up yet.'),
      [],
      [],
      tx('需要一直失败的请求：选预设“服务器错误 500”，或开始考试（401 和额度场景一直失败）。', 'Needs a request that keeps failing: pick "Server error 500", or start the exam (its 401 and quota scenes never recover).'),
    );
  },
};
