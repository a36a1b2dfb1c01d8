/**
 * `createServer(options)`: the decision endpoint as a value. `listen()` runs it on its own
 * `node:http` server with the limits applied; `handler` mounts it in someone else's;
 * `close()` drains it: no new connections, every request in flight answered, idle
 * keep-alive connections closed, the decision log flushed.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatTimestamp } from '../shared/time.js';
import { DecisionLog, type DecisionLogOptions, type LogSink } from './decision-log.js';
import { createHandler } from './handler.js';
import { InFlight } from './in-flight.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { type Logger, safeLogger, silentLogger } from './logger.js';
import { openApiDocument } from './openapi.js';
import { errorJson } from './respond.js';
import { type ReloadResult, RuleSource } from './rule-source.js';
import type { Health } from './schemas.js';
import { createServerMetrics, type ServerMetrics } from './server-metrics.js';
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
  const rulesOption = options.rules;
  const rules =
    'file' in rulesOption
      ? RuleSource.fromFile(rulesOption.file, { clock, logger })
      : RuleSource.fromText(rulesOption.text, { clock, logger });
  const log: DecisionLog | null =
    options.log === undefined ? null : new DecisionLog(options.log.sink, options.log, { clock, logger });
  const inFlight = new InFlight();
  const sockets = new Set<Socket>();
  let closing = false;
  let closed: Promise<void> | null = null;

  const metrics: ServerMetrics = createServerMetrics({
    inFlight: () => inFlight.count,
    connections: () => sockets.size,
    ruleSet: () => rules.current().ruleSet.id,
    reloadFailing: () => rules.lastReloadError() !== null,
    log: () => log?.stats() ?? null,
  });

  const health = (): Health => {
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
  };

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

  let watcher: FileWatch | null = null;
  if ('file' in rulesOption && rulesOption.watch !== false) {
    watcher = watchFile(
      rulesOption.file,
      () => {
        reload().catch((error: unknown) => {
          logger({ level: 'error', event: 'reload', result: 'crashed', message: String(error) });
        });
      },
      {
        ...(rulesOption.debounceMs !== undefined && { debounceMs: rulesOption.debounceMs }),
        ...(rulesOption.pollIntervalMs !== undefined && { pollIntervalMs: rulesOption.pollIntervalMs }),
        onWatchError: (error) =>
          logger({ level: 'warn', event: 'watch-error', message: String(error), fallback: 'polling' }),
      },
    );
  }

  let http: Server | null = null;
  const httpServer = (): Server => {
    http ??= buildHttpServer(handler, limits, sockets, metrics, logger);
    return http;
  };

  const close = async (): Promise<void> => {
    closing = true;
    watcher?.close();
    const server = http;
    if (server?.listening) {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections, and connections still sending their headers (no
      // request accepted yet), close now; connections with a request in flight close
      // after their response (it carries "connection: close").
      for (const socket of sockets) if (responseOn(socket) === undefined) socket.destroy();
      const deadline = setTimeout(() => {
        logger({
          level: 'warn',
          event: 'shutdown-deadline',
          connections: sockets.size,
          inFlight: inFlight.count,
        });
        server.closeAllConnections();
      }, limits.shutdownTimeoutMs);
      await stopped;
      clearTimeout(deadline);
    }
    await inFlight.idle();
    await log?.close();
  };

  return {
    handler,
    get httpServer() {
      return httpServer();
    },
    listen(port, host = '127.0.0.1') {
      const server = httpServer();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ host: a.address, port: a.port, url: `http://${shown}:${a.port}` });
        });
      });
    },
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

/**
 * The `node:http` server with the limits applied, connections tracked (how many requests
 * each has in flight, for the drain), and clients that fail before a request (timeouts,
 * malformed HTTP, oversized headers) answered with the JSON error shape.
 */
function buildHttpServer(
  handler: RequestListener,
  limits: ServerLimits,
  sockets: Set<Socket>,
  metrics: ServerMetrics,
  logger: Logger,
): Server {
  const server = createHttpServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    const code = error.code ?? 'unknown';
    metrics.clientErrors.inc([code]);
    const reply = clientErrorReply(code);
    // Node's own rule: answer only if nothing of a response was written on this socket yet.
    if (reply === null || !socket.writable || responseOn(socket)?.headersSent === true) {
      socket.destroy();
      return;
    }
    logger({ level: 'warn', event: 'client-error', code, status: reply.status, message: reply.message });
    const body = errorJson(reply.code, reply.message);
    socket.end(
      `HTTP/1.1 ${reply.status} ${reply.reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
  return server;
}

/**
 * The response in progress on a connection, if any. Node assigns a request's response to
 * its socket before emitting 'request' and detaches it when the response finishes (its
 * own `closeIdleConnections` reads the same field), so a socket without one has no request
 * in flight: it is idle between keep-alive requests, or still sending headers.
 */
function responseOn(socket: Socket): { readonly headersSent?: boolean } | undefined {
  return (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage ?? undefined;
}

/** Wall-clock milliseconds as ISO text, formatted once per distinct millisecond. */
function isoClock(clock: () => number): () => string {
  let lastMs = Number.NaN;
  let lastIso = '';
  return () => {
    const ms = clock();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = formatTimestamp(ms);
    }
    return lastIso;
  };
}

interface ClientErrorReply {
  readonly status: number;
  readonly reason: string;
  readonly code: 'request-timeout' | 'headers-too-large' | 'bad-request';
  readonly message: string;
}

/** The answer to a connection that failed before a request; null: just close it (a reset). */
function clientErrorReply(code: string): ClientErrorReply | null {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      reason: 'Request Timeout',
      code: 'request-timeout',
      message: 'the request was not received in time',
    };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: 'headers-too-large',
      message: 'the request line and headers are too large',
    };
  }
  if (code.startsWith('HPE_')) {
    return {
      status: 400,
      reason: 'Bad Request',
      code: 'bad-request',
      message: `malformed HTTP request (${code})`,
    };
  }
  return null;
}
