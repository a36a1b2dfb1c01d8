/**
 * Requests being handled now, and a promise for the moment there are none: what shutdown
 * waits for before the log is flushed.
 */

/**
 * A counter of requests in flight.
 *
 * @example
 * const inFlight = new InFlight();
 * inFlight.begin(); inFlight.end();
 * await inFlight.idle(); // resolves at once: none in flight
 */
export class InFlight {
  private n = 0;
  private waiters: (() => void)[] = [];

  /** Requests in flight now. */
  get count(): number {
    return this.n;
  }

  begin(): void {
    this.n++;
  }

  end(): void {
    this.n--;
    if (this.n === 0 && this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when no request is in flight. */
  idle(): Promise<void> {
    if (this.n === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
