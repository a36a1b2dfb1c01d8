/**
 * autocannon runs and what the report keeps of them; the request bodies (the bench's
 * typical context, and batches of 100 drawn from the sample contexts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));

/** The bench's typical context (a late rule of the default set matches after a history check). */
export const CONTEXT = readJson('bench/fixtures/typical-context.json');
export const CONTEXT_BODY = JSON.stringify(CONTEXT);

/** 100 contexts: the typical one and the sample contexts, in turn, each with its own userId. */
export function batchBody(n = 100) {
  const samples = [
    CONTEXT,
    ...readdirSync('examples/contexts')
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => readJson(join('examples/contexts', f))),
  ];
  const contexts = Array.from({ length: n }, (_, i) => ({
    ...samples[i % samples.length],
    userId: `batch-${i}`,
  }));
  return JSON.stringify({ contexts });
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Starts autocannon; `done` resolves with its result. `stop()` ends it early.
 */
export function cannon(opts) {
  const instance = autocannon({
    connections: 64,
    pipelining: 1,
    method: 'POST',
    headers: JSON_HEADERS,
    ...opts,
  });
  const done = new Promise((resolve, reject) => {
    instance.once('done', resolve);
    instance.once('error', reject);
  });
  return { instance, done, stop: () => instance.stop() };
}

/** The numbers the report keeps of one autocannon result. */
export function summarize(r) {
  const answered = Object.values(r.statusCodeStats ?? {}).reduce((n, s) => n + Number(s.count), 0);
  const codes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]),
  );
  return {
    seconds: r.duration,
    requests: answered,
    rps: Math.round(answered / r.duration),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      p999: r.latency.p99_9,
      max: r.latency.max,
      mean: Math.round(r.latency.average * 100) / 100,
    },
    statusCodes: codes,
    non2xx: r.non2xx,
    fivexx: r['5xx'] ?? 0,
    errors: r.errors,
    timeouts: r.timeouts,
    connections: r.connections,
  };
}

/**
 * The server's own latency quantile from its Prometheus histogram (a delta between two
 * scrapes): the upper bound of the bucket the quantile falls in, in ms.
 */
export function histogramQuantile(before, after, route, q) {
  const read = (text) => {
    const out = new Map();
    const re = new RegExp(
      `^push_prompt_request_duration_seconds_bucket\\{route="${route}",le="([^"]+)"\\} (\\d+)$`,
      'gm',
    );
    for (const m of text.matchAll(re)) out.set(m[1], Number(m[2]));
    return out;
  };
  const a = read(before);
  const b = read(after);
  const total = (b.get('+Inf') ?? 0) - (a.get('+Inf') ?? 0);
  if (total === 0) return null;
  for (const [le, n] of b) {
    if ((n - (a.get(le) ?? 0)) / total >= q)
      return le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le) * 1000;
  }
  return null;
}

export async function scrape(url) {
  return (await fetch(`${url}/metrics`)).text();
}
