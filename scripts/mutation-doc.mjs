/**
 * What `npm run mutation` mutates and how docs/mutation.md lists the survivors, in one place:
 * stryker.config.mjs takes the file list, scripts/mutation-report.mjs reads and writes the
 * rows, and test/mutation-doc.test.ts checks them between runs.
 */

/** The guarantee code StrykerJS mutates. */
export const MUTATED_FILES = [
  'src/evaluate/guardrails.ts',
  'src/evaluate/platform.ts',
  'src/evaluate/history.ts',
  'src/experiments/enroll.ts',
  'src/client/prompt-history.ts',
];

export const SURVIVORS_START = '<!-- survivors:start -->';
export const SURVIVORS_END = '<!-- survivors:end -->';

/**
 * The survivor rows of the doc, each as its five cells
 * (`file:line | mutator | original | replacement | reason`), or null when the doc has no
 * survivors block.
 */
export function survivorRows(doc) {
  const a = doc.indexOf(SURVIVORS_START);
  const b = doc.indexOf(SURVIVORS_END);
  if (a < 0 || b < a) return null;
  return doc
    .slice(a + SURVIVORS_START.length, b)
    .split('\n')
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((x) => x.trim()),
    )
    .filter((cells) => cells.length === 5 && /:\d+$/.test(cells[0]));
}
