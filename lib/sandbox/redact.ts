/**
 * Secrets never reach the browser. A real provider's 401 quotes the key it
 * was given, masked but still half there (`Incorrect API key provided:
 * sk-LEAKC*******3456`); such text would otherwise travel into the trace, the
 * SSE stream and the projector. Everything shown from an upstream passes here.
 */

/** Key-like tokens: OpenAI/DeepSeek `sk-…`, Anthropic `sk-ant-…`, bearer tokens, `key=`/`api_key:` values. */
const PATTERNS: [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9*_.-]{3,}/g, 'sk-***'],
  [/\bBearer\s+[^\s,;"']+/gi, 'Bearer ***'],
  [/\b((?:api[_-]?)?key)(["']?\s*[:=]\s*["']?)[^\s,;"'&]{6,}/gi, '$1$2***'],
];

/**
 * Replace every key-like token in `text`, and any of `secrets` verbatim
 * (e.g. the server's own OPENAI_API_KEY, whatever its shape).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = [process.env.OPENAI_API_KEY]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('***');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
