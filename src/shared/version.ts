/**
 * Dotted versions compared as versions, never as floats: `16.10` is after `16.4`.
 */

/** 1 to 4 dot-separated integers of at most 6 digits: the one definition (the JSON Schema uses it too). */
export const VERSION_RE = /^\d{1,6}(\.\d{1,6}){0,3}$/;

/**
 * Whether `s` is a version this library understands: 1 to 4 dot-separated integers.
 *
 * @example
 * isVersion('17.2.1'); // true
 * isVersion('17.x');   // false
 */
export function isVersion(s: string): boolean {
  return VERSION_RE.test(s);
}

/**
 * Compares two versions part by part; missing parts count as 0. Returns -1, 0 or 1.
 *
 * @example
 * compareVersions('16.10', '16.4'); // 1
 * compareVersions('17', '17.0.0');  // 0
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = Number(pa[i] ?? 0);
    const y = Number(pb[i] ?? 0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The leading integer of a version (`'17.2'` → 17). */
export function majorVersion(s: string): number {
  const dot = s.indexOf('.');
  return Number(dot === -1 ? s : s.slice(0, dot));
}
