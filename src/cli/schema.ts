/**
 * `push-prompt schema`: prints the rule files' JSON Schema.
 */
import { renderRuleSetJsonSchema } from '../authoring/schema/rule-set-schema.js';
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { EXIT, type Io, UsageError } from './io.js';

const SCHEMA_HELP = `Usage: push-prompt schema [--json]

Prints the JSON Schema (draft-07) of a rule file, the same as rules/rule-set.schema.json.
Point a rule file's "$schema" at it for autocomplete and validation in editors.

Options:
  --json      the same JSON (accepted for symmetry with the other commands)
  -h, --help  this help

${EXIT_CODES_HELP}`;

/**
 * Runs `schema`.
 *
 * @example
 * await schemaCommand([], io); // prints the schema, returns 0
 */
export async function schemaCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(`${SCHEMA_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`schema takes no arguments (got ${positionals.join(' ')})`);
  io.out(renderRuleSetJsonSchema());
  return EXIT.ok;
}
