import type { Text } from '@/lib/resilience/text';
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
  name: Text;
  description: Text;
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

// Checked with `satisfies`, so a wrong field or fault id fails to compile.
const PRESETS = [
  {
    id: 'healthy',
    name: { zh: '一切正常', en: 'Healthy' },
    description: { zh: '所有调用都成功。', en: 'Every call succeeds.' },
    scenario: { primary: HEALTHY, local: HEALTHY },
  },
  {
    id: 'rate-limited',
    name: { zh: '限流 429', en: 'Rate limited' },
    description: { zh: '每次调用都返回 429，Retry-After 2 秒。', en: 'Every call gets a 429 with Retry-After: 2 s.' },
    scenario: primaryAlways('rate-limit'),
  },
  {
    id: 'rate-limit-http-date',
    name: { zh: '限流（HTTP 日期）', en: 'Rate limit, HTTP date' },
    description: { zh: 'Retry-After 是一个约 3 秒后的 HTTP 日期。', en: 'Retry-After is an HTTP date ~3 s ahead.' },
    scenario: primaryAlways('rate-limit-date'),
  },
  {
    id: 'rate-limit-garbage',
    name: { zh: '限流（乱码 Retry-After）', en: 'Rate limit, garbage header' },
    description: { zh: "Retry-After 是 'soon'：客户端只能用自己的退避。", en: "Retry-After is 'soon': clients must use their own backoff." },
    scenario: primaryAlways('rate-limit-garbage'),
  },
  {
    id: 'retry-after-too-long',
    name: { zh: 'Retry-After 过长', en: 'Retry-After too long' },
    description: { zh: 'Retry-After 为 120 秒，超过 60 秒：应降级而不是干等。', en: 'Retry-After is 120 s, over 60 s: fall back instead of waiting.' },
    scenario: primaryAlways('rate-limit-long'),
  },
  {
    id: 'quota-exceeded',
    name: { zh: '额度用尽', en: 'Quota exceeded' },
    description: { zh: '429 insufficient_quota：重试毫无意义。', en: '429 insufficient_quota: retrying is pointless.' },
    scenario: primaryAlways('quota'),
  },
  {
    id: 'server-error',
    name: { zh: '服务器错误 500', en: 'Server error 500' },
    description: { zh: '每次调用都返回 500。', en: 'Every call gets a 500.' },
    scenario: primaryAlways('server-500'),
  },
  {
    id: 'bad-gateway',
    name: { zh: '网关错误 502', en: 'Bad gateway 502' },
    description: { zh: '每次调用都返回 502。', en: 'Every call gets a 502.' },
    scenario: primaryAlways('bad-gateway-502'),
  },
  {
    id: 'unavailable',
    name: { zh: '服务不可用 503', en: 'Unavailable 503' },
    description: { zh: '每次调用都返回 503。', en: 'Every call gets a 503.' },
    scenario: primaryAlways('unavailable-503'),
  },
  {
    id: 'gateway-timeout',
    name: { zh: '网关超时 504', en: 'Gateway timeout 504' },
    description: { zh: '每次调用都返回 504。', en: 'Every call gets a 504.' },
    scenario: primaryAlways('gateway-timeout-504'),
  },
  {
    id: 'timeout',
    name: { zh: '超时', en: 'Timeout' },
    description: { zh: '服务器永不响应，只有客户端超时能结束请求。', en: 'The server never answers; only a client timeout ends the call.' },
    scenario: primaryAlways('timeout'),
  },
  {
    id: 'connection-reset',
    name: { zh: '连接重置', en: 'Connection reset' },
    description: { zh: '每次连接都被重置，没有 HTTP 状态码。', en: 'Every connection is reset, with no HTTP status.' },
    scenario: primaryAlways('connection-reset'),
  },
  {
    id: 'auth-error',
    name: { zh: '密钥错误 401', en: 'Auth error 401' },
    description: { zh: 'API 密钥无效：不该重试。', en: 'Invalid API key: must not be retried.' },
    scenario: primaryAlways('auth-401'),
  },
  {
    id: 'forbidden',
    name: { zh: '无权限 403', en: 'Forbidden 403' },
    description: { zh: '地区或账户被拒绝：不该重试。', en: 'Region or account refused: must not be retried.' },
    scenario: primaryAlways('forbidden-403'),
  },
  {
    id: 'model-not-found',
    name: { zh: '模型不存在 404', en: 'Model not found 404' },
    description: { zh: '请求的模型不存在：不该重试。', en: 'The requested model does not exist: must not be retried.' },
    scenario: primaryAlways('model-not-found-404'),
  },
  {
    id: 'bad-request',
    name: { zh: '请求错误 400', en: 'Bad request 400' },
    description: { zh: '上下文超长（context_length_exceeded）：不该重试。', en: 'Context too long (context_length_exceeded): must not be retried.' },
    scenario: primaryAlways('context-length-400'),
  },
  {
    id: 'unprocessable',
    name: { zh: '无法处理 422', en: 'Unprocessable 422' },
    description: { zh: '每次调用都返回 422：不该重试。', en: 'Every call gets a 422: must not be retried.' },
    scenario: primaryAlways('unprocessable-422'),
  },
  {
    id: 'flaky',
    name: { zh: '时好时坏', en: 'Flaky' },
    description: { zh: '约 30% 的调用失败（500 占 15%，503 约 15%），按种子可复现。', en: 'About 30% of calls fail (15% 500s, ~15% 503s), reproducible from the seed.' },
    scenario: // 0.15 + 0.85 × 0.18 ≈ 0.303: the second rule only draws when the first did not fire.
  { primary: { rules: [{ fault: 'server-500', mode: { kind: 'probability', p: 0.15 } }, { fault: 'unavailable-503', mode: { kind: 'probability', p: 0.18 } }] }, local: HEALTHY },
  },
  {
    id: 'transient-blip',
    name: { zh: '短暂故障', en: 'Transient blip' },
    description: { zh: '前 2 次调用返回 503，之后恢复：重试就能成功。', en: 'The first 2 calls get a 503, then it recovers: a retry succeeds.' },
    scenario: { primary: { rules: [{ fault: 'unavailable-503', mode: { kind: 'first-n', n: 2 } }] }, local: HEALTHY },
  },
  {
    id: 'outage-then-recovery',
    name: { zh: '宕机后恢复', en: 'Outage then recovery' },
    description: { zh: '第 10 秒到第 40 秒返回 503，之后恢复：观察熔断器打开、半开、关闭。', en: '503s from t = 10 s to t = 40 s, then healthy: watch the breaker open, probe and close.' },
    scenario: { primary: { rules: [{ fault: 'unavailable-503', mode: { kind: 'timeline', fromMs: 10_000, toMs: 40_000 } }] }, local: HEALTHY },
  },
  {
    id: 'slow',
    name: { zh: '响应缓慢', en: 'Slow' },
    description: { zh: '每次调用慢 3 秒，但能成功。', en: 'Every call takes 3 s longer, but succeeds.' },
    scenario: primaryAlways('slow', { latencyMs: 3000 }),
  },
  {
    id: 'slower-than-timeout',
    name: { zh: '慢过超时', en: 'Slower than the timeout' },
    description: {
      zh: '每次调用慢 12 秒：超过课程 §5.1 降级示例的 timeout=10（也是沙盒默认的单次超时），但短于 §2.2 和课程演示的 timeout=30。',
      en: 'Every call takes 12 s: beyond the 10 s timeout of the lesson’s §5.1 fallback example (the sandbox’s default per-attempt deadline), but within the 30 s of §2.2 and the demo.',
    },
    scenario: primaryAlways('slow', { latencyMs: 12_000 }),
  },
  {
    id: 'stream-cut',
    name: { zh: '流中断', en: 'Stream cut' },
    description: { zh: '流式响应发出几块后连接断开。', en: 'Streams die after a few chunks.' },
    scenario: primaryAlways('stream-cut'),
  },
  {
    id: 'stream-no-done',
    name: { zh: '流被截断', en: 'Stream truncated' },
    description: { zh: '流正常关闭，但没有 [DONE]，finish_reason 为 null。', en: 'Streams close cleanly but without [DONE], finish_reason null.' },
    scenario: primaryAlways('stream-no-done'),
  },
  {
    id: 'stream-error-event',
    name: { zh: '流中错误', en: 'Error event in stream' },
    description: { zh: '流中途出现 data: {"error": …} 事件。', en: 'A data: {"error": …} event arrives mid-stream.' },
    scenario: primaryAlways('stream-error-event'),
  },
  {
    id: 'local-down',
    name: { zh: '主服务和本地模型都挂了', en: 'Primary and local down' },
    description: { zh: '主服务 503，本地模型连接重置：只剩预设回复。', en: 'Primary 503s and the local model resets: only the canned reply is left.' },
    scenario: { primary: always('unavailable-503'), local: always('connection-reset') },
  },
  {
    id: 'should-retry-false',
    name: { zh: '服务器说别重试', en: 'Server says do not retry' },
    description: { zh: '503 带 x-should-retry: false：SDK 不会重试，你的代码呢？', en: '503 with x-should-retry: false: the SDK will not retry; will your code?' },
    scenario: primaryAlways('unavailable-503', { shouldRetry: false }),
  },
  // Added with the provider profiles: after the first nine, so the Alt+1…9 shortcuts stay put.
  {
    id: 'rate-limit-window',
    name: { zh: '每分钟限额（倒计时）', en: 'Per-minute limit (countdown)' },
    description: {
      zh: '每分钟 10 次请求、20000 token（沙盒时间）。看 x-ratelimit-remaining-requests 从 9 数到 0，第 11 次 429 的 retry-after 正好是窗口剩余时间，等完就好。',
      en: '10 requests and 20 000 tokens a minute (sandbox time). Watch x-ratelimit-remaining-requests count 9 down to 0; the 11th call\'s 429 says in retry-after exactly how long the window has left; wait it out and calls succeed.',
    },
    scenario: primaryAlways('rate-limit-window'),
  },
  {
    id: 'token-rate-limit',
    name: { zh: 'token 限流（TPM）', en: 'Token rate limit (TPM)' },
    description: {
      zh: '每次都是每分钟 token 超限的 429。切到通义千问看看：同样的错误码 insufficient_quota，却是暂时的。',
      en: 'Every call hits the tokens-per-minute 429. Switch to Qwen: the same code insufficient_quota, yet only temporary.',
    },
    scenario: primaryAlways('token-rate-limit'),
  },
  {
    id: 'slow-down',
    name: { zh: '降速（slow_down）', en: 'Slow down' },
    description: { zh: '429 slow_down：流量涨得太快。光等不够，要降低速率。', en: '429 slow_down: traffic grew too fast. Waiting is not enough: lower the rate.' },
    scenario: primaryAlways('slow-down'),
  },
  {
    id: 'overloaded',
    name: { zh: '服务器过载', en: 'Server overloaded' },
    description: { zh: 'OpenAI 503 server_is_overloaded；Anthropic 则是 529 overloaded_error。', en: 'OpenAI 503 server_is_overloaded; on Anthropic it is 529 overloaded_error.' },
    scenario: primaryAlways('overloaded-503'),
  },
  {
    id: 'keep-alive-hold',
    name: { zh: '挂起连接（DeepSeek 高峰）', en: 'Held connection (DeepSeek at peak)' },
    description: {
      zh: '立即 200，之后 10 分钟只发 keep-alive，再断开。空闲超时不会触发：只有整个请求的总超时（如课程 §5.1 的 timeout=10）能结束它。',
      en: 'A 200 at once, then only keep-alives for 10 minutes, then the connection closes. An idle timeout never fires: only a total deadline for the whole call (like §5.1\'s timeout=10) ends it.',
    },
    scenario: primaryAlways('keep-alive-hold', { latencyMs: 600_000 }),
  },
  {
    id: 'content-filter',
    name: { zh: '内容审核拦截', en: 'Content filter' },
    description: { zh: '400：输入被审核拦截。像客户端的程序缺陷，其实要改内容；重试无用。', en: '400: the input is blocked by moderation. It looks like a client bug; the fix is the content, and retrying cannot help.' },
    scenario: primaryAlways('content-filter'),
  },
  {
    id: 'stream-failed',
    name: { zh: '流中失败', en: 'Stream failed' },
    description: {
      zh: '200 之后生成失败：response.failed（server_error）、data: {"error"} 或 "event: error"。不检查结束事件就会把半截答案当成功。',
      en: 'Generation fails after the 200: response.failed (server_error), data: {"error"} or event: error. Skip the check of the final event and half an answer passes as a success.',
    },
    scenario: primaryAlways('stream-failed'),
  },
  {
    id: 'stream-failed-rate-limit',
    name: { zh: '流中限流', en: 'Rate limited mid-stream' },
    description: { zh: 'response.failed 的 error.code 是 rate_limit_exceeded：按限流处理，而不是当断流。', en: 'response.failed with error.code rate_limit_exceeded: handle it as a rate limit, not as a broken stream.' },
    scenario: primaryAlways('stream-failed-rate-limit'),
  },
  {
    id: 'stream-incomplete',
    name: { zh: '回答不完整', en: 'Incomplete answer' },
    description: {
      zh: '答案只有一半：finish_reason "length"、response.incomplete 或 stop_reason "max_tokens"。没有错误状态，但不能当完整答案。',
      en: 'Half an answer: finish_reason "length", response.incomplete or stop_reason "max_tokens". No error status, but not a complete answer either.',
    },
    scenario: primaryAlways('stream-incomplete'),
  },
] satisfies ScenarioPreset[];

/** All presets, in the order the dashboard lists them. */
export const SCENARIO_PRESETS: readonly ScenarioPreset[] = PRESETS;

/** Preset ids, in order. */
export const PRESET_IDS: readonly string[] = SCENARIO_PRESETS.map((p) => p.id);

/** The preset with this id, or `undefined`. */
export function getPreset(id: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((p) => p.id === id);
}
