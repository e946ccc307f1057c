import type { FaultId } from './fault-ids';
import type { FaultRule, LayerScenario, Scenario } from './scenario';

/**
 * Ready-made scenarios for the dashboard's preset picker, the OpenAI-compatible
 * endpoint and the tests. Plain data: each is a list of fault rules per layer.
 * The local model stays healthy unless a preset says otherwise.
 */

/** A named scenario (the seed is chosen by the session). */
export interface ScenarioPreset {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  scenario: Omit<Scenario, 'seed'>;
}

const HEALTHY: LayerScenario = { rules: [] };
const always = (fault: FaultId, extra: Partial<FaultRule> = {}): LayerScenario => ({
  rules: [{ fault, mode: { kind: 'always' }, ...extra }],
});
/** A preset whose primary layer always fails with one fault. */
const primaryAlways = (fault: FaultId, extra: Partial<FaultRule> = {}): Omit<Scenario, 'seed'> => ({
  primary: always(fault, extra),
  local: HEALTHY,
});

type Row = [string, string, string, string, string, Omit<Scenario, 'seed'>];

// [id, name zh, name en, description zh, description en, scenario]
const ROWS: Row[] = [
  ['healthy', '一切正常', 'Healthy', '所有调用都成功。', 'Every call succeeds.', { primary: HEALTHY, local: HEALTHY }],
  ['rate-limited', '限流 429', 'Rate limited', '每次调用都返回 429，Retry-After 2 秒。', 'Every call gets a 429 with Retry-After: 2 s.', primaryAlways('rate-limit')],
  ['rate-limit-http-date', '限流（HTTP 日期）', 'Rate limit, HTTP date', 'Retry-After 是一个约 3 秒后的 HTTP 日期。', 'Retry-After is an HTTP date ~3 s ahead.', primaryAlways('rate-limit-date')],
  ['rate-limit-garbage', '限流（乱码 Retry-After）', 'Rate limit, garbage header', "Retry-After 是 'soon'：客户端只能用自己的退避。", "Retry-After is 'soon': clients must use their own backoff.", primaryAlways('rate-limit-garbage')],
  ['retry-after-too-long', 'Retry-After 过长', 'Retry-After too long', 'Retry-After 为 120 秒，超过 60 秒：应降级而不是干等。', 'Retry-After is 120 s, over 60 s: fall back instead of waiting.', primaryAlways('rate-limit-long')],
  ['quota-exceeded', '额度用尽', 'Quota exceeded', '429 insufficient_quota：重试毫无意义。', '429 insufficient_quota: retrying is pointless.', primaryAlways('quota')],
  ['server-error', '服务器错误 500', 'Server error 500', '每次调用都返回 500。', 'Every call gets a 500.', primaryAlways('server-500')],
  ['bad-gateway', '网关错误 502', 'Bad gateway 502', '每次调用都返回 502。', 'Every call gets a 502.', primaryAlways('bad-gateway-502')],
  ['unavailable', '服务不可用 503', 'Unavailable 503', '每次调用都返回 503。', 'Every call gets a 503.', primaryAlways('unavailable-503')],
  ['gateway-timeout', '网关超时 504', 'Gateway timeout 504', '每次调用都返回 504。', 'Every call gets a 504.', primaryAlways('gateway-timeout-504')],
  ['timeout', '超时', 'Timeout', '服务器永不响应，只有客户端超时能结束请求。', 'The server never answers; only a client timeout ends the call.', primaryAlways('timeout')],
  ['connection-reset', '连接重置', 'Connection reset', '每次连接都被重置，没有 HTTP 状态码。', 'Every connection is reset, with no HTTP status.', primaryAlways('connection-reset')],
  ['auth-error', '密钥错误 401', 'Auth error 401', 'API 密钥无效：不该重试。', 'Invalid API key: must not be retried.', primaryAlways('auth-401')],
  ['forbidden', '无权限 403', 'Forbidden 403', '地区或账户被拒绝：不该重试。', 'Region or account refused: must not be retried.', primaryAlways('forbidden-403')],
  ['model-not-found', '模型不存在 404', 'Model not found 404', '请求的模型不存在：不该重试。', 'The requested model does not exist: must not be retried.', primaryAlways('model-not-found-404')],
  ['bad-request', '请求错误 400', 'Bad request 400', '上下文超长（context_length_exceeded）：不该重试。', 'Context too long (context_length_exceeded): must not be retried.', primaryAlways('context-length-400')],
  ['unprocessable', '无法处理 422', 'Unprocessable 422', '每次调用都返回 422：不该重试。', 'Every call gets a 422: must not be retried.', primaryAlways('unprocessable-422')],
  ['flaky', '时好时坏', 'Flaky', '约 30% 的调用失败（500 占 15%，503 约 15%），按种子可复现。', 'About 30% of calls fail (15% 500s, ~15% 503s), reproducible from the seed.',
    // 0.15 + 0.85 × 0.18 ≈ 0.303: the second rule only draws when the first did not fire.
    { primary: { rules: [{ fault: 'server-500', mode: { kind: 'probability', p: 0.15 } }, { fault: 'unavailable-503', mode: { kind: 'probability', p: 0.18 } }] }, local: HEALTHY }],
  ['transient-blip', '短暂故障', 'Transient blip', '前 2 次调用返回 503，之后恢复：重试就能成功。', 'The first 2 calls get a 503, then it recovers: a retry succeeds.',
    { primary: { rules: [{ fault: 'unavailable-503', mode: { kind: 'first-n', n: 2 } }] }, local: HEALTHY }],
  ['outage-then-recovery', '宕机后恢复', 'Outage then recovery', '第 10 秒到第 40 秒返回 503，之后恢复：观察熔断器打开、半开、关闭。', '503s from t = 10 s to t = 40 s, then healthy: watch the breaker open, probe and close.',
    { primary: { rules: [{ fault: 'unavailable-503', mode: { kind: 'timeline', fromMs: 10_000, toMs: 40_000 } }] }, local: HEALTHY }],
  ['slow', '响应缓慢', 'Slow', '每次调用慢 3 秒，但能成功。', 'Every call takes 3 s longer, but succeeds.', primaryAlways('slow', { latencyMs: 3000 })],
  ['slower-than-timeout', '慢过超时', 'Slower than the timeout', '每次调用慢 12 秒，超过课程里 10 秒的超时。', 'Every call takes 12 s, beyond the lesson’s 10 s timeout.', primaryAlways('slow', { latencyMs: 12_000 })],
  ['stream-cut', '流中断', 'Stream cut', '流式响应发出几块后连接断开。', 'Streams die after a few chunks.', primaryAlways('stream-cut')],
  ['stream-no-done', '流被截断', 'Stream truncated', '流正常关闭，但没有 [DONE]，finish_reason 为 null。', 'Streams close cleanly but without [DONE], finish_reason null.', primaryAlways('stream-no-done')],
  ['stream-error-event', '流中错误', 'Error event in stream', '流中途出现 data: {"error": …} 事件。', 'A data: {"error": …} event arrives mid-stream.', primaryAlways('stream-error-event')],
  ['local-down', '主服务和本地模型都挂了', 'Primary and local down', '主服务 503，本地模型连接重置：只剩预设回复。', 'Primary 503s and the local model resets: only the canned reply is left.',
    { primary: always('unavailable-503'), local: always('connection-reset') }],
  ['should-retry-false', '服务器说别重试', 'Server says do not retry', '503 带 x-should-retry: false：SDK 不会重试，你的代码呢？', '503 with x-should-retry: false: the SDK will not retry; will your code?', primaryAlways('unavailable-503', { shouldRetry: false })],
];

/** All presets, in the order the dashboard lists them. */
export const SCENARIO_PRESETS: readonly ScenarioPreset[] = ROWS.map(([id, nameZh, nameEn, descZh, descEn, scenario]) => ({
  id,
  name: { zh: nameZh, en: nameEn },
  description: { zh: descZh, en: descEn },
  scenario,
}));

/** Preset ids, in order. */
export const PRESET_IDS: readonly string[] = SCENARIO_PRESETS.map((p) => p.id);

/** The preset with this id, or `undefined`. */
export function getPreset(id: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((p) => p.id === id);
}
