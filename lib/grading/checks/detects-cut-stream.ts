import type { Text } from '@/lib/contract';
import { releasedAt } from '../call-record';
import { callLabel, result, secs, tx } from '../evidence';
import { normalisePrefix } from '../fingerprint';
import type { CheckDef } from './check';

/**
 * `detects-cut-stream`: after a stream that was cut, ended without `[DONE]`,
 * or carried an error event, the client retried it rather than taking the
 * partial text as the answer. The server can only infer this from what the
 * client did next:
 * - it sent the same request again → detected;
 * - a later request quoted the partial text as the assistant's turn → it took
 *   the partial text as complete (certain);
 * - it went on to another request without retrying → most likely took it as
 *   complete (the card says it cannot tell this from "reported it to the user").
 */
export const detectsCutStream: CheckDef = {
  id: 'detects-cut-stream',
  title: tx('识别断流', 'Detects a cut stream'),
  rule: () =>
    tx(
      '流被切断、没有 [DONE] 或带错误事件之后，客户端应重试；若它接着发了别的请求而不重试，或把残缺文本当作助手回复引用，即不通过。',
      'After a stream that was cut, lacked [DONE] or carried an error event, the client should retry; moving on to another request without a retry, or quoting the partial text as the assistant’s reply, fails.',
    ),
  grade({ tracks, calls: all }) {
    const detected: Text[] = [];
    const missed: Text[] = [];
    const waiting: Text[] = [];
    const seqs: number[] = [];
    for (const track of tracks) {
      track.calls.forEach((c, i) => {
        if (track.kinds[i] !== 'broken-stream') return;
        const label = callLabel(c, 'broken-stream');
        seqs.push(c.seq);
        const next = track.calls[i + 1];
        if (next) {
          const gap = track.gaps[i + 1] ?? null;
          seqs.push(next.seq);
          detected.push(tx(`${label.zh}：${gap === null ? '' : `${secs(gap)} 后`}重试为 #${next.seq}`, `${label.en}: retried as #${next.seq}${gap === null ? '' : ` after ${secs(gap)}`}`));
          return;
        }
        const released = releasedAt(c) ?? c.at;
        const partial = normalisePrefix(c.streamedText);
        const later = all.filter((x) => x.seq > c.seq && x.logical !== c.logical);
        const quoting = partial ? later.find((x) => x.assistantPrefixes.some((p) => p.startsWith(partial) || partial.startsWith(p))) : undefined;
        if (quoting) {
          seqs.push(quoting.seq);
          missed.push(tx(`${label.zh}：#${quoting.seq} 把残缺的回复“${partial}…”当作完整的助手回复引用了`, `${label.en}: #${quoting.seq} quoted the partial reply “${partial}…” as the assistant’s complete turn`));
          return;
        }
        const movedOn = later.find((x) => x.at >= released);
        if (movedOn) {
          seqs.push(movedOn.seq);
          missed.push(
            tx(
              `${label.zh}：没有重试，接着发了别的请求 #${movedOn.seq}（服务器看到的是“当作完整答案继续了”；若你的代码已向用户报错，也应重试或降级）`,
              `${label.en}: not retried; the next call #${movedOn.seq} was another request (to the server this looks like the partial text was taken as final; if your code did report it, it should still retry or fall back)`,
            ),
          );
          return;
        }
        waiting.push(tx(`${label.zh}：等你的代码下一步……`, `${label.en}: waiting for your code’s next move…`));
      });
    }
    if (missed.length > 0) {
      return result(
        'fail',
        tx('断掉或残缺的流被当成了完整回答：检查 finish_reason（为 null 即被截断）和 [DONE]，捕获流中的错误，然后重试。', 'A cut or truncated stream was taken as a complete answer: check finish_reason (null means truncated) and [DONE], catch errors raised mid-stream, then retry.'),
        [...missed, ...detected, ...waiting],
        seqs,
      );
    }
    if (detected.length > 0) return result('pass', tx(`${detected.length} 次断流都被识别并重试了。`, detected.length === 1 ? 'The broken stream was noticed and retried.' : `All ${detected.length} broken streams were noticed and retried.`), [...detected, ...waiting], seqs);
    return result(
      'unobserved',
      waiting.length > 0 ? tx('流刚刚断了，等你的代码下一步……', 'A stream just broke; waiting for your code’s next move…') : tx('还没有遇到断掉的流式回答。', 'No broken stream seen yet.'),
      waiting,
      seqs,
      tx('用 stream=True 调用，并选预设“流中断”或“流被截断”，然后再发一次请求。', 'Call with stream=True under the preset "Stream cut" or "Stream truncated", then make another call.'),
    );
  },
};
