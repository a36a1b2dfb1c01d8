/**
 * The `push-prompt` binary (package.json "bin", built to dist/cli.js). Sets the exit code
 * instead of calling process.exit, so buffered output is flushed first.
 */
import { nodeIo } from './io.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
