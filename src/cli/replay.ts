/**
 * `push-prompt replay --rules R.json --log FILE…`: the contexts of decision logs decided
 * again with R and compared with the logged decisions. Streams: a log of any size is read
 * in bounded memory (exact counts, a bounded list of changes).
 */
import { formatChangeReport } from '../authoring/diff/format.js';
import { collectChanges } from '../authoring/diff/report.js';
import { replayLines } from '../authoring/replay/replay.js';
import { parseCommand } from './args.js';
import { expandInputs, inputLines } from './context-sources.js';
import { loadDecider } from './diff.js';
import { EXIT, type Io, UsageError } from './io.js';
import { parseLimit, takeList } from './list-args.js';

export const REPLAY_HELP = `Usage: push-prompt replay --rules <file> --log <file…> [--json] [--limit N]

Decides the context of every decision record in the logs again with the rule set and
compares it with the decision the log recorded (DESIGN.md section 10 records; "-" reads
standard input). The report has diff's shape, with "before" = the logged decision.
Ask and permission records are counted and skipped; a bad line is reported with its line
number and skipped, never fatal.

Options:
  --rules <file>   the rule set to replay with
  --log <file…>    decision logs (JSON Lines; several paths after one flag; folders walked)
  --json           { total, changed, byTransition, byRule, changes: [{ source, before, after }],
                     unlisted, skipped, badLines, ruleSet }
  --limit N        list at most N changes (default 100; "all"); counts are always exact
  -h, --help       this help

Exit codes:
  0  every logged decision is decided the same
  1  some decisions change
  2  error: a rule file that does not load, an unreadable log, a usage error`;

/**
 * Runs `replay`.
 *
 * @example
 * await replayCommand(['--rules', 'rules/default.json', '--log', 'decisions.jsonl', '--json'], io);
 */
export async function replayCommand(args: readonly string[], io: Io): Promise<number> {
  const list = takeList(args, '--log');
  const { values, positionals } = parseCommand(list.rest, {
    rules: { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (values.help) {
    io.out(`${REPLAY_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.rules === undefined) throw new UsageError('replay needs --rules <file>');
  if (!list.present || list.values.length === 0) throw new UsageError('replay needs --log <file…>');
  const limit = parseLimit(values.limit, 100);
  if (typeof limit === 'string') throw new UsageError(limit);
  const decider = loadDecider(values.rules, io);
  if (decider === null) return EXIT.usage;

  const { files, errors } = expandInputs(list.values);
  const collector = collectChanges({ limit });
  for (const input of files) {
    const source = input.file === '-' ? '<stdin>' : input.file;
    try {
      await replayLines(decider, inputLines(input.file), source, collector);
    } catch (e) {
      errors.push(
        `${source}: cannot read (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`,
      );
    }
  }
  for (const e of errors) io.err(`push-prompt replay: ${e}\n`);
  if (errors.length > 0) return EXIT.usage;
  const report = collector.result();
  if (values.json) io.out(`${JSON.stringify({ ...report, ruleSet: decider.ruleSet.id })}\n`);
  else
    io.out(
      formatChangeReport(
        report,
        `replay ${list.values.join(' ')} with ${values.rules} (${decider.ruleSet.id})`,
      ),
    );
  return report.changed > 0 ? EXIT.failed : EXIT.ok;
}
