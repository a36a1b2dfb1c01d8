/**
 * The `push-prompt` command line: dispatches to one command per file. Node only; never
 * imported by the library entries, so client bundles never carry it.
 */
import { EXIT_CODES_HELP } from './args.js';
import { decideCommand } from './decide.js';
import { diffCommand } from './diff.js';
import { EXIT, type Io, UsageError } from './io.js';
import { lintCommand } from './lint.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { schemaCommand } from './schema.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { validateCommand } from './validate.js';

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = {
  validate: validateCommand,
  decide: decideCommand,
  lint: lintCommand,
  schema: schemaCommand,
  diff: diffCommand,
  replay: replayCommand,
  simulate: simulateCommand,
  serve: serveCommand,
  report: reportCommand,
};

const MAIN_HELP = `Usage: push-prompt <command> [options]

Commands:
  validate <files…>                          check rule files: every issue with line:column
  decide --rules <file> --context <file|->   print the decision (--explain for a readable trace)
  lint <files…>                              warnings a careful reviewer would raise
  schema                                     print the rule files' JSON Schema
  diff <old> <new> --contexts <path…>        which decisions a rule change changes (exit 1 if any)
  replay --rules <file> --log <file…>        logged contexts decided again, compared with the log
  simulate --population <p> --rules <file>…  simulated users: opt-in, burned users, prompts per strategy
  report --log <file>… [--rules <file>]      experiment report of decision logs: opt-in per arm, lift, SRM
  serve --rules <file> [--port 8080]         the HTTP decision endpoint (reloads, logs, drains)

Run "push-prompt <command> --help" for a command's options.

${EXIT_CODES_HELP}`;

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await run(['validate', 'rules/default.json'], nodeIo());
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${MAIN_HELP}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    return await command(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // One line: what is wrong, and where the options are.
    const help = command === undefined ? 'push-prompt --help' : `push-prompt ${name} --help`;
    io.err(`push-prompt: ${e.message} (see "${help}")\n`);
    return EXIT.usage;
  }
}
