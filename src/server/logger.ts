/**
 * The server's structured log: one JSON-ready object per event (a request error, a reload,
 * a log-writer failure, shutdown). The server never writes anywhere itself; the caller
 * injects where lines go (the CLI: one JSON line per event on stderr, with a timestamp).
 */

/** How bad an event is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** One structured event: `level`, a stable `event` name, and flat fields. */
export interface LogEvent {
  readonly level: LogLevel;
  readonly event: string;
  readonly [field: string]: unknown;
}

/** Receives every event; must not throw (a throwing logger is ignored). */
export type Logger = (event: LogEvent) => void;

/**
 * A logger that drops everything (the default when none is given).
 *
 * @example
 * createServer({ rules: { text }, clock: Date.now, logger: silentLogger });
 */
export const silentLogger: Logger = () => {};

/**
 * Wraps a logger so that an exception inside it never reaches a request.
 *
 * @example
 * const log = safeLogger(userLogger); log({ level: 'info', event: 'reload', result: 'ok' });
 */
export function safeLogger(logger: Logger): Logger {
  return (event) => {
    try {
      logger(event);
    } catch {
      // A broken logger must not break decisions.
    }
  };
}
