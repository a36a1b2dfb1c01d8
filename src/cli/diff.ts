/**
 * `push-prompt diff OLD.json NEW.json --contexts PATH…`: what a rule change does to real
 * contexts, for a rule PR's CI. Exit 0 when nothing changes, 1 when something does, 2 on
 * an error (bad rule file, unreadable input, invalid JSON, usage).
 */
import { diffContexts, diffLines } from '../authoring/diff/diff.js';
import { formatChangeReport } from '../authoring/diff/format.js';
import { collectChanges } from '../authoring/diff/report.js';
import { createDecider, type Decider } from '../index.js';
import { parseCommand } from './args.js';
import { expandInputs, inputLines, jsonFileContexts } from './context-sources.js';
import { EXIT, type Io, UsageError } from './io.js';
import { parseLimit, takeList } from './list-args.js';
import { formatLocated, readRuleFile } from './rule-file.js';

export const DIFF_HELP = `Usage: push-prompt diff <old.json> <new.json> --contexts <path…> [--json] [--limit N]

Decides every context with both rule sets and lists each context whose decision changes,
grouped by transition (show-soft-prompt → wait …) and by rule (before → after).

Contexts come from:
  *.json             one context; a list of contexts; a decision record; {"contexts": […]};
                     the golden table test/cases.json (each entry's "context" is decided by
                     OLD and NEW; its own "ruleSet" and "expected" are not read)
  *.jsonl, *.ndjson  one context or decision-log record per line (decision records give their
                     context; ask and permission records are skipped and counted)
  folders            walked recursively for the files above; rule files, JSON Schemas and
                     other JSON documents are skipped and counted
  -                  JSON Lines on standard input

A change is any difference in action, reason, ruleId, params, retryAt, issues or
experiments (the rule set's name@hash and the trace are not compared).

Options:
  --contexts <path…>  where the contexts are (several paths after one flag)
  --json              { total, changed, byTransition, byRule, changes: [{ source, before, after }],
                        unlisted, skipped, badLines, old, new }
  --limit N           list at most N changes (default 1000; "all"); counts are always exact
  -h, --help          this help

Exit codes:
  0  no decision changes
  1  some decisions change (the report lists them)
  2  error: a rule file that does not load, an unreadable input, invalid JSON, a usage error`;

/** Loads a rule file for diff/replay; prints its issues and returns null when it fails. */
export function loadDecider(file: string, io: Io): Decider | null {
  const f = readRuleFile(file, io);
  if (f.ruleSet === null) {
    for (const e of f.errors) io.err(`${formatLocated(e)}\n`);
    return null;
  }
  return createDecider(f.ruleSet);
}

/**
 * Runs `diff`.
 *
 * @example
 * await diffCommand(['rules/default.json', 'next.json', '--contexts', 'test/cases.json', 'examples'], io); // 0, 1 or 2
 */
export async function diffCommand(args: readonly string[], io: Io): Promise<number> {
  const list = takeList(args, '--contexts');
  const { values, positionals } = parseCommand(list.rest, {
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (values.help) {
    io.out(`${DIFF_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('diff needs two rule files: <old.json> <new.json>');
  if (!list.present || list.values.length === 0) throw new UsageError('diff needs --contexts <path…>');
  const limit = parseLimit(values.limit, 1000);
  if (typeof limit === 'string') throw new UsageError(limit);
  const [oldFile, newFile] = positionals as [string, string];
  const before = loadDecider(oldFile, io);
  const after = loadDecider(newFile, io);
  if (before === null || after === null) return EXIT.usage;

  const { files, errors } = expandInputs(list.values);
  const collector = collectChanges({ limit });
  for (const input of files) {
    if (input.kind === 'lines') {
      const source = input.file === '-' ? '<stdin>' : input.file;
      try {
        await diffLines(before, after, inputLines(input.file), source, collector);
      } catch (e) {
        errors.push(
          `${source}: cannot read (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`,
        );
      }
      continue;
    }
    const r = jsonFileContexts(input.file, io, collector);
    if ('error' in r) errors.push(r.error);
    else diffContexts(before, after, r.contexts, { collector });
  }
  for (const e of errors) io.err(`push-prompt diff: ${e}\n`);
  if (errors.length > 0) return EXIT.usage;
  const report = collector.result();
  if (values.json) {
    const sides = {
      old: { file: oldFile, ruleSet: before.ruleSet.id },
      new: { file: newFile, ruleSet: after.ruleSet.id },
    };
    io.out(`${JSON.stringify({ ...report, ...sides })}\n`);
  } else {
    io.out(
      formatChangeReport(report, `diff ${oldFile} (${before.ruleSet.id}) → ${newFile} (${after.ruleSet.id})`),
    );
  }
  return report.changed > 0 ? EXIT.failed : EXIT.ok;
}
