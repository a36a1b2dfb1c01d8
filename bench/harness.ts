/**
 * A small harness over mitata's `measure`: ns per call (median and p99 of mitata's
 * samples), a per-call latency histogram (each call timed alone, so a GC pause shows up
 * in p99), and bytes allocated per call (V8 heap growth over a window with no GC).
 * Scenarios print one JSON result; `bench/run.mjs` collects them.
 */
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { do_not_optimize, measure } from 'mitata';

export interface Timing {
  readonly name: string;
  /** Median of mitata's samples (each a batch average for fast functions), ns per call. */
  readonly p50: number;
  /** 99th percentile of the same samples, ns per call. */
  readonly p99: number;
  readonly avg: number;
  /** Calls measured. */
  readonly calls: number;
}

export interface Latency {
  readonly name: string;
  /** Each call timed on its own (performance.now), ns: includes timer overhead (~30-60 ns). */
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly calls: number;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly timings: Timing[];
  readonly latencies: Latency[];
  readonly values: Record<string, number | string>;
}

const gc: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    throw new Error('run with node --expose-gc');
  });

/** Times a function with mitata (sync or async). */
export async function time(
  name: string,
  fn: () => unknown,
  opts: { minCpuMs?: number } = {},
): Promise<Timing> {
  const stats = await measure(fn, { min_cpu_time: (opts.minCpuMs ?? 500) * 1e6 });
  const t: Timing = {
    name,
    p50: stats.p50,
    p99: stats.p99,
    avg: stats.avg,
    calls: stats.ticks,
  };
  log(`${name.padEnd(58)} ${ns(t.p50).padStart(10)}  p99 ${ns(t.p99).padStart(10)}`);
  return t;
}

/** Times each of `calls` calls alone and returns the distribution. */
export function latency(name: string, fn: () => unknown, calls = 50_000): Latency {
  for (let i = 0; i < Math.min(calls, 5_000); i++) do_not_optimize(fn());
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    do_not_optimize(fn());
    samples[i] = (performance.now() - t0) * 1e6;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(calls - 1, Math.floor(q * (calls - 1)))] as number;
  const l: Latency = { name, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: at(1), calls };
  log(`${`${name} (per call)`.padEnd(58)} ${ns(l.p50).padStart(10)}  p99 ${ns(l.p99).padStart(10)}`);
  return l;
}

let gcCount = 0;
new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });

/**
 * Bytes of V8 heap allocated per call: heap growth over windows of `calls` calls that saw
 * no garbage collection (a window with a GC is retried), median of `windows` windows.
 * Run with a large young generation (`--min-semi-space-size`) so windows fit.
 */
export async function bytesPerCall(fn: () => unknown, calls = 2_000, windows = 7): Promise<number> {
  for (let i = 0; i < 5_000; i++) do_not_optimize(fn());
  const out: number[] = [];
  let attempts = 0;
  while (out.length < windows && attempts++ < windows * 5) {
    gc();
    await tick(); // let the observer count the forced GC before the window starts
    const before = gcCount;
    const h0 = getHeapStatistics().used_heap_size;
    for (let i = 0; i < calls; i++) do_not_optimize(fn());
    const h1 = getHeapStatistics().used_heap_size;
    await tick();
    if (gcCount === before && h1 >= h0) out.push((h1 - h0) / calls);
  }
  if (out.length === 0) return Number.NaN;
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)] as number;
}

/** {@link bytesPerCall} for an async function (each call awaited). */
export async function bytesPerAsyncCall(
  fn: () => Promise<unknown>,
  calls: number,
  windows = 5,
): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const out: number[] = [];
  let attempts = 0;
  while (out.length < windows && attempts++ < windows * 4) {
    gc();
    await tick();
    const before = gcCount;
    const h0 = getHeapStatistics().used_heap_size;
    for (let i = 0; i < calls; i++) await fn();
    const h1 = getHeapStatistics().used_heap_size;
    await tick();
    if (gcCount === before && h1 >= h0) out.push((h1 - h0) / calls);
  }
  if (out.length === 0) return Number.NaN;
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)] as number;
}

/** Bytes retained by what `build` returns: heap growth after full GCs, median of 5. */
export async function retainedBytes(build: () => unknown): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    gc();
    const h0 = getHeapStatistics().used_heap_size;
    let kept: unknown = build();
    gc();
    gc();
    const h1 = getHeapStatistics().used_heap_size;
    do_not_optimize(kept);
    kept = null;
    out.push(h1 - h0);
  }
  out.sort((a, b) => a - b);
  return out[2] as number;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** Writes the scenario's result where the runner asked (BENCH_OUT), else prints it. */
export function emit(result: ScenarioResult): void {
  const json = JSON.stringify(result);
  const out = process.env.BENCH_OUT;
  if (out) writeFileSync(out, json);
  else process.stdout.write(`${json}\n`);
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function ns(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} ms`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(2)} µs`;
  return `${v.toFixed(v < 10 ? 1 : 0)} ns`;
}
