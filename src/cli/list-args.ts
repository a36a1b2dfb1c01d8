/**
 * Flags that take a list of paths (`--contexts a.json b/ c.jsonl`): everything after the
 * flag up to the next `--option` belongs to it. `node:util` `parseArgs` takes one value
 * per flag, so these are taken out before it runs.
 */

/**
 * Removes `flag` and the values after it from `args`; returns the values and the rest.
 *
 * @example
 * takeList(['a.json', 'b.json', '--contexts', 'x', 'y', '--json'], '--contexts');
 * // { values: ['x', 'y'], rest: ['a.json', 'b.json', '--json'], present: true }
 */
export function takeList(
  args: readonly string[],
  flag: string,
): { values: string[]; rest: string[]; present: boolean } {
  const values: string[] = [];
  const rest: string[] = [];
  let present = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === flag || a.startsWith(`${flag}=`)) {
      present = true;
      if (a.startsWith(`${flag}=`)) values.push(a.slice(flag.length + 1));
      while (i + 1 < args.length && !(args[i + 1] as string).startsWith('--'))
        values.push(args[++i] as string);
    } else {
      rest.push(a);
    }
  }
  return { values, rest, present };
}

/**
 * Parses `--limit` (a count of listed changes, or `all`).
 *
 * @example
 * parseLimit('50', 1000); // 50
 * parseLimit('all', 1000); // Infinity
 */
export function parseLimit(raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  if (raw === 'all') return Number.POSITIVE_INFINITY;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : `--limit must be a whole number or "all", got "${raw}"`;
}
