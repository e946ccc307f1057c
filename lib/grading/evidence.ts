import type { ClientCallKind, ClientEvidence, ClientVerdict, Text } from '@/lib/contract';
import type { CallRecord } from './call-record';

/**
 * Small helpers for writing evidence in both languages. Units are SI symbols
 * (ms, s) in both, as in the lesson's own logs.
 */

/** At most this many detail lines per check; the card says how many were left out. */
export const MAX_DETAILS = 12;

/** A `{ zh, en }` text. */
export const tx = (zh: string, en: string): Text => ({ zh, en });

/** An English count with its noun: `1 retry`, `3 retries`. (Chinese needs no plural.) */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A duration: `850 ms` below a second, `2.00 s` from one. */
export function secs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const KIND_WORDS: Record<Exclude<ClientCallKind, 'retryable' | 'permanent' | 'quota' | 'other-error'>, Text> = {
  ok: tx('成功', 'ok'),
  pending: tx('进行中', 'in flight'),
  reset: tx('连接重置', 'connection reset'),
  'broken-stream': tx('流中断', 'broken stream'),
  'client-left': tx('客户端断开', 'client hung up'),
};

const STREAM_WORDS: Record<string, Text> = {
  'stream-cut': tx('流中断', 'stream cut'),
  'stream-no-done': tx('流被截断（没有 [DONE]）', 'stream truncated (no [DONE])'),
  'stream-error-event': tx('流中出现错误事件', 'error event in the stream'),
};

/** What a call was, e.g. `#5 429 rate_limit_exceeded`, `#7 连接重置`. */
export function callLabel(c: CallRecord, kind: ClientCallKind): Text {
  let word: Text;
  if (kind === 'retryable' || kind === 'permanent' || kind === 'quota' || kind === 'other-error') {
    const s = `${c.status ?? ''}${c.errorCode ? ` ${c.errorCode}` : ''}`;
    word = tx(s, s);
  } else if (kind === 'broken-stream' && c.fault && STREAM_WORDS[c.fault]) word = STREAM_WORDS[c.fault]!;
  else word = KIND_WORDS[kind];
  return tx(`#${c.seq} ${word.zh}`, `#${c.seq} ${word.en}`);
}

/** Whose retry a call was: the SDK's own (it sent `X-Stainless-Retry-Count` > 0) or the student's code. */
export function retriedBy(c: CallRecord): Text {
  const n = c.hints.retryCount;
  if (n !== null && n > 0) return tx(`SDK 自带的重试（X-Stainless-Retry-Count: ${n}）`, `the SDK's own retry (X-Stainless-Retry-Count: ${n})`);
  return tx('你的代码发起的重试', 'a retry by your code');
}

/** Join texts with a separator, per language. */
export function joinText(parts: readonly Text[], zhSep = '；', enSep = '; '): Text {
  return tx(parts.map((p) => p.zh).join(zhSep), parts.map((p) => p.en).join(enSep));
}

/** Build a check's result, capping the details and de-duplicating the call list. */
export function result(
  verdict: ClientVerdict,
  summary: Text,
  details: Text[] = [],
  calls: number[] = [],
  toObserve?: Text,
): { verdict: ClientVerdict; evidence: ClientEvidence } {
  const shown = details.slice(0, MAX_DETAILS);
  if (details.length > MAX_DETAILS) shown.push(tx(`……另有 ${details.length - MAX_DETAILS} 条`, `… and ${details.length - MAX_DETAILS} more`));
  const evidence: ClientEvidence = { summary, details: shown, calls: [...new Set(calls)].sort((a, b) => a - b) };
  if (toObserve) evidence.toObserve = toObserve;
  return { verdict, evidence };
}
