/**
 * The one wording of a check's totals, shared by `validate` and `lint` (and any command
 * that checks files): "2 errors, 1 warning in 3 files".
 */

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The summary line (without a newline). `warnings` is left out by commands that have none.
 *
 * @example
 * countsLine({ errors: 2, warnings: 1, files: 3 }); // '2 errors, 1 warning in 3 files'
 * countsLine({ errors: 1, files: 1 }); // '1 error in 1 file'
 */
export function countsLine(counts: { errors: number; warnings?: number; files: number }): string {
  const parts = [plural(counts.errors, 'error')];
  if (counts.warnings !== undefined) parts.push(plural(counts.warnings, 'warning'));
  return `${parts.join(', ')} in ${plural(counts.files, 'file')}`;
}
