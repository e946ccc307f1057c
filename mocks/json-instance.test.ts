import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonInstance } from './json-instance';

/** Zod → JSON schema (as the openai helpers do), then check our instance against the zod schema itself. */
const roundTrip = (schema: z.ZodType) => schema.safeParse(jsonInstance(z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>, { text: 'answer text' }));

describe('jsonInstance', () => {
  it.each([
    ['flat object', z.object({ answer: z.string(), n: z.number(), ok: z.boolean() })],
    ['ints, ranges and enums', z.object({ age: z.number().int().min(18).max(99), level: z.enum(['low', 'high']), score: z.number().gt(2).lt(3) })],
    ['nullable and optional-as-nullable', z.object({ note: z.string().nullable(), tags: z.array(z.string()).min(2) })],
    ['nested and unions', z.object({ user: z.object({ name: z.string(), email: z.email() }), value: z.union([z.string(), z.number()]) })],
    ['literal and date-time', z.object({ kind: z.literal('report'), at: z.iso.datetime() })],
    ['string lengths', z.object({ code: z.string().min(20).max(25) })],
  ])('satisfies %s', (_, schema) => {
    const result = roundTrip(schema);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('puts the text into the first free-text field only', () => {
    expect(jsonInstance({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } }, { text: 'T' })).toEqual({ a: 'T', b: 'sample b' });
  });

  it('follows local $refs and survives a recursive schema', () => {
    const schema = { $ref: '#/definitions/node', definitions: { node: { type: 'object', properties: { label: { type: 'string' }, next: { anyOf: [{ $ref: '#/definitions/node' }, { type: 'null' }] } } } } };
    const value = jsonInstance(schema, { text: 'root' }) as { label: string; next: unknown };
    expect(value.label).toBe('root');
    expect(typeof value.next).toBe('object');
    expect(JSON.stringify(value).length).toBeLessThan(5000);
  });
});
