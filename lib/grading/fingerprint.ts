/**
 * What a request body says about the call, read once on arrival: a hash that
 * ties retries of the same request together, and a few fields for the card
 * (the question, `stream`, the assistant turns it quotes). Nothing else of the
 * body is kept, so a session's record stays small.
 */

/** What {@link readRequestBody} extracts. */
export interface BodyFacts {
  /** Hex hash of the raw bytes (FNV-1a, 2 × 32 bits): equal bodies, equal hashes. */
  hash: string;
  /** The last user message, at most {@link QUESTION_CHARS} characters. `''` when there is none. */
  question: string;
  /** The request asked for `stream: true`. */
  stream: boolean;
  /** The first {@link PREFIX_CHARS} characters of each assistant message (at most 8). */
  assistantPrefixes: string[];
}

/** Length of the question preview, in characters. */
export const QUESTION_CHARS = 60;
/** Length of the assistant-turn prefixes compared with a cut stream's partial text, in characters. */
export const PREFIX_CHARS = 24;
/** Bodies larger than this are hashed but not parsed, in bytes. */
const PARSE_LIMIT = 64 * 1024;

/** FNV-1a over bytes, from a given offset basis; two bases give a 64-bit-ish hash without BigInt. */
function fnv1a(bytes: Uint8Array, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Hash of some bytes, as 16 hex digits. */
export function hashBytes(bytes: Uint8Array): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(fnv1a(bytes, 0x811c9dc5)) + hex(fnv1a(bytes, 0x01000193 ^ 0x5bd1e995));
}

const short = (text: string, n: number) => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
};

/** The text of a message's content: a string, or the text parts of an array (OpenAI and Anthropic shapes). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
}

/** Facts of a request body (any bytes; a body that is not a chat request gives an empty question). */
export function readRequestBody(bytes: Uint8Array): BodyFacts {
  const facts: BodyFacts = { hash: hashBytes(bytes), question: '', stream: false, assistantPrefixes: [] };
  if (bytes.length === 0 || bytes.length > PARSE_LIMIT) return facts;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return facts;
  }
  if (!json || typeof json !== 'object') return facts;
  const body = json as { stream?: unknown; messages?: unknown; input?: unknown };
  facts.stream = body.stream === true;
  const messages = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  for (const m of messages as unknown[]) {
    if (!m || typeof m !== 'object') continue;
    const { role, content } = m as { role?: unknown; content?: unknown };
    const text = contentText(content);
    if (role === 'user' && text) facts.question = short(text, QUESTION_CHARS);
    if (role === 'assistant' && text && facts.assistantPrefixes.length < 8) facts.assistantPrefixes.push(normalisePrefix(text));
  }
  if (!facts.question && typeof body.input === 'string') facts.question = short(body.input, QUESTION_CHARS);
  return facts;
}

/** The comparable start of a text: whitespace squeezed, first {@link PREFIX_CHARS} characters. */
export function normalisePrefix(text: string): string {
  return Array.from(text.replace(/\s+/g, ' ').trim()).slice(0, PREFIX_CHARS).join('');
}

/**
 * The text an OpenAI chat stream delivered, from its raw SSE bytes (decoded so
 * far): the `delta.content` of every complete `data:` event, in order.
 */
export function streamedText(sse: string): string {
  let text = '';
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (!data || data === '[DONE]') continue;
    try {
      const chunk = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
      const piece = chunk.choices?.[0]?.delta?.content;
      if (typeof piece === 'string') text += piece;
    } catch {
      // A half-received event: the next read completes it.
    }
  }
  return text;
}
