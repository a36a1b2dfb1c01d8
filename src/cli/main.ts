/**
 * The `push-prompt` binary (package.json "bin", built to dist/cli.js). Sets the exit code
 * instead of calling process.exit, so buffered output is flushed first. A closed output
 * ends it quietly; an unexpected error is one line (the stack only with
 * PUSH_PROMPT_DEBUG=1), never a trace a user has to read.
 */
import { exitQuietlyOnClosedOutput, nodeIo } from './io.js';
import { run } from './run.js';

exitQuietlyOnClosedOutput(process.stdout, process.stderr);
try {
  process.exitCode = await run(process.argv.slice(2), nodeIo());
} catch (error) {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(
    `push-prompt: ${message}\nThis is a bug in push-prompt: please report it with the command you ran at https://github.com/push-prompt-engine/push-prompt-engine/issues (PUSH_PROMPT_DEBUG=1 prints the stack).\n`,
  );
  if (process.env.PUSH_PROMPT_DEBUG === '1' && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
