/**
 * `push-prompt lint <files…>`: the warnings a careful reviewer would raise, each with its
 * line:column, JSON path and one line on why.
 */
import { lintRuleSet } from '../authoring/lint/lint.js';
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { countsLine } from './counts.js';
import { EXIT, type Io, UsageError } from './io.js';
import { formatLocated, isSchemaFile, type Located, locate, readRuleFile } from './rule-file.js';

const LINT_HELP = `Usage: push-prompt lint <files…> [--strict] [--json]

Warns about rules that can never fire (shadowed by a higher-priority rule, contradictory
conditions, a settings link that requires systemPromptAvailable true, a soft prompt that
requires it false), soft prompts that can fire in the first session or with no trigger or
keyActions condition, variants missing from the "variants" catalog, cooldowns shorter than
a day, and duplicate keys in the JSON. Invalid files are reported as errors (exit 1).
Files ending in .schema.json (the generated JSON Schema) are skipped.

Options:
  --strict    exit 1 when there are warnings
  --json      machine output: { files: [{ file, errors, warnings }], errors, warnings }
  -h, --help  this help

${EXIT_CODES_HELP}`;

/**
 * Runs `lint`.
 *
 * @example
 * await lintCommand(['--strict', 'rules/ecommerce.json'], io); // 0 when clean
 */
export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (values.help) {
    io.out(`${LINT_HELP}\n`);
    return EXIT.ok;
  }
  const skipped = positionals.filter(isSchemaFile);
  if (!values.json) for (const f of skipped) io.out(`${f}: skipped (the JSON Schema, not a rule set)\n`);
  if (positionals.length === 0) throw new UsageError('lint needs at least one rule file');
  const results = positionals
    .filter((f) => !isSchemaFile(f))
    .map((file) => {
      const f = readRuleFile(file, io);
      const warnings: Located[] = f.duplicateKeys.map((path) =>
        locate(
          file,
          f.positions,
          { code: 'duplicate-key', path, message: 'this key appears twice: JSON keeps only the last one' },
          'warning',
        ),
      );
      if (f.ruleSet)
        warnings.push(...lintRuleSet(f.ruleSet).map((w) => locate(file, f.positions, w, 'warning')));
      return { file, errors: f.errors, warnings };
    });
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
  if (values.json) {
    io.out(`${JSON.stringify({ files: results, errors, warnings })}\n`);
  } else {
    for (const r of results) {
      if (r.errors.length + r.warnings.length === 0) io.out(`${r.file}: no warnings\n`);
      for (const l of [...r.errors, ...r.warnings]) io.out(`${formatLocated(l)}\n`);
    }
    if (errors + warnings > 0) io.out(`\n${countsLine({ errors, warnings, files: results.length })}\n`);
  }
  if (errors > 0 || (values.strict && warnings > 0)) return EXIT.failed;
  return EXIT.ok;
}
