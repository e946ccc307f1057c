/**
 * A value that satisfies a JSON schema, for structured outputs and tool-call
 * arguments: `chat.completions.parse` with a zod schema must get back JSON its
 * own validator accepts. Deterministic, so a structured answer can be compared
 * across retries like a text one. Covers what OpenAI's strict mode allows:
 * objects, arrays, strings (with enum, const and common formats), numbers,
 * integers, booleans, null, `anyOf`/`oneOf`/`allOf` and local `$ref`s.
 */

type Schema = Record<string, unknown>;

/** Options of {@link jsonInstance}. */
export interface InstanceOptions {
  /** Text for the first free-text string field (the answer), e.g. the mock's reply. */
  text: string;
  /** Epoch ms, for `date-time` and `date` strings. Default 1 700 000 000 000. */
  now?: number;
}

const MAX_DEPTH = 12;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolve `#/definitions/x`, `#/$defs/x` or `#` against the root. */
function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

/** Build one value for `schema`, given the whole `root` (for `$ref`s). */
export function jsonInstance(schema: Schema, opts: InstanceOptions): unknown {
  let textUsed = false;
  const take = () => {
    if (textUsed) return undefined;
    textUsed = true;
    return opts.text;
  };
  const build = (s: Schema, name: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) return null;
    if (typeof s.$ref === 'string') {
      const target = resolveRef(schema, s.$ref);
      return target ? build(target, name, depth + 1) : null;
    }
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
    const variants = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : []).filter(isSchema);
    if (variants.length > 0) return build(variants.find((v) => v.type !== 'null') ?? variants[0]!, name, depth + 1);
    if (Array.isArray(s.allOf)) {
      const parts = s.allOf.filter(isSchema).map((p) => build(p, name, depth + 1));
      return parts.every(isSchema) ? Object.assign({}, ...parts) : (parts[0] ?? null);
    }
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const type = (types.find((t) => t !== 'null') ?? types[0] ?? (isSchema(s.properties) ? 'object' : undefined)) as string | undefined;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const props = isSchema(s.properties) ? s.properties : {};
        for (const [key, sub] of Object.entries(props)) if (isSchema(sub)) out[key] = build(sub, key, depth + 1);
        return out;
      }
      case 'array': {
        const items = isSchema(s.items) ? s.items : {};
        const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
        return Array.from({ length: Math.min(count, 10) }, () => build(items, name, depth + 1));
      }
      case 'integer':
      case 'number':
        return numberFor(s, type === 'integer');
      case 'boolean':
        return true;
      case 'null':
        return null;
      case 'string':
        return stringFor(s, name, opts.now ?? 1_700_000_000_000, take);
      default:
        // No type at all (`{}` accepts anything): a string reads best.
        return take() ?? name;
    }
  };
  return build(schema, 'value', 0);
}

/** A number inside the schema's bounds: 1 (or 0.5) when it allows it, else the middle of the range. */
function numberFor(s: Schema, integer: boolean): number {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const [min, max, xmin, xmax] = [num(s.minimum), num(s.maximum), num(s.exclusiveMinimum), num(s.exclusiveMaximum)];
  const lo = min ?? (xmin !== undefined ? xmin + (integer ? 1 : 0) : -Infinity);
  const hi = max ?? (xmax !== undefined ? xmax - (integer ? 1 : 0) : Infinity);
  const preferred = integer ? 1 : 0.5;
  const inside = (v: number) => v >= lo && v <= hi && (xmin === undefined || v > xmin) && (xmax === undefined || v < xmax);
  if (inside(preferred)) return preferred;
  const middle = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : Number.isFinite(lo) ? lo + 1 : hi - 1;
  const value = integer ? Math.ceil(middle) : middle;
  return inside(value) ? value : integer ? Math.floor(middle) : middle;
}

function stringFor(s: Schema, name: string, now: number, take: () => string | undefined): string {
  const iso = new Date(now).toISOString();
  switch (s.format) {
    case 'date-time':
      return iso;
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19) + 'Z';
    case 'email':
      return 'student@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  const text = take() ?? `sample ${name}`;
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const padded = text.length < min ? text.padEnd(min, '.') : text;
  return Array.from(padded).slice(0, max).join('');
}
