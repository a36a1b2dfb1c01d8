/**
 * `replay`: the contexts of a decision log decided again with a rule set, compared with the
 * decisions the log recorded. Same report as `diff` (before = the logged decision). Streams:
 * the log is read line by line and only the counts and a bounded sample of changes are kept.
 */
import type { Decider } from '../../index.js';
import { forEachLine, type LineSource, readContextLine } from '../diff/contexts.js';
import type { ChangeCollector } from '../diff/report.js';

/**
 * Replays the lines of one decision log into `collector`. Decision records are decided
 * again; ask and permission records are counted as skipped, and so are bare contexts
 * (they log no decision to compare with); bad lines are counted with their line numbers.
 *
 * @example
 * const c = collectChanges({ limit: 100 });
 * await replayLines(createDecider(rules), fileLines('decisions.jsonl'), 'decisions.jsonl', c);
 * c.result(); // { total, changed, byTransition, byRule, changes, … }
 */
export async function replayLines(
  decider: Decider,
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
      case 'context':
        collector.skip('context-without-decision');
        return;
      case 'decision':
        collector.add(() => `${source}:${line}`, read.decision, decider.decideUnknown(read.context));
    }
  });
}
