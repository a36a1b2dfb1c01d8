/**
 * `push-prompt validate <files…>`: every issue of every rule file, with its line:column.
 */
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { countsLine } from './counts.js';
import { EXIT, type Io, UsageError } from './io.js';
import { formatLocated, isSchemaFile, readRuleFile } from './rule-file.js';

const VALIDATE_HELP = `Usage: push-prompt validate <files…> [--json]

Loads each rule file as the engine would and prints every issue with its file, line,
column and JSON path (a typo gets a "did you mean …?").
Files ending in .schema.json (the generated JSON Schema) are skipped.

Options:
  --json      machine output: { files: [{ file, valid, ruleSet, issues }], errors }
  -h, --help  this help

${EXIT_CODES_HELP}`;

/**
 * Runs `validate`.
 *
 * @example
 * await validateCommand(['rules/default.json'], io); // 0
 */
export async function validateCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(`${VALIDATE_HELP}\n`);
    return EXIT.ok;
  }
  const skipped = positionals.filter(isSchemaFile);
  if (!values.json) for (const f of skipped) io.out(`${f}: skipped (the JSON Schema, not a rule set)\n`);
  if (positionals.length === 0) throw new UsageError('validate needs at least one rule file');
  const files = positionals.filter((f) => !isSchemaFile(f)).map((f) => readRuleFile(f, io));
  const errors = files.reduce((n, f) => n + f.errors.length, 0);
  if (values.json) {
    const out = files.map((f) => ({
      file: f.file,
      valid: f.errors.length === 0,
      ruleSet: f.ruleSet?.id ?? null,
      issues: f.errors,
    }));
    io.out(`${JSON.stringify({ files: out, errors })}\n`);
  } else {
    for (const f of files) {
      if (f.errors.length === 0)
        io.out(`${f.file}: ok (${f.ruleSet?.id}, ${f.ruleSet?.rules.length} rules)\n`);
      for (const e of f.errors) io.out(`${formatLocated(e)}\n`);
    }
    if (errors > 0) io.out(`\n${countsLine({ errors, files: files.length })}\n`);
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
