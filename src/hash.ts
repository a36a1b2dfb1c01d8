/**
 * Stable content hashes: FNV-1a (32-bit) over canonical JSON (sorted keys).
 */
import type { Json } from './json-snapshot.js';

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
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
