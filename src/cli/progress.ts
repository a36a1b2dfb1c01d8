/**
 * A progress bar on standard error, drawn only when it is a terminal (never in logs or
 * pipes), redrawn at most ten times a second, erased when done.
 */

export interface Progress {
  update(done: number): void;
  done(): void;
}

const WIDTH = 28;

/**
 * A bar for `total` units of work, labelled `label`.
 *
 * @example
 * const bar = progressBar('simulating', 100_000, 'users');
 * bar.update(50_000); // simulating ██████████████░░░░░░░░░░░░░░  50% 50,000/100,000 users 3.1 s
 * bar.done();
 */
export function progressBar(label: string, total: number, unit: string, stream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let last = 0;
  const draw = (done: number) => {
    const share = Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    stream.write(
      `\r${label} ${bar} ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} ${seconds} s`,
    );
  };
  return {
    update(done) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
