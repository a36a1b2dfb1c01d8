/**
 * `push-prompt decide --rules <file> --context <file|->`: one decision as JSON, a
 * readable trace with `--explain`, or a replay of JSON lines with `--jsonl`.
 */

import { formatExplanation } from '../authoring/explain-text.js';
import { createDecider, type Decider } from '../evaluate/decider.js';
import type { Decision } from '../evaluate/decision.js';
import { factsRead } from '../rules/compile.js';
import type { RuleSet } from '../rules/load.js';
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { EXIT, type Io, readFailure, UsageError } from './io.js';
import { scanJson } from './json-position.js';
import { formatLocated, locate, readRuleFile } from './rule-file.js';

const DECIDE_HELP = `Usage: push-prompt decide --rules <file> --context <file|-> [--explain] [--json]
       push-prompt decide --rules <file> --jsonl [--context <file|->] [--explain]

Decides for one context and prints the decision as JSON.

Options:
  --rules <file>     the rule set (JSON)
  --context <file>   the context (JSON); "-" reads stdin
  --explain          a readable trace: each rule in priority order, each condition with the
                     value it saw and whether it held, guardrails, and why the winner won
                     (with --json or --jsonl: the decision's "trace" field instead)
  --json             compact one-line JSON (for machines)
  --jsonl            replay: one context per line in (stdin or --context), one decision
                     per line out; a line that is not JSON gets an invalid-context decision
  -h, --help         this help

${EXIT_CODES_HELP}`;

/**
 * Runs `decide`.
 *
 * @example
 * await decideCommand(['--rules', 'rules/default.json', '--context', 'ctx.json', '--explain'], io);
 */
export async function decideCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    rules: { type: 'string' },
    context: { type: 'string' },
    explain: { type: 'boolean' },
    json: { type: 'boolean' },
    jsonl: { type: 'boolean' },
  });
  if (values.help) {
    io.out(`${DECIDE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.rules === undefined) throw new UsageError('decide needs --rules <file>');
  if (values.context === undefined && !values.jsonl) throw new UsageError('decide needs --context <file|->');
  const rules = readRuleFile(values.rules, io);
  if (rules.ruleSet === null) {
    for (const e of rules.errors) io.err(`${formatLocated(e)}\n`);
    return EXIT.failed;
  }
  const decider = createDecider(rules.ruleSet);
  const source = values.context ?? '-';
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : io.readFile(source);
  } catch (e) {
    io.err(`${source === '-' ? '<stdin>' : source}: ${readFailure(e)}\n`);
    return EXIT.failed;
  }
  const explain = values.explain === true;
  const warnUtc = explain ? utcWarning(rules.ruleSet) : null;
  if (values.jsonl) return replay(decider, text, explain, io, warnUtc);

  const scanned = scanJson(text);
  const name = source === '-' ? '<stdin>' : source;
  if (!scanned.ok) {
    const { line, column } = scanned.error.position;
    io.err(`${name}:${line}:${column}  error  $  not valid JSON: ${scanned.error.message}  [invalid-json]\n`);
    return EXIT.failed;
  }
  const context: unknown = JSON.parse(text);
  const utc = utcNow(context);
  if (warnUtc !== null && utc !== null) io.err(`${name}: ${warnUtc(utc)}\n`);
  const d = decider.decideUnknown(context, { explain });
  if (d.reason === 'invalid-context') {
    for (const i of d.issues) io.err(`${formatLocated(locate(name, scanned.positions, i, 'error'))}\n`);
  }
  if (explain && !values.json) io.out(formatExplanation(d));
  else io.out(`${values.json ? JSON.stringify(d) : JSON.stringify(d, null, 2)}\n`);
  return d.reason === 'invalid-context' ? EXIT.failed : EXIT.ok;
}

/**
 * With --explain, a rule set that reads the local hour (quiet hours, `localHour`,
 * `localDayOfWeek`) gets a one-line warning when a context's `now` is UTC: the usual
 * `new Date().toISOString()` moves the user's quiet hours to UTC without a word. Returns the
 * warning's text for a UTC `now`, or null when the rule set never reads the local hour.
 */
function utcWarning(rs: RuleSet): ((now: string) => string) | null {
  const facts = factsRead(rs.rules.map((r) => r.conditions));
  const uses = [
    ...(rs.policy.quietHours !== null ? ['quiet hours'] : []),
    ...['localHour', 'localDayOfWeek'].filter((f) => facts.has(f)),
  ];
  if (uses.length === 0) return null;
  return (now) =>
    `warning: now is UTC (${now}) but the rule set reads the local time (${uses.join(', ')}): send now with the user's offset (localTimestamp(new Date()) from push-prompt-engine/client), not new Date().toISOString()`;
}

/** `now` when it is written in UTC (`Z`, `+00:00`, or RFC 3339's "offset unknown" `-00:00`). */
function utcNow(context: unknown): string | null {
  if (typeof context !== 'object' || context === null || !Object.hasOwn(context, 'now')) return null;
  const now = (context as { now: unknown }).now;
  return typeof now === 'string' && /(?:[Zz]|[+-]00:00)$/.test(now) ? now : null;
}

/** One decision per non-empty input line, in order; the UTC warning once, at its first line. */
function replay(
  decider: Decider,
  text: string,
  explain: boolean,
  io: Io,
  warnUtc: ((now: string) => string) | null,
): number {
  let invalid = 0;
  let warned = false;
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line.trim() === '') continue;
    let d: Decision;
    try {
      const context: unknown = JSON.parse(line);
      const utc = warned ? null : utcNow(context);
      if (warnUtc !== null && utc !== null) {
        io.err(`line ${lineNo}: ${warnUtc(utc)}\n`);
        warned = true;
      }
      d = decider.decideUnknown(context, { explain });
    } catch (e) {
      d = {
        action: 'wait',
        reason: 'invalid-context',
        retryAt: null,
        ruleSet: decider.ruleSet.id,
        issues: [{ code: 'invalid-json', path: [], message: e instanceof Error ? e.message : String(e) }],
      };
    }
    if (d.reason === 'invalid-context') invalid++;
    io.out(`${JSON.stringify(d)}\n`);
  }
  return invalid > 0 ? EXIT.failed : EXIT.ok;
}
