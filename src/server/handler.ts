/**
 * The request handler: routing, content checks, the decision routes, health, metrics and
 * the OpenAPI document. Each request takes the decider serving when it arrives and keeps
 * it to the end, so a reload never splits a request (or a batch) across two rule sets.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Decider, Decision } from '../index.js';
import { batchContexts, decideAll, parseJsonBody, recordLine } from './decide.js';
import type { DecisionLog } from './decision-log.js';
import type { InFlight } from './in-flight.js';
import type { ServerLimits } from './limits.js';
import type { Logger } from './logger.js';
import { errorJson, HttpError, readBody, sendJson } from './respond.js';
import type { RuleSource } from './rule-source.js';
import type { Health } from './schemas.js';
import type { ServerMetrics } from './server-metrics.js';

/** Everything the handler reads; the server owns it. */
export interface HandlerContext {
  readonly limits: ServerLimits;
  readonly rules: RuleSource;
  readonly log: DecisionLog | null;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  /** The wall clock's time as ISO text, for decision records. */
  readonly timestamp: () => string;
  readonly inFlight: InFlight;
  /** True once shutdown started: responses ask the client to close the connection. */
  readonly closing: () => boolean;
  readonly health: () => Health;
  readonly openApiJson: () => string;
}

type RouteName = 'decide' | 'batch' | 'healthz' | 'metrics' | 'openapi';
const GET = ['GET', 'HEAD'] as const;
const ROUTES: ReadonlyMap<string, { readonly name: RouteName; readonly methods: readonly string[] }> =
  new Map([
    ['/v1/decide', { name: 'decide', methods: ['POST'] }],
    ['/v1/decide/batch', { name: 'batch', methods: ['POST'] }],
    ['/healthz', { name: 'healthz', methods: GET }],
    ['/metrics', { name: 'metrics', methods: GET }],
    ['/openapi.json', { name: 'openapi', methods: GET }],
  ]);

/** nginx's code for a client that went away before its response: counted, never sent. */
const CLIENT_CLOSED = 499;

/**
 * The `(req, res)` listener: mount it in any `node:http` server.
 *
 * @example
 * http.createServer(createHandler(context)).listen(8080);
 */
export function createHandler(ctx: HandlerContext): RequestListener {
  return (req, res) => {
    const started = performance.now();
    const decider = ctx.rules.current();
    ctx.inFlight.begin();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = ROUTES.get(path);
    const done = (status: number): void => {
      const name = route?.name ?? 'other';
      ctx.metrics.requests.inc2(name, String(status));
      ctx.metrics.duration.observe(name, (performance.now() - started) / 1000);
      ctx.inFlight.end();
    };
    const failed = (error: unknown): void => done(fail(ctx, req, res, path, error));
    // Callbacks rather than promises: a decision is a handful of microseconds, and three
    // promise hops per request were a measurable share of it.
    try {
      handle(ctx, req, res, decider, route?.name, path, q < 0 ? '' : url.slice(q + 1), done, failed);
    } catch (error) {
      failed(error);
    }
  };
}

type Done = (status: number) => void;
type Failed = (error: unknown) => void;

/** Answers the request (now, or once its body is read); throws an HttpError for a bad one. */
function handle(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  decider: Decider,
  route: RouteName | undefined,
  path: string,
  query: string,
  done: Done,
  failed: Failed,
): void {
  const method = req.method ?? 'GET';
  if (route === undefined) throw new HttpError('not-found', `no route ${method} ${path}`);
  const allowed = (ROUTES.get(path) as { methods: readonly string[] }).methods;
  if (!allowed.includes(method)) {
    throw new HttpError('method-not-allowed', `${path} answers ${allowed.join(', ')}, not ${method}`, {
      allow: allowed.join(', '),
    });
  }
  const close = ctx.closing();
  switch (route) {
    case 'decide':
    case 'batch': {
      checkContentType(req);
      const explain = query === '' ? false : explainParam(query);
      const batch = route === 'batch';
      readBody(req, batch ? ctx.limits.maxBatchBodyBytes : ctx.limits.maxBodyBytes, (error, text) => {
        if (error !== null) {
          failed(error);
          return;
        }
        try {
          done(answer(ctx, res, decider, batch, explain, text));
        } catch (e) {
          failed(e);
        }
      });
      return;
    }
    case 'healthz': {
      const health = ctx.health();
      const status = health.status === 'shutting-down' ? 503 : 200;
      sendJson(res, status, JSON.stringify(health), close);
      done(status);
      return;
    }
    case 'metrics': {
      const text = ctx.metrics.registry.render();
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        ...(close && { connection: 'close' }),
      });
      res.end(text);
      done(200);
      return;
    }
    case 'openapi':
      sendJson(res, 200, ctx.openApiJson(), close);
      done(200);
      return;
  }
}

/** Decides for a read body, logs, responds; returns the status. */
function answer(
  ctx: HandlerContext,
  res: ServerResponse,
  decider: Decider,
  batch: boolean,
  explain: boolean,
  text: string,
): number {
  const json = parseJsonBody(text);
  const contexts = batch ? batchContexts(json, ctx.limits.maxBatchSize) : [json];
  const decisions = decideAll(decider, contexts, explain);
  if (batch) {
    record(ctx, contexts, decisions, undefined, undefined);
    sendJson(res, 200, JSON.stringify({ decisions }), ctx.closing());
    return 200;
  }
  const d = decisions[0] as Decision;
  const body = JSON.stringify(d);
  // The record reuses the response's text of the decision (not when it carries a trace).
  record(ctx, contexts, decisions, text, explain ? undefined : body);
  const status = d.reason === 'invalid-context' ? 422 : 200;
  sendJson(res, status, body, ctx.closing());
  return status;
}

/**
 * Counts the decisions and queues their records (one clock reading per request). For a
 * single decision, `raw` is the body text (written into the record as received) and
 * `decisionJson` the decision's JSON text when it is already made.
 */
function record(
  ctx: HandlerContext,
  contexts: readonly unknown[],
  decisions: readonly Decision[],
  raw: string | undefined,
  decisionJson: string | undefined,
): void {
  const counter = ctx.metrics.decisions;
  for (const d of decisions) counter.inc2(d.action, d.reason);
  const log = ctx.log;
  if (log === null) return;
  const at = ctx.timestamp();
  for (let i = 0; i < decisions.length; i++) {
    const line = recordLine(contexts[i], decisions[i] as Decision, at, raw, decisionJson);
    if (line === null) ctx.metrics.unloggable.inc();
    else log.append(line);
  }
}

/**
 * `application/json` is required (any charset parameter must say UTF-8): a browser can
 * send `text/plain` or a form cross-origin without a preflight, so requiring JSON keeps
 * other web pages from writing into the decision log, and a form body fails with a clear
 * 415 instead of a confusing parse error.
 */
function checkContentType(req: IncomingMessage): void {
  const type = req.headers['content-type'];
  const semi = type === undefined ? -1 : type.indexOf(';');
  const media = type === undefined ? '' : (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase();
  const charset = semi < 0 ? null : /charset\s*=\s*"?([^";\s]+)/i.exec(type as string)?.[1]?.toLowerCase();
  if (media !== 'application/json' || (charset != null && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new HttpError(
      'unsupported-media-type',
      `send the body as "content-type: application/json" (got ${type === undefined ? 'none' : JSON.stringify(type)})`,
    );
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new HttpError(
      'unsupported-media-type',
      `compressed bodies are not accepted (content-encoding ${encoding})`,
    );
  }
}

function explainParam(query: string): boolean {
  const v = new URLSearchParams(query).get('explain');
  if (v === null || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true' || v === '') return true;
  throw new HttpError('invalid-query', `explain must be 1, true, 0 or false (got ${JSON.stringify(v)})`);
}

/** Answers a failed request (unless the client already left) and returns the status counted. */
function fail(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  error: unknown,
): number {
  if (!(error instanceof HttpError) && (req.destroyed || res.destroyed)) {
    ctx.logger({ level: 'info', event: 'request-aborted', method: req.method, path });
    return CLIENT_CLOSED;
  }
  const e =
    error instanceof HttpError
      ? error
      : new HttpError('internal', 'the server failed to answer this request; the error is in its log');
  ctx.logger({
    level: e.status >= 500 ? 'error' : 'warn',
    event: 'request-error',
    method: req.method,
    path,
    status: e.status,
    code: e.code,
    message:
      e.status >= 500 ? String(error instanceof Error ? (error.stack ?? error.message) : error) : e.message,
  });
  if (res.headersSent || res.destroyed) return e.status;
  // A body the server did not read (too large, or refused before reading) ends the
  // connection rather than being drained at the client's pace.
  const close = ctx.closing() || !req.complete;
  sendJson(res, e.status, errorJson(e.code, e.message), close, e.headers);
  return e.status;
}
