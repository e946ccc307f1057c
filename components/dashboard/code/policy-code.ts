/**
 * The current policy as code, beside the charts: this project's TypeScript
 * (`lib/resilience` calls) and the lesson's Python (`retry_with_backoff(...)`,
 * `CircuitBreaker(...)`). Pure string building, so it is unit-tested and the
 * panel only renders. Comments follow the page's language.
 *
 * Mapping notes (why the numbers differ between the two):
 * - the lesson's `max_retries` counts attempts (`for i in range(max_retries)`), ours counts retries;
 * - the lesson's `jitter=True` is `delay × (0.5 + U)` (our `lesson-multiplicative`); other
 *   strategies need the one line of the decorator that computes `delay` changed, so we print that line;
 * - the lesson's decorator ignores Retry-After and its dict cache never expires;
 * - the SDK client's own `maxRetries` / `max_retries` is the policy's `sdkMaxRetries` (0 by default:
 *   our code owns the retries); above 0 the comment multiplies the layers out.
 */
import type { Policy } from '@/lib/contract';
import type { BackoffId } from '@/lib/resilience/backoff';
import { layeredCalls } from '../layered-retries';

/** Language of the code comments. */
export type CodeLang = 'zh' | 'en';

const C = {
  zh: {
    ownRetries: '重试由我们的代码负责：关掉 SDK 自带的重试',
    sdkOn: (per: number, n: number) => `层叠重试！SDK 自带重试开着：每次尝试最多 ${per} 次调用，一个问题最多 ${n} 次。改回 0`,
    retries: '首次调用之后的重试次数',
    breaker: '熔断器',
    cache: '第 1 层：缓存',
    primary: '第 2 层：主模型（熔断器包着重试）',
    local: '第 3 层：本地模型',
    canned: '第 4 层：预设回复',
    noBreaker: '熔断器已关闭：直接重试',
    noCache: '缓存已关闭',
    budget: '重试预算（gRPC 式令牌桶）',
    attempts: '课程的 max_retries 数的是总调用次数（= 重试次数 + 1）',
    retryAfter: '课程的装饰器不看 Retry-After；本沙盒会遵守它（最多 60 秒）',
    ttl: (s: number) => `课程的 dict 缓存永不过期；本沙盒的缓存 ${s} 秒后过期`,
    rate: '课程的 CircuitBreaker 只按连续失败次数熔断；失败率模式见 lib/resilience/breaker-trip-rules.ts',
    delay: '把装饰器里计算 delay 的那一行换成：',
    canned_text: '抱歉，系统暂时无法回答您的问题，请稍后重试。',
  },
  en: {
    ownRetries: 'our code owns the retries: switch the SDK’s own off',
    sdkOn: (per: number, n: number) => `layered retries! the SDK’s own retries are on: up to ${per} calls per attempt, ${n} per question. Set back to 0`,
    retries: 'retries after the first attempt',
    breaker: 'circuit breaker',
    cache: 'layer 1: cache',
    primary: 'layer 2: primary model (the breaker wraps the retries)',
    local: 'layer 3: local model',
    canned: 'layer 4: canned reply',
    noBreaker: 'breaker off: retries only',
    noCache: 'cache off',
    budget: 'retry budget (gRPC-style token bucket)',
    attempts: 'the lesson’s max_retries counts attempts (= retries + 1)',
    retryAfter: 'the lesson’s decorator ignores Retry-After; the sandbox honours it (up to 60 s)',
    ttl: (s: number) => `the lesson’s dict cache never expires; the sandbox’s expires after ${s} s`,
    rate: 'the lesson’s CircuitBreaker only counts failures in a row; failure-rate mode is lib/resilience/breaker-trip-rules.ts',
    delay: 'replace the line of the decorator that computes delay with:',
    canned_text: 'Sorry, the system cannot answer right now. Please try again later.',
  },
} as const;

/** Seconds as Python writes them: `30`, `0.5`. */
const pySeconds = (ms: number) => String(Number((ms / 1000).toFixed(3)));
/** Milliseconds as TypeScript writes them: `30_000`. */
const tsMs = (ms: number) => (Number.isInteger(ms) && ms >= 10_000 ? ms.toLocaleString('en-US').replace(/,/g, '_') : String(ms));

/** The Python line that computes a retry's delay, for strategies the lesson's `jitter` flag cannot express. */
export function pythonDelayLine(strategy: BackoffId): string | null {
  switch (strategy) {
    case 'full':
      return 'delay = random.uniform(0, min(base_delay * (exponential_base ** attempt), max_delay))';
    case 'equal':
      return 'delay = min(base_delay * (exponential_base ** attempt), max_delay); delay = delay / 2 + random.uniform(0, delay / 2)';
    case 'decorrelated':
      return 'sleep = min(max_delay, random.uniform(base_delay, sleep * 3))  # sleep = base_delay before the first retry';
    case 'lesson-additive':
      return 'delay = base_delay * 2 ** attempt; delay = delay + random.uniform(0, delay)  # §3.3';
    case 'openai-sdk':
      return 'delay = min(0.5 * 2 ** attempt, 8) * (1 - 0.25 * random.random())';
    default:
      return null;
  }
}

/** The comment on the SDK client's own retries: off, or the layers multiplied out. */
function sdkComment(p: Policy, lang: CodeLang): string {
  const calls = layeredCalls(p.retry);
  return calls.sdk === 0 ? C[lang].ownRetries : C[lang].sdkOn(calls.perAttempt, calls.max);
}

/** The policy as this project's TypeScript. */
export function typescriptCode(p: Policy, lang: CodeLang = 'zh'): string {
  const c = C[lang];
  const r = p.retry;
  const b = p.breaker;
  const imports = ['createRetryPolicy', ...(b.enabled ? ['CircuitBreaker'] : []), ...(r.budget.enabled ? ['RetryBudget'] : []), ...(p.cache.enabled ? ['TtlLruCache'] : [])].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const lines = [
    "import OpenAI from 'openai';",
    `import { ${imports.join(', ')} } from '@/lib/resilience';`,
    '',
    `// ${sdkComment(p, lang)}`,
    `const primary = new OpenAI({ maxRetries: ${layeredCalls(r).sdk}, timeout: ${tsMs(r.attemptTimeoutMs)} });`,
    '',
    'const retry = createRetryPolicy({',
    `  maxRetries: ${r.maxRetries}, // ${c.retries}`,
    `  backoff: '${r.strategy}',`,
    `  backoffOptions: { baseMs: ${tsMs(r.baseMs)}, capMs: ${tsMs(r.capMs)} },`,
    `  honorRetryAfter: ${r.honorRetryAfter},`,
    ...(r.budget.enabled ? [`  retryBudget: new RetryBudget({ maxTokens: ${r.budget.maxTokens}, tokenRatio: ${r.budget.tokenRatio} }), // ${c.budget}`] : []),
    '});',
  ];
  if (b.enabled) {
    lines.push('', `const breaker = new CircuitBreaker({ // ${c.breaker}`, `  mode: '${b.mode}',`);
    if (b.mode === 'consecutive') lines.push(`  failureThreshold: ${b.failureThreshold},`);
    else lines.push(`  failureRateThreshold: ${b.failureRateThreshold},`, `  windowSize: ${b.windowSize},`, `  minimumCalls: ${b.minimumCalls},`);
    lines.push(`  successThreshold: ${b.successThreshold},`, `  openMs: ${tsMs(b.openMs)},`, `  halfOpenMaxProbes: ${b.halfOpenMaxProbes},`, '});');
  }
  if (p.cache.enabled) lines.push('', `const cache = new TtlLruCache<string, string>({ maxEntries: ${p.cache.maxEntries}, ttlMs: ${tsMs(p.cache.ttlMs)} });`);
  const call = b.enabled ? 'breaker.execute(() => retry.execute(() => callPrimary(message)))' : 'retry.execute(() => callPrimary(message))';
  lines.push('', 'export async function chat(message: string): Promise<string> {');
  if (p.cache.enabled) lines.push(`  const hit = cache.get(message); // ${c.cache}`, '  if (hit !== undefined) return hit;');
  else lines.push(`  // ${c.noCache}`);
  lines.push('  try {', `    const text = await ${call}; // ${b.enabled ? c.primary : c.noBreaker}`);
  if (p.cache.enabled) lines.push('    cache.set(message, text);');
  lines.push('    return text;', '  } catch (error) {');
  if (p.fallback.local) lines.push('    try {', `      return await callLocal(message); // ${c.local}`, '    } catch {}');
  lines.push(p.fallback.canned ? `    return '${c.canned_text}'; // ${c.canned}` : '    throw error;', '  }', '}');
  return lines.join('\n');
}

/** The policy in the lesson's Python (`robust_ai_service.py` and §3.4, §4.2, §5.1). */
export function pythonCode(p: Policy, lang: CodeLang = 'zh'): string {
  const c = C[lang];
  const r = p.retry;
  const b = p.breaker;
  const jitter = r.strategy === 'lesson-multiplicative';
  const base = r.strategy === 'none' ? 0 : r.baseMs;
  const lines = [
    'from openai import OpenAI',
    '',
    `client = OpenAI(max_retries=${layeredCalls(r).sdk})  # ${sdkComment(p, lang)}`,
    '',
    `# ${c.attempts}`,
    `@retry_with_backoff(max_retries=${r.maxRetries + 1}, base_delay=${pySeconds(base)}, max_delay=${pySeconds(r.capMs)}, exponential_base=${r.strategy === 'constant' ? 1 : 2}, jitter=${jitter ? 'True' : 'False'})`,
  ];
  const delay = pythonDelayLine(r.strategy);
  if (delay) lines.push(`# ${c.delay}`, `#     ${delay}`);
  if (r.honorRetryAfter) lines.push(`# ${c.retryAfter}`);
  lines.push(
    'def _api_call(message):',
    '    response = client.chat.completions.create(',
    '        model="gpt-3.5-turbo",',
    '        messages=[{"role": "user", "content": message}],',
    `        timeout=${pySeconds(r.attemptTimeoutMs)},`,
    '    )',
    '    return response.choices[0].message.content',
  );
  if (b.enabled) {
    lines.push('', `circuit_breaker = CircuitBreaker(failure_threshold=${b.failureThreshold}, success_threshold=${b.successThreshold}, timeout=${pySeconds(b.openMs)}, window_size=${b.windowSize})`);
    if (b.mode === 'failure-rate') lines.push(`# ${c.rate}`);
  }
  lines.push('', 'def chat(message):');
  const aside = (text: string) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  if (p.cache.enabled) lines.push(`    if message in cache:  # ${c.cache}${aside(c.ttl(Math.round(p.cache.ttlMs / 1000)))}`, '        return cache[message]');
  lines.push('    try:', `        result = ${b.enabled ? 'circuit_breaker.call(lambda: _api_call(message))' : '_api_call(message)'}  # ${b.enabled ? c.primary : c.noBreaker}`);
  if (p.cache.enabled) lines.push('        cache[message] = result');
  lines.push('        return result', '    except Exception:', '        pass');
  if (p.fallback.local) lines.push('    try:', `        return fallback_client.chat.completions.create(model="qwen2.5-7b-instruct", messages=[{"role": "user", "content": message}], timeout=10).choices[0].message.content  # ${c.local}`, '    except Exception:', '        pass');
  lines.push(p.fallback.canned ? `    return "${c.canned_text}"  # ${c.canned}` : '    raise');
  return lines.join('\n');
}
