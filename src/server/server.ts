/**
 * `createServer(options)`: the decision endpoint as a value. `listen()` runs it on its own
 * `node:http` server with the limits applied; `handler` mounts it in someone else's;
 * `close()` drains it: no new connections, every request in flight answered, idle
 * keep-alive connections closed, the decision log flushed.
 */
import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import { DecisionLog, type DecisionLogOptions, type LogSink } from './decision-log.js';
import { createHandler } from './handler.js';
import { buildHttpServer, drain, isoClock, listen } from './http-server.js';
import { InFlight } from './in-flight.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { type Logger, safeLogger, silentLogger } from './logger.js';
import { openApiDocument } from './openapi.js';
import { type ReloadResult, RuleSource } from './rule-source.js';
import type { Health } from './schemas.js';
import { createServerMetrics } from './server-metrics.js';
import { type FileWatch, watchFile } from './watch.js';

/** Where the rules come from: a file (watched and reloaded) or fixed JSON text. */
export type RulesOption =
  | {
      readonly file: string;
      /** Reload when the file changes (default true). */
      readonly watch?: boolean;
      /** How often the file is also `stat`ed, for file systems without watch events (default 1000 ms). */
      readonly pollIntervalMs?: number;
      /** Quiet time after a change before reloading (default 100 ms). */
      readonly debounceMs?: number;
    }
  | { readonly text: string };

/** Everything `createServer` takes. */
export interface ServerOptions {
  readonly rules: RulesOption;
  /**
   * Wall-clock milliseconds (`Date.now`): the `at` of decision records and of errors on
   * `/healthz`. Injected, so the library never reads the clock itself.
   */
  readonly clock: () => number;
  /** The decision log; absent: no records are written. */
  readonly log?: { readonly sink: LogSink } & DecisionLogOptions;
  /** Structured events (request errors, reloads, log failures, shutdown); default: none. */
  readonly logger?: Logger;
  /** Request limits and timeouts; see `DEFAULT_SERVER_LIMITS`. */
  readonly limits?: Partial<ServerLimits>;
}

/** The running endpoint. */
export interface PushPromptServer {
  /** Mount in an existing `node:http` server (its own timeouts and shutdown are then yours). */
  readonly handler: RequestListener;
  /** The `node:http` server `listen` uses (created on first use, with the limits applied). */
  readonly httpServer: Server;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(
    port: number,
    host?: string,
  ): Promise<{ readonly host: string; readonly port: number; readonly url: string }>;
  /** Graceful: stop accepting, answer what is in flight, close idle connections, flush the log. Idempotent. */
  close(): Promise<void>;
  /** Writes what the log holds, then reopens its file on the next write (rotation by rename). */
  reopenLog(): Promise<void>;
  /** Reloads the rules file now (also done on every change while watching). */
  reload(): Promise<ReloadResult>;
  /** What `GET /healthz` answers. */
  health(): Health;
  /** What `GET /metrics` answers. */
  metrics(): string;
}

/**
 * Creates the endpoint. Throws when the initial rule set is bad (a `RuleSetError` with
 * every issue) or unreadable, or when a limit is invalid: a bad deploy stops at startup.
 *
 * @example
 * const app = createServer({ rules: { file: 'rules/default.json' }, clock: Date.now,
 *   log: { sink: fileSink('decisions.jsonl') }, logger: (e) => process.stderr.write(`${JSON.stringify(e)}\n`) });
 * const { url } = await app.listen(8080, '127.0.0.1');
 * process.once('SIGTERM', () => void app.close());
 */
export function createServer(options: ServerOptions): PushPromptServer {
  const limits = resolveLimits(options.limits);
  const logger = safeLogger(options.logger ?? silentLogger);
  const clock = options.clock;
  const rules =
    'file' in options.rules
      ? RuleSource.fromFile(options.rules.file, { clock, logger })
      : RuleSource.fromText(options.rules.text, { clock, logger });
  const log =
    options.log === undefined ? null : new DecisionLog(options.log.sink, options.log, { clock, logger });
  const inFlight = new InFlight();
  const sockets = new Set<Socket>();
  let closing = false;
  const metrics = createServerMetrics({
    inFlight: () => inFlight.count,
    connections: () => sockets.size,
    ruleSet: () => rules.current().ruleSet.id,
    reloadFailing: () => rules.lastReloadError() !== null,
    log: () => log?.stats() ?? null,
  });
  const health = (): Health => healthOf(rules, log, inFlight, closing);
  let openApiText: string | null = null;
  const handler = createHandler({
    limits,
    rules,
    log,
    metrics,
    logger,
    timestamp: isoClock(clock),
    inFlight,
    closing: () => closing,
    health,
    openApiJson: () => {
      openApiText ??= JSON.stringify(openApiDocument(limits), null, 2);
      return openApiText;
    },
  });
  const reload = async (): Promise<ReloadResult> => {
    const r = await rules.reload();
    metrics.reloads.inc([r.result]);
    return r;
  };
  const watcher = watchRules(options.rules, reload, logger);
  let http: Server | null = null;
  const httpServer = (): Server => {
    http ??= buildHttpServer(handler, limits, sockets, metrics, logger);
    return http;
  };
  let closed: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    closing = true;
    watcher?.close();
    if (http !== null) await drain(http, sockets, limits, () => inFlight.count, logger);
    // Mounted in someone else's server, nothing closes a stalled request for us: the same
    // deadline bounds the wait, and the log is flushed either way.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), limits.shutdownTimeoutMs);
    });
    if ((await Promise.race([inFlight.idle(), deadline])) === 'deadline') {
      logger({ level: 'warn', event: 'shutdown-deadline', inFlight: inFlight.count });
    }
    clearTimeout(timer);
    await log?.close();
  };
  return {
    handler,
    get httpServer() {
      return httpServer();
    },
    listen: (port, host = '127.0.0.1') => listen(httpServer(), port, host),
    close() {
      closed ??= close();
      return closed;
    },
    reload,
    reopenLog: async () => {
      await log?.reopen();
    },
    health,
    metrics: () => metrics.registry.render(),
  };
}

/** What `GET /healthz` answers: copies, so a caller cannot change the server's state. */
function healthOf(rules: RuleSource, log: DecisionLog | null, inFlight: InFlight, closing: boolean): Health {
  const logStats = log?.stats() ?? null;
  const error = rules.lastReloadError();
  const degraded = error !== null || logStats?.status === 'failing';
  return {
    status: closing ? 'shutting-down' : degraded ? 'degraded' : 'ok',
    ruleSet: rules.current().ruleSet.id,
    rulesFile: rules.path(),
    lastReloadError: error === null ? null : { ...error, issues: [...error.issues] },
    log: logStats === null ? null : { ...logStats, dropped: { ...logStats.dropped } },
    inFlight: inFlight.count,
  };
}

/** Reloads on every change of the rules file, unless it is fixed text or watching is off. */
function watchRules(rules: RulesOption, reload: () => Promise<unknown>, logger: Logger): FileWatch | null {
  if (!('file' in rules) || rules.watch === false) return null;
  return watchFile(
    rules.file,
    () => {
      reload().catch((error: unknown) => {
        logger({ level: 'error', event: 'reload', result: 'crashed', message: String(error) });
      });
    },
    {
      ...(rules.debounceMs !== undefined && { debounceMs: rules.debounceMs }),
      ...(rules.pollIntervalMs !== undefined && { pollIntervalMs: rules.pollIntervalMs }),
      onWatchError: (error) =>
        logger({ level: 'warn', event: 'watch-error', message: String(error), fallback: 'polling' }),
    },
  );
}
