/**
 * Running a simulation on every core: the users are cut into ranges ("chunks") that worker
 * threads simulate; the main thread merges the tallies (sums: the order never matters) and
 * writes the log chunks in user order. Each user's draws depend only on (seed, user), so
 * the results are the same for any number of workers, byte for byte.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { jsonLinesSink } from '../authoring/simulate/log.js';
import {
  type Prepared,
  prepareSimulation,
  type SimulationSpec,
  simulateRange,
} from '../authoring/simulate/simulate.js';
import { mergeTally, newTally, type Tally } from '../authoring/simulate/tally.js';

/** What each worker is started with. */
export interface WorkerSetup {
  readonly spec: SimulationSpec;
  /** Per strategy: whether its log records are wanted. */
  readonly logged: readonly boolean[];
}

export interface ChunkRequest {
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

export interface ChunkResult {
  readonly index: number;
  readonly users: number;
  readonly tallies: Tally[];
  /** Per strategy: the chunk's log text ('' when not logged). */
  readonly logs: string[];
}

/**
 * Simulates one chunk (in a worker, or in the main thread with one worker).
 *
 * @example
 * simulateChunk(prepared, { index: 0, from: 0, to: 500 }, [true]);
 */
export function simulateChunk(p: Prepared, req: ChunkRequest, logged: readonly boolean[]): ChunkResult {
  const buffers = logged.map((on) => (on ? ([] as string[]) : null));
  const sinks = buffers.map((b) => (b === null ? undefined : jsonLinesSink((line) => b.push(line))));
  const tallies = simulateRange(p, req.from, req.to, sinks);
  return {
    index: req.index,
    users: req.to - req.from,
    tallies,
    logs: buffers.map((b) => (b === null ? '' : b.join(''))),
  };
}

export interface PoolOptions {
  readonly workers: number;
  /** Per strategy: where its log goes (null: not logged). */
  readonly logs?: readonly (Writable | null)[];
  /** Called as users finish. */
  readonly progress?: (done: number) => void;
  /** The worker script (compiled `.js` next to the CLI, or `.ts` from a checkout). */
  readonly workerUrl: URL;
}

/**
 * Starts a worker. From a checkout (`tsx src/cli/main.ts`) the worker script is
 * TypeScript, and workers do not inherit tsx's loader: it is loaded through tsx's API.
 */
function startWorker(url: URL, setup: WorkerSetup): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: setup });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(code, { eval: true, workerData: setup });
}

/** Users per chunk: small when logging (each chunk's log is held until written). */
function chunkSize(users: number, workers: number, logging: boolean): number {
  if (logging) return 200;
  return Math.max(250, Math.min(5_000, Math.ceil(users / (workers * 8))));
}

/**
 * Runs a whole simulation; returns one merged tally per strategy.
 *
 * @example
 * const tallies = await runPool(spec, { workers: 2, workerUrl });
 */
export async function runPool(spec: SimulationSpec, o: PoolOptions): Promise<Tally[]> {
  const logs = o.logs ?? spec.strategies.map(() => null);
  const logged = logs.map((l) => l !== null);
  const size = chunkSize(spec.users, o.workers, logged.some(Boolean));
  const chunks: ChunkRequest[] = [];
  for (let from = 0, index = 0; from < spec.users; from += size, index++)
    chunks.push({ index, from, to: Math.min(spec.users, from + size) });
  const totals = spec.strategies.map(() => newTally(spec.days));
  let done = 0;
  // Log chunks are written in user order: results that arrive early wait here.
  const pending = new Map<number, string[]>();
  let nextToWrite = 0;
  const accept = async (r: ChunkResult): Promise<void> => {
    for (const [i, t] of r.tallies.entries()) mergeTally(totals[i] as Tally, t);
    done += r.users;
    o.progress?.(done);
    if (!logged.some(Boolean)) return;
    pending.set(r.index, r.logs);
    while (pending.has(nextToWrite)) {
      const texts = pending.get(nextToWrite) as string[];
      pending.delete(nextToWrite++);
      for (const [i, stream] of logs.entries()) {
        const text = texts[i] ?? '';
        if (stream !== null && text !== '' && !stream.write(text)) await once(stream, 'drain');
      }
    }
  };

  if (o.workers <= 1) {
    const p = prepareSimulation(spec);
    for (const c of chunks) await accept(simulateChunk(p, c, logged));
    return totals;
  }
  const setup: WorkerSetup = { spec, logged };
  const count = Math.min(o.workers, chunks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const worker = startWorker(o.workerUrl, setup);
      // One listener each for the worker's life: a crash fails the run instead of hanging it.
      const failed = Promise.race([
        once(worker, 'error').then(([e]) => Promise.reject(e)),
        once(worker, 'exit').then(([code]) =>
          Promise.reject(new Error(`a simulation worker exited (${code})`)),
        ),
      ]);
      failed.catch(() => {});
      try {
        while (next < chunks.length) {
          const req = chunks[next++] as ChunkRequest;
          const reply = once(worker, 'message');
          worker.postMessage(req);
          const [result] = (await Promise.race([reply, failed])) as [ChunkResult];
          await accept(result);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return totals;
}
