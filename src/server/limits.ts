/**
 * The endpoint's request limits and timing, with defaults far above a real client and below
 * anything that hurts a server. Each one is checked at startup: a bad value is an error
 * with the option's name, never a server that silently behaves differently.
 */

/** Every limit and timeout of the endpoint. */
export interface ServerLimits {
  /** Bytes of a `POST /v1/decide` body (one context; a context with 10,000 asks is ~0.8 MB). */
  readonly maxBodyBytes: number;
  /** Bytes of a `POST /v1/decide/batch` body. */
  readonly maxBatchBodyBytes: number;
  /** Contexts in one batch. */
  readonly maxBatchSize: number;
  /** Time for a client to send the request line and headers (Node's `server.headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** Time for a client to send the whole request (Node's `server.requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (Node's `server.keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
  /** Bytes of the request line and headers together (Node's `maxHeaderSize`); over it: 431. */
  readonly maxHeaderBytes: number;
  /** How often Node checks the header and request timeouts (`connectionsCheckingInterval`). */
  readonly timeoutCheckIntervalMs: number;
  /** The drain's hard deadline on shutdown: connections still open then are closed. */
  readonly shutdownTimeoutMs: number;
}

/**
 * The defaults (`push-prompt serve` uses them unless told otherwise).
 *
 * @example
 * DEFAULT_SERVER_LIMITS.maxBatchSize; // 1000
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxBatchBodyBytes: 8 * 1024 * 1024,
  maxBatchSize: 1000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  timeoutCheckIntervalMs: 1_000,
  shutdownTimeoutMs: 30_000,
});

/**
 * The defaults with `overrides` applied; throws a one-line `RangeError` naming the option
 * for a value that is not a positive integer, or a header timeout longer than the request
 * timeout (Node refuses that combination).
 *
 * @example
 * resolveLimits({ maxBatchSize: 100 }).maxBatchSize; // 100
 * resolveLimits({ maxBatchSize: 0 }); // RangeError: limits.maxBatchSize must be a positive integer (got 0)
 */
export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in DEFAULT_SERVER_LIMITS)) throw new RangeError(`limits.${name} is not a known limit`);
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`limits.${name} must be a positive integer (got ${String(value)})`);
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(
      `limits.headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed limits.requestTimeoutMs (${limits.requestTimeoutMs})`,
    );
  }
  return Object.freeze(limits);
}
