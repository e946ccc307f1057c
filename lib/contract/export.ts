import type { AnswerSource, BreakerStateKind } from './protocol';

/**
 * The session's events as rows, for `GET /api/session/export` (CSV or JSON).
 * Only what the run *did*, in sandbox time — no run ids, session ids or wall
 * times — so two browsers replaying the same link export identical CSVs.
 */
export interface ExportRow {
  /** Order within this build of the sandbox, from 1. */
  seq: number;
  /** Sandbox ms since the build started: a request's end, a retry's scheduling, a transition, a script step. */
  at: number;
  type: 'request' | 'retry' | 'breaker' | 'script';
  requestId?: number;
  /** The request's message (at most {@link EXPORT_MESSAGE_CHARS} characters). */
  message?: string;
  source?: AnswerSource;
  /** Upstream calls of the request. */
  attempts?: number;
  startedAt?: number;
  latencyMs?: number;
  /** 1 for the first retry. */
  retry?: number;
  delayMs?: number;
  /** `backoff` / `retry-after` for a retry, the reason code of a transition. */
  reason?: string;
  /** How a retry's delay was computed. */
  formula?: string;
  from?: BreakerStateKind;
  to?: BreakerStateKind;
  /** A transition's reason or a script step's caption, in Chinese and in English. */
  detailZh?: string;
  detailEn?: string;
}

/** Longest message kept in an export row. */
export const EXPORT_MESSAGE_CHARS = 200;

/** CSV columns, in order: the header row uses these names. */
export const EXPORT_COLUMNS = [
  ['seq', 'seq'],
  ['at_ms', 'at'],
  ['type', 'type'],
  ['request_id', 'requestId'],
  ['message', 'message'],
  ['source', 'source'],
  ['attempts', 'attempts'],
  ['started_ms', 'startedAt'],
  ['latency_ms', 'latencyMs'],
  ['retry', 'retry'],
  ['delay_ms', 'delayMs'],
  ['reason', 'reason'],
  ['formula', 'formula'],
  ['from', 'from'],
  ['to', 'to'],
  ['detail_zh', 'detailZh'],
  ['detail_en', 'detailEn'],
] as const satisfies readonly (readonly [string, keyof ExportRow])[];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
 * A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV text with a header line, CRLF line ends (what spreadsheets expect). */
export function exportCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map(([, key]) => csvField(row[key])).join(','));
  return lines.join('\r\n') + '\r\n';
}
