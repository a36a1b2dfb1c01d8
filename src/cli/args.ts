/**
 * Argument parsing with `node:util` `parseArgs` (strict: an unknown flag is a usage
 * error, exit code 2), shared by every command.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` for one command; throws {@link UsageError} on anything it does not know.
 *
 * @example
 * parseCommand(['--strict', 'a.json'], { strict: { type: 'boolean' } }); // { values: { strict: true }, positionals: ['a.json'] }
 */
export function parseCommand<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

/** parseArgs' errors in a few words (its own add a paragraph about `--`). */
function usageMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option "${option}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return message.includes('argument missing')
      ? `option ${option} needs a value`
      : `option ${option} takes no value`;
  }
  return message;
}

/** The exit-code table printed by every `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success (decisions printed, files clean; lint warnings without --strict)
  1  validation errors, unreadable files, an invalid context, or lint warnings with --strict
  2  usage error (unknown command or flag, missing argument)`;
