import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a, hashJson } from '../src/shared/hash.js';
import type { Json } from '../src/shared/json-snapshot.js';
import { propertySeed, runOptions } from './support/seed.js';

const seed = propertySeed('hash');

describe('hash', () => {
  it('fnv1a matches the published FNV-1a 32-bit vectors', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });

  it('hashJson streams exactly fnv1a(canonicalJson(v)), whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const json = v as Json;
        expect(hashJson(json)).toBe(fnv1a(canonicalJson(json)));
        expect(hashJson(JSON.parse(JSON.stringify(json)) as Json)).toBe(hashJson(json));
      }),
      runOptions(seed, 500),
    );
    expect(hashJson({ b: 1, a: [true, null, 'x'] })).toBe(hashJson({ a: [true, null, 'x'], b: 1 }));
  });
});
