import type { Text } from '@/lib/contract';
import { count, result, secs, tx } from '../evidence';
import type { CheckDef } from './check';

/**
 * `times-out`: under the `timeout` fault (the server never answers) the client
 * gave up by itself, within `timeoutLimitMs`: the server saw it disconnect. A
 * call still hanging past the limit fails, and so does one the client left
 * only later (the openai SDK's default timeout is 600 s).
 */
export const timesOut: CheckDef = {
  id: 'times-out',
  title: tx('自己会超时', 'Times out by itself'),
  rule: (t) =>
    tx(`服务器不响应（“超时”故障）时，客户端须在 ${t.timeoutLimitMs / 1000} 秒内主动断开。`, `When the server never answers (the timeout fault), the client must hang up within ${t.timeoutLimitMs / 1000} s.`),
  grade({ calls, now, thresholds: t }) {
    const hung = calls.filter((c) => c.fault === 'timeout');
    const ok: Text[] = [];
    const bad: Text[] = [];
    const waiting: Text[] = [];
    for (const c of hung) {
      if (c.clientLeft && c.endedAt !== null) {
        const after = c.endedAt - c.at;
        if (after <= t.timeoutLimitMs) ok.push(tx(`#${c.seq}：${secs(after)} 后断开`, `#${c.seq}: hung up after ${secs(after)}`));
        else bad.push(tx(`#${c.seq}：${secs(after)} 后才断开`, `#${c.seq}: hung up only after ${secs(after)}`));
      } else if (c.answeredAt === null) {
        const so = now - c.at;
        if (so > t.timeoutLimitMs) bad.push(tx(`#${c.seq}：已经等了 ${secs(so)}，还没断开`, `#${c.seq}: still waiting after ${secs(so)}`));
        else waiting.push(tx(`#${c.seq}：已等 ${secs(so)}……`, `#${c.seq}: waiting for ${secs(so)}…`));
      }
    }
    const seqs = hung.map((c) => c.seq);
    if (bad.length > 0) {
      return result(
        'fail',
        tx(`${bad.length} 次调用没有及时超时：给每次调用设置超时（课程用 timeout=30），SDK 默认要等 600 秒。`, `${count(bad.length, 'call', 'calls')} did not time out in time: set a timeout on every call (the lesson uses timeout=30); the SDK's default is 600 s.`),
        [...bad, ...ok, ...waiting],
        seqs,
      );
    }
    if (ok.length > 0) return result('pass', tx(`${ok.length} 次无响应的调用都由客户端及时断开。`, ok.length === 1 ? 'The client hung up on the unanswered call in time.' : `The client hung up on all ${ok.length} unanswered calls in time.`), [...ok, ...waiting], seqs);
    return result(
      'unobserved',
      waiting.length > 0 ? tx('服务器正故意不响应，正在等你的代码超时……', 'The server is deliberately not answering; waiting for your code to time out…') : tx('还没有遇到服务器不响应的情况。', 'No unanswered call seen yet.'),
      waiting,
      seqs,
      tx('选预设“超时”，或开始考试（超时场景）。', 'Pick the preset "Timeout", or start the exam (its timeout scene).'),
    );
  },
};
