/**
 * The decision log writer (`--log`): section 10 records, one JSON line each, buffered and
 * written in chunks, so a decision costs a string push and the file sees one write per
 * 64 KiB or per 200 ms, whichever comes first, plus one on shutdown.
 *
 * Backpressure: one write at a time; lines that arrive meanwhile wait in a bounded buffer.
 * Past its bound (a disk slower than the traffic), new records are dropped and counted, so
 * decisions keep being answered at full speed and memory stays bounded. A failed write
 * (full disk, unwritable file) drops that chunk's records and counts them: the writer is
 * at-most-once, because retrying a chunk the OS may have half written would duplicate
 * lines. After a failure the next chunk starts on a new line, so a half-written line stays
 * one bad line that log readers skip and count. Nothing is dropped silently: every drop is
 * in {@link DecisionLogStats}, on `/healthz`, in the metrics, and the start and end of a
 * failing or dropping spell are logged.
 */
import { formatTimestamp } from '../shared/time.js';
import type { Logger } from './logger.js';

/** Where decision records go: whole lines in, one write each. */
export interface LogSink {
  /** Where the records go (a path), for `/healthz` and log lines. */
  readonly target: string;
  /** Appends `chunk` (whole lines); resolves once written, rejects when it could not be. */
  write(chunk: string): Promise<void>;
  /** Releases the file; a later write may reopen it. */
  close(): Promise<void>;
}

/** When chunks are written, and how much may wait. */
export interface DecisionLogOptions {
  /** Write as soon as this many characters wait (default 64 KiB). */
  readonly flushBytes?: number;
  /** Write what waits this long after the first line arrived (default 200 ms). */
  readonly flushIntervalMs?: number;
  /** Characters that may wait while a write is slow; past it records are dropped (default 32 MiB). */
  readonly maxBufferedBytes?: number;
}

/** Why a record was not written. */
export type DropReason = 'write-error' | 'buffer-full' | 'closed';

/** The writer's health and counts. */
export interface DecisionLogStats {
  /** `failing` after a failed write, until a write succeeds again. */
  readonly status: 'ok' | 'failing';
  readonly target: string;
  readonly written: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
  readonly writeErrors: number;
  /** Records waiting to be written. */
  readonly buffered: number;
  readonly lastError: { readonly at: string; readonly message: string } | null;
}

/**
 * Buffers decision-log lines and writes them to a {@link LogSink}.
 *
 * @example
 * const log = new DecisionLog(fileSink('decisions.jsonl'), {}, { clock: Date.now, logger });
 * log.append(JSON.stringify(decisionRecord(ctx, decision, at)));
 * await log.close(); // on shutdown: everything buffered is written
 */
export class DecisionLog {
  private lines: string[] = [];
  private chars = 0;
  private writing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private newlineNeeded = false;
  private failing = false;
  private droppingSince = -1;
  private written = 0;
  private writeErrors = 0;
  private lastError: DecisionLogStats['lastError'] = null;
  private readonly dropped: Record<DropReason, number> = { 'write-error': 0, 'buffer-full': 0, closed: 0 };
  private readonly flushChars: number;
  private readonly intervalMs: number;
  private readonly maxChars: number;

  constructor(
    private readonly sink: LogSink,
    options: DecisionLogOptions,
    private readonly env: { readonly clock: () => number; readonly logger: Logger },
  ) {
    this.flushChars = options.flushBytes ?? 64 * 1024;
    this.intervalMs = options.flushIntervalMs ?? 200;
    this.maxChars = options.maxBufferedBytes ?? 32 * 1024 * 1024;
  }

  /** Queues one record (a JSON text without its line feed). Never throws, never waits. */
  append(line: string): void {
    if (this.closed) {
      this.drop('closed', 1);
      return;
    }
    if (this.chars + line.length >= this.maxChars) {
      this.drop('buffer-full', 1);
      return;
    }
    if (this.droppingSince >= 0) this.endDropping();
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= this.flushChars) this.start(false);
    else if (this.timer === null && this.writing === null) this.armTimer();
  }

  /** Writes everything queued so far; resolves when it is written (or counted as dropped). */
  async flush(): Promise<void> {
    while (this.writing !== null || this.lines.length > 0) {
      if (this.writing === null) this.start(true);
      await this.writing;
    }
  }

  /**
   * Flushes, then releases the sink so the next write opens the file again: log rotation
   * by rename (`mv decisions.jsonl decisions.1.jsonl`, then reopen; `push-prompt serve`
   * does it on SIGHUP). Records keep being accepted meanwhile.
   */
  async reopen(): Promise<void> {
    await this.flush();
    try {
      await this.sink.close();
    } catch (error) {
      this.recordError(error);
    }
  }

  /** Flushes, then releases the sink; records appended afterwards are dropped and counted. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    try {
      await this.sink.close();
    } catch (error) {
      this.recordError(error);
    }
  }

  /** Counts and health, for `/healthz` and the metrics. */
  stats(): DecisionLogStats {
    return {
      status: this.failing ? 'failing' : 'ok',
      target: this.sink.target,
      written: this.written,
      dropped: { ...this.dropped },
      writeErrors: this.writeErrors,
      buffered: this.lines.length,
      lastError: this.lastError,
    };
  }

  private armTimer(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.writing === null && this.lines.length > 0) this.start(true);
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private start(force: boolean): void {
    if (this.writing !== null) return;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.drain(force).finally(() => {
      this.writing = null;
      if (this.lines.length > 0 && this.timer === null && !this.closed) this.armTimer();
    });
  }

  /** Writes chunk after chunk while the buffer is over the threshold (or once, when forced). */
  private async drain(force: boolean): Promise<void> {
    while (this.lines.length > 0 && (force || this.chars >= this.flushChars)) {
      force = false;
      const lines = this.lines;
      this.lines = [];
      this.chars = 0;
      const chunk = `${this.newlineNeeded ? '\n' : ''}${lines.join('\n')}\n`;
      try {
        await this.sink.write(chunk);
        this.written += lines.length;
        this.newlineNeeded = false;
        if (this.failing) {
          this.failing = false;
          this.env.logger({ level: 'info', event: 'log-write-recovered', target: this.sink.target });
        }
      } catch (error) {
        this.writeErrors++;
        this.newlineNeeded = true;
        this.drop('write-error', lines.length);
        this.recordError(error);
        if (!this.failing) {
          this.failing = true;
          this.env.logger({
            level: 'error',
            event: 'log-write-failed',
            target: this.sink.target,
            message: this.lastError?.message,
            dropped: lines.length,
          });
        }
      }
    }
  }

  private drop(reason: DropReason, n: number): void {
    this.dropped[reason] += n;
    if (reason === 'buffer-full' && this.droppingSince < 0) {
      this.droppingSince = this.dropped['buffer-full'] - n;
      this.env.logger({
        level: 'warn',
        event: 'log-buffer-full',
        target: this.sink.target,
        message: 'the decision log cannot keep up; records are dropped and counted until it catches up',
      });
    }
  }

  private endDropping(): void {
    const n = this.dropped['buffer-full'] - this.droppingSince;
    this.droppingSince = -1;
    this.env.logger({ level: 'info', event: 'log-buffer-recovered', target: this.sink.target, dropped: n });
  }

  private recordError(error: unknown): void {
    const code = error instanceof Error && 'code' in error ? `${String(error.code)}: ` : '';
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = {
      at: formatTimestamp(this.env.clock()),
      message: message.startsWith(code) ? message : `${code}${message}`,
    };
  }
}
