/**
 * The authoring wing's zod ContextSchema: the hand-written runtime type `ContextInput`
 * equals its input type (checked by the compiler both ways: `npm run typecheck`), the
 * JSON Schema can be generated from it, and its reference parse reads web's "default".
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { ContextSchema, safeParseContextReference } from '../../src/authoring/index.js';
import type { ContextInput } from '../../src/index.js';

type SchemaInput = z.input<typeof ContextSchema>;

/** True only when A and B are the same type (not merely assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const minimal: ContextInput = {
  now: '2026-03-01T09:30:00Z',
  platform: { os: 'web', browser: 'firefox' },
  permission: 'default',
  sessions: { count: 1 },
};

describe('ContextSchema (authoring)', () => {
  it('has ContextInput, written by hand in the runtime, as its input type, both ways', () => {
    expectTypeOf<ContextInput>().toEqualTypeOf<SchemaInput>();
    expectTypeOf<SchemaInput>().toEqualTypeOf<ContextInput>();
    const same: Equal<ContextInput, SchemaInput> = true;
    expect(same).toBe(true);
    expect(ContextSchema.safeParse(minimal).success).toBe(true);
  });

  it('gives a JSON Schema with every field of the context', () => {
    const schema = z.toJSONSchema(ContextSchema) as {
      properties: Record<string, unknown>;
      required: string[];
    };

    expect(Object.keys(schema.properties)).toEqual([
      'now',
      'userId',
      'platform',
      'permission',
      'canAskAgain',
      'sessions',
      'keyActions',
      'trigger',
      'asks',
      'cooldowns',
      'attributes',
    ]);
    expect(schema.required).toEqual(['now', 'platform', 'permission', 'sessions']);
  });

  it('reads permission "default" (web) as not-determined, as the runtime does', () => {
    const r = safeParseContextReference(minimal);

    expect(r.success && r.data.permission).toBe('not-determined');
  });
});
