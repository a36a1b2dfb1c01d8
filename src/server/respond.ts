/**
 * Responses: JSON bodies with their length, and the one error shape every failure uses,
 * `{ "error": { "code", "message" } }`, with a stable code a client can switch on.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Every error code the endpoint answers with, and its HTTP status.
 *
 * @example
 * ERROR_STATUS['batch-too-large']; // 413
 */
export const ERROR_STATUS = {
  'invalid-json': 400,
  'invalid-query': 400,
  'bad-request': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'body-too-large': 413,
  'batch-too-large': 413,
  'unsupported-media-type': 415,
  'invalid-batch': 422,
  'headers-too-large': 431,
  internal: 500,
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An expected request failure: becomes its status and the JSON error body.
 *
 * @example
 * throw new HttpError('method-not-allowed', '/healthz answers GET, HEAD, not POST', { allow: 'GET, HEAD' });
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (`Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/**
 * The error body's JSON text.
 *
 * @example
 * errorJson('not-found', 'no route GET /nope'); // '{"error":{"code":"not-found","message":"no route GET /nope"}}'
 */
export function errorJson(code: ErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * Sends a JSON text with its length. `close` asks the client to close the connection (on
 * shutdown, and after a body the server did not read).
 *
 * @example
 * sendJson(res, 200, JSON.stringify(decision), false);
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  json: string,
  close: boolean,
  headers: Readonly<Record<string, string>> = {},
): void {
  const h: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers,
  };
  if (close) h.connection = 'close';
  res.writeHead(status, h);
  res.end(json);
}

/**
 * Reads the request body and calls `done` once: with the text, or with an
 * {@link HttpError} 413 as soon as the body is known to exceed `maxBytes` (from
 * `Content-Length`, or while it streams in), 400 when it is not UTF-8, or the stream's
 * error when the client goes away.
 *
 * @example
 * readBody(req, 1024 * 1024, (error, text) => (error === null ? use(text) : fail(error)));
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  done: (error: unknown | null, text: string) => void,
): void {
  let called = false;
  const once = (error: unknown | null, text = ''): void => {
    if (called) return;
    called = true;
    done(error, text);
  };
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    once(tooLarge(maxBytes));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBytes) {
      // The rest is read and discarded while the 413 goes out, then the connection closes.
      req.off('data', onData);
      req.resume();
      once(tooLarge(maxBytes));
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.once('end', () => {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    if (body.length > 0 && !isUtf8(body)) once(new HttpError('invalid-json', 'the body is not valid UTF-8'));
    else once(null, body.toString('utf8'));
  });
  req.once('error', (error) => once(error));
  // A connection closed before the body ended (a reset, the drain's deadline) may not
  // emit 'error': without this the request would stay in flight for good.
  req.once('close', () => once(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError('body-too-large', `the body is larger than ${maxBytes} bytes`);
}
