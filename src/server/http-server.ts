/**
 * The endpoint's own `node:http` server: the limits applied, connections tracked for the
 * drain, clients that fail before a request (timeouts, malformed HTTP, oversized headers)
 * answered with the JSON error shape; `listen` and the graceful drain.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';
import { formatTimestamp } from '../shared/time.js';
import type { ServerLimits } from './limits.js';
import type { Logger } from './logger.js';
import { errorJson } from './respond.js';
import type { ServerMetrics } from './server-metrics.js';

/**
 * Listens on `port` and `host`; resolves with the bound address.
 *
 * @example
 * await listen(server, 0, '127.0.0.1'); // { host: '127.0.0.1', port: 41234, url: 'http://127.0.0.1:41234' }
 */
export function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ readonly host: string; readonly port: number; readonly url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({ host: a.address, port: a.port, url: `http://${shown}:${a.port}` });
    });
  });
}

/**
 * Stops accepting and waits until every connection is closed. Connections with no request
 * on them (idle keep-alive connections, connections still sending their headers) are
 * closed once the loop has read what was already sent on them: a request whose bytes
 * reached the server before the signal is answered, not dropped. Connections with a
 * request in flight close after their response (it carries "connection: close"); past the
 * shutdown deadline, whatever is left is closed.
 *
 * @example
 * await drain(server, sockets, limits, () => inFlight.count, logger);
 */
export async function drain(
  server: Server,
  sockets: ReadonlySet<Socket>,
  limits: ServerLimits,
  inFlight: () => number,
  logger: Logger,
): Promise<void> {
  if (!server.listening) return;
  const stopped = new Promise<void>((resolve) => server.once('close', () => resolve()));
  // net's close, not http's: http's also closes idle connections at once, before the loop
  // has read requests already waiting in their buffers (seen under load: 49 of 50 requests
  // sent just before SIGTERM were dropped that way).
  NetServer.prototype.close.call(server);
  await nextTurn();
  await nextTurn();
  for (const socket of sockets) if (responseOn(socket) === undefined) socket.destroy();
  const deadline = setTimeout(() => {
    logger({ level: 'warn', event: 'shutdown-deadline', connections: sockets.size, inFlight: inFlight() });
    server.closeAllConnections();
  }, limits.shutdownTimeoutMs);
  await stopped;
  clearTimeout(deadline);
  // http's close now only stops its timeout checks (the listener is closed already).
  server.close();
}

/** Resolves after the event loop has polled for I/O once more. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The `node:http` server with the limits applied, connections tracked (for the drain), and
 * clients that fail before a request (timeouts, malformed HTTP, oversized headers)
 * answered with the JSON error shape.
 *
 * @example
 * const server = buildHttpServer(handler, limits, sockets, metrics, logger);
 * await listen(server, 8080, '127.0.0.1');
 */
export function buildHttpServer(
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

/**
 * Wall-clock milliseconds as ISO text, formatted once per distinct millisecond.
 *
 * @example
 * const now = isoClock(Date.now); now(); // '2026-12-02T10:00:00.000Z'
 */
export function isoClock(clock: () => number): () => string {
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
