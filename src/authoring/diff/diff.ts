/**
 * `diff`: the same contexts decided by two rule sets, every change counted and grouped.
 * Each context is validated once and decided twice on the pre-parsed fast path
 * (`decideParsed`), which gives the same decision as `decide` on the raw JSON.
 */
import { type Decider, type Decision, safeParseContext } from '../../index.js';
import { forEachLine, type LineSource, readContextLine } from './contexts.js';
import { type ChangeCollector, type ChangeReport, collectChanges } from './report.js';

/**
 * Both decisions for one context (raw JSON), validating it once.
 *
 * @example
 * const [before, after] = decideBoth(oldDecider, newDecider, ctx);
 */
export function decideBoth(before: Decider, after: Decider, context: unknown): [Decision, Decision] {
  const parsed = safeParseContext(context);
  if (!parsed.success) return [before.decideUnknown(context), after.decideUnknown(context)];
  return [before.decideParsed(parsed.data), after.decideParsed(parsed.data)];
}

/** A context to decide, and where it came from (`file[:line]`; a function is called only if listed). */
export interface SourcedContext {
  readonly source: string | (() => string);
  readonly context: unknown;
}

/**
 * Decides every context with both rule sets and reports the changes.
 *
 * @example
 * const report = diffContexts(createDecider(oldJson), createDecider(newJson), [{ source: 'a.json', context }]);
 * report.changed; // 0 when the edit changes nothing for these contexts
 */
export function diffContexts(
  before: Decider,
  after: Decider,
  contexts: Iterable<SourcedContext>,
  options: { readonly limit?: number; readonly collector?: ChangeCollector } = {},
): ChangeReport {
  const c = options.collector ?? collectChanges(options);
  for (const { source, context } of contexts) {
    const [b, a] = decideBoth(before, after, context);
    c.add(source, b, a);
  }
  return c.result();
}

/**
 * Adds the lines of one JSON Lines input (contexts, or a decision log whose decision
 * records carry the contexts) to a diff. Bad lines are counted and kept as samples with
 * their line number; ask and permission records are counted as skipped.
 *
 * @example
 * const c = collectChanges({ limit: 1000 });
 * await diffLines(oldD, newD, fileLines('decisions.jsonl'), 'decisions.jsonl', c);
 * c.result();
 */
export async function diffLines(
  before: Decider,
  after: Decider,
  lines: LineSource,
  source: string,
  collector: ChangeCollector,
): Promise<void> {
  await forEachLine(lines, (text, line) => {
    const read = readContextLine(text);
    switch (read.kind) {
      case 'blank':
        return;
      case 'bad':
        collector.badLine({ source, line, message: read.message });
        return;
      case 'other-record':
        collector.skip('other-record');
        return;
      default: {
        const [b, a] = decideBoth(before, after, read.context);
        collector.add(() => `${source}:${line}`, b, a);
      }
    }
  });
}
