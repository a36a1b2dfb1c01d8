/**
 * `push-prompt serve --rules <file>`: the decision endpoint (DESIGN.md section 13) on
 * `node:http`, until SIGTERM or SIGINT, then a graceful drain and exit 0. The process's
 * edge: the wall clock, stderr as the JSON log, the signals; the endpoint itself is
 * `createServer` from the server entry.
 */
import {
  createServer,
  DEFAULT_SERVER_LIMITS,
  fileSink,
  type LogEvent,
  openApiDocument,
  resolveLimits,
  type ServerLimits,
} from '../server/index.js';
import { EXIT_CODES_HELP, parseCommand } from './args.js';
import { EXIT, type Io, UsageError } from './io.js';
import { formatLocated, readRuleFile } from './rule-file.js';

/** Flags that set a limit, with the limit each one sets. */
const LIMIT_FLAGS = {
  'max-body-bytes': 'maxBodyBytes',
  'max-batch-body-bytes': 'maxBatchBodyBytes',
  'max-batch': 'maxBatchSize',
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
  'keep-alive-timeout-ms': 'keepAliveTimeoutMs',
  'shutdown-timeout-ms': 'shutdownTimeoutMs',
} as const satisfies Record<string, keyof ServerLimits>;

const D = DEFAULT_SERVER_LIMITS;
export const SERVE_HELP = `Usage: push-prompt serve --rules <file> [--port 8080] [--host 127.0.0.1] [--log <file>]
       push-prompt serve --openapi

Runs the decision endpoint until SIGTERM or SIGINT, then drains (every request in
flight answered, the log flushed) and exits 0. SIGHUP reopens the --log file (rotation:
rename it, then send SIGHUP). Logs one JSON line per event on stderr.

  POST /v1/decide            one context -> its decision (?explain=1 adds the trace)
  POST /v1/decide/batch      { "contexts": [...] } -> { "decisions": [...] }
  GET  /healthz              the rule set serving, the last reload error, the log's health
  GET  /metrics              Prometheus metrics
  GET  /openapi.json         the OpenAPI 3.1 document

Options:
  --rules <file>              the rule set (JSON); reloaded when the file changes, and a
                              file that fails to load keeps the last good one serving
  --port <n>                  port (default 8080; 0 picks a free one)
  --host <address>            address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --log <file>                append a decision record per decision (JSON lines)
  --no-watch                  never reload the rules file
  --poll-ms <n>               also check the rules file every n ms (default 1000)
  --max-body-bytes <n>        one context's body (default ${D.maxBodyBytes})
  --max-batch-body-bytes <n>  a batch's body (default ${D.maxBatchBodyBytes})
  --max-batch <n>             contexts per batch (default ${D.maxBatchSize})
  --headers-timeout-ms <n>    time to send the headers (default ${D.headersTimeoutMs})
  --request-timeout-ms <n>    time to send the whole request (default ${D.requestTimeoutMs})
  --keep-alive-timeout-ms <n> idle keep-alive connections close after (default ${D.keepAliveTimeoutMs})
  --shutdown-timeout-ms <n>   the drain's deadline (default ${D.shutdownTimeoutMs})
  --openapi                   print the OpenAPI document and exit
  -h, --help                  this help

${EXIT_CODES_HELP}`;

/**
 * Runs `serve`; resolves with the exit code once the server has stopped.
 *
 * @example
 * process.exitCode = await serveCommand(['--rules', 'rules/default.json', '--port', '8080'], nodeIo());
 */
export async function serveCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    rules: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    log: { type: 'string' },
    'no-watch': { type: 'boolean' },
    'poll-ms': { type: 'string' },
    openapi: { type: 'boolean' },
    ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((f) => [f, { type: 'string' as const }])),
  });
  if (values.help) {
    io.out(`${SERVE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const limits: Partial<Record<keyof ServerLimits, number>> = {};
  for (const [flag, name] of Object.entries(LIMIT_FLAGS)) {
    const v = (values as Record<string, unknown>)[flag];
    if (typeof v === 'string') limits[name] = integerFlag(flag, v, 1);
  }
  if (values.openapi) {
    io.out(`${JSON.stringify(openApiDocument(checkedLimits(limits)), null, 2)}\n`);
    return EXIT.ok;
  }
  if (values.rules === undefined) throw new UsageError('serve needs --rules <file>');
  const port = values.port === undefined ? 8080 : integerFlag('port', values.port, 0, 65535);
  const pollIntervalMs =
    values['poll-ms'] === undefined ? undefined : integerFlag('poll-ms', values['poll-ms'], 1);
  checkedLimits(limits);

  // Checked here first so a bad file is reported with line:column, like `validate`.
  const checked = readRuleFile(values.rules, io);
  if (checked.ruleSet === null) {
    for (const e of checked.errors) io.err(`${formatLocated(e)}\n`);
    return EXIT.failed;
  }
  const logger = (e: LogEvent): void =>
    io.err(`${JSON.stringify({ time: new Date().toISOString(), ...e })}\n`);
  const app = createServer({
    rules: {
      file: values.rules,
      watch: values['no-watch'] !== true,
      ...(pollIntervalMs !== undefined && { pollIntervalMs }),
    },
    clock: Date.now,
    logger,
    limits,
    ...(values.log !== undefined && { log: { sink: fileSink(values.log) } }),
  });
  try {
    const { url } = await app.listen(port, values.host ?? '127.0.0.1');
    logger({
      level: 'info',
      event: 'listening',
      url,
      ruleSet: app.health().ruleSet,
      log: values.log ?? null,
    });
  } catch (error) {
    logger({
      level: 'error',
      event: 'listen-failed',
      message: error instanceof Error ? error.message : String(error),
    });
    await app.close();
    return EXIT.failed;
  }
  // Log rotation: after `mv decisions.jsonl decisions.1.jsonl`, SIGHUP makes the server
  // write what it holds to the old file and open a new one.
  const reopen = (): void => {
    app.reopenLog().then(
      () => logger({ level: 'info', event: 'log-reopened', log: values.log ?? null }),
      (error: unknown) => logger({ level: 'error', event: 'log-reopen-failed', message: String(error) }),
    );
  };
  process.on('SIGHUP', reopen);
  const force = (): void => {
    logger({ level: 'error', event: 'shutdown-forced', message: 'second signal: exiting without draining' });
    process.exit(EXIT.failed);
  };
  const signal = await untilSignal(force);
  logger({ level: 'info', event: 'shutdown', signal, inFlight: app.health().inFlight });
  await app.close();
  process.off('SIGTERM', force);
  process.off('SIGINT', force);
  process.off('SIGHUP', reopen);
  const log = app.health().log;
  logger({
    level: 'info',
    event: 'stopped',
    ...(log !== null && { written: log.written, dropped: log.dropped, writeErrors: log.writeErrors }),
  });
  return EXIT.ok;
}

/** Resolves with the first SIGTERM or SIGINT; a second one calls `force`. */
function untilSignal(force: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

function integerFlag(flag: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max} (got "${v}")`);
  }
  return n;
}

/** The limits as createServer will resolve them; a bad value or combination is a usage error (exit 2). */
function checkedLimits(limits: Partial<ServerLimits>): ServerLimits {
  try {
    return resolveLimits(limits);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
