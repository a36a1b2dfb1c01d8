/**
 * Stable content hashes: FNV-1a (32-bit) over canonical JSON (sorted keys). The rule-set
 * hash streams over the data instead of building the canonical text, so loading a large
 * rule set does not allocate a second copy of it as one string.
 */
import type { Json } from './json-snapshot.js';

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

function feed(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h;
}

function hex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * JSON text with object keys sorted, so equal data gives equal text.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] as Json)}`).join(',')}}`;
}

/**
 * FNV-1a 32-bit hash of a string as 8 hex digits.
 *
 * @example
 * fnv1a('hello'); // '4f9f2cab'
 */
export function fnv1a(s: string): string {
  return hex(feed(OFFSET, s));
}

/**
 * The FNV-1a 32-bit state after feeding the UTF-16 code units of `s` to state `h` (by
 * default the offset basis), as an unsigned integer. Resumable: feeding `a` then `b` equals
 * feeding `a + b`, so a fixed prefix (an experiment's salt) is hashed once, at load.
 *
 * @example
 * fnv1aState('hello').toString(16);           // '4f9f2cab', as fnv1a('hello')
 * fnv1aState('lo', fnv1aState('hel')) === fnv1aState('hello'); // true
 */
export function fnv1aState(s: string, h: number = OFFSET): number {
  return feed(h, s) >>> 0;
}

/**
 * `fnv1a(canonicalJson(v))`, computed without building the canonical text.
 *
 * @example
 * hashJson({ b: 1, a: 2 }) === fnv1a('{"a":2,"b":1}'); // true
 */
export function hashJson(v: Json): string {
  return hex(feedJson(OFFSET, v));
}

function feedJson(h: number, v: Json): number {
  if (v === null || typeof v !== 'object')
    return feed(h, typeof v === 'string' ? JSON.stringify(v) : String(v));
  if (Array.isArray(v)) {
    h = feed(h, '[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) h = feed(h, ',');
      h = feedJson(h, v[i] as Json);
    }
    return feed(h, ']');
  }
  const keys = Object.keys(v).sort();
  h = feed(h, '{');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) h = feed(h, ',');
    h = feed(feed(h, JSON.stringify(k)), ':');
    h = feedJson(h, v[k] as Json);
  }
  return feed(h, '}');
}
