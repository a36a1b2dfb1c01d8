/**
 * The endpoint's metric families (`GET /metrics`). Names follow Prometheus conventions:
 * `push_prompt_` prefix, `_total` counters, seconds for durations.
 */
import type { DecisionLogStats } from './decision-log.js';
import { Counter, Histogram, Registry, Sampled } from './metrics.js';

/**
 * Request duration buckets in seconds: fine below 5 ms, where a healthy decision lives,
 * coarse above, where only slow clients and huge batches go.
 *
 * @example
 * DURATION_BUCKETS[5]; // 0.005: the 5 ms target's bucket
 */
export const DURATION_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
] as const;

/** What the metrics read at scrape time from the components that own the values. */
export interface MetricSources {
  readonly inFlight: () => number;
  readonly connections: () => number;
  readonly ruleSet: () => string;
  readonly reloadFailing: () => boolean;
  readonly log: () => DecisionLogStats | null;
}

/** The families the request path and the reloader update. */
export interface ServerMetrics {
  readonly registry: Registry;
  /** By `action`, `reason`. */
  readonly decisions: Counter;
  /** By `route`, `status`. */
  readonly requests: Counter;
  /** By `route`: from the request's arrival to the response handed to the socket. */
  readonly duration: Histogram;
  /** By `result`: `swapped`, `unchanged`, `error`. */
  readonly reloads: Counter;
  /** Decisions not logged because the context was not a JSON object (no record can hold it). */
  readonly unloggable: Counter;
  /** By `code`: connections Node refused before a request (timeouts, bad syntax, resets). */
  readonly clientErrors: Counter;
}

/**
 * Registers every family.
 *
 * @example
 * const m = createServerMetrics(sources);
 * m.decisions.inc(['wait', 'cooldown']);
 * m.registry.render(); // Prometheus text
 */
export function createServerMetrics(src: MetricSources): ServerMetrics {
  const r = new Registry();
  const decisions = r.add(
    new Counter('push_prompt_decisions_total', 'Decisions made, by action and reason.', ['action', 'reason']),
  );
  const requests = r.add(
    new Counter('push_prompt_requests_total', 'Requests answered, by route and status.', ['route', 'status']),
  );
  const duration = r.add(
    new Histogram(
      'push_prompt_request_duration_seconds',
      'Time from a request arriving to its response being handed to the socket, by route.',
      'route',
      DURATION_BUCKETS,
    ),
  );
  r.add(gauge('push_prompt_requests_in_flight', 'Requests being handled now.', () => src.inFlight()));
  r.add(gauge('push_prompt_connections', 'Open client connections.', () => src.connections()));
  const reloads = ruleSetFamilies(r, src);
  logFamilies(r, src);
  const unloggable = r.add(
    new Counter(
      'push_prompt_log_records_unloggable_total',
      'Decisions not logged because the context sent was not a JSON object.',
      [],
    ),
  );
  unloggable.inc([], 0);
  const clientErrors = r.add(
    new Counter(
      'push_prompt_client_errors_total',
      'Connections refused before a request was read, by code (timeouts, malformed HTTP, resets).',
      ['code'],
    ),
  );
  return { registry: r, decisions, requests, duration, reloads, unloggable, clientErrors };
}

/** A gauge without labels, read at scrape time. */
function gauge(name: string, help: string, read: () => number): Sampled {
  return new Sampled('gauge', name, help, [], () => [[[], read()]]);
}

/** Reloads by result, the rule set serving, whether reloads fail; returns the reload counter. */
function ruleSetFamilies(r: Registry, src: MetricSources): Counter {
  const reloads = r.add(
    new Counter('push_prompt_rule_set_reloads_total', 'Rule file reloads, by result.', ['result']),
  );
  for (const result of ['swapped', 'unchanged', 'error']) reloads.inc([result], 0);
  r.add(
    new Sampled(
      'gauge',
      'push_prompt_rule_set_info',
      'The rule set serving now (name@hash).',
      ['rule_set'],
      () => [[[src.ruleSet()], 1]],
    ),
  );
  r.add(
    gauge(
      'push_prompt_rule_set_reload_failing',
      '1 while the rules file fails to load (the last good rule set keeps serving).',
      () => (src.reloadFailing() ? 1 : 0),
    ),
  );
  return reloads;
}

/** The decision log's counts and health, read from the writer at scrape time (none without a log). */
function logFamilies(r: Registry, src: MetricSources): void {
  const series = (pick: (s: DecisionLogStats) => readonly (readonly [readonly string[], number])[]) => () => {
    const s = src.log();
    return s === null ? [] : pick(s);
  };
  const one = (pick: (s: DecisionLogStats) => number) => series((s) => [[[], pick(s)]]);
  r.add(
    new Sampled(
      'counter',
      'push_prompt_log_records_written_total',
      'Decision records written to the log.',
      [],
      one((s) => s.written),
    ),
  );
  r.add(
    new Sampled(
      'counter',
      'push_prompt_log_records_dropped_total',
      'Decision records not written, by reason (write-error, buffer-full, closed).',
      ['reason'],
      series((s) => Object.entries(s.dropped).map(([k, v]) => [[k], v] as const)),
    ),
  );
  r.add(
    new Sampled(
      'counter',
      'push_prompt_log_write_errors_total',
      'Failed writes to the decision log.',
      [],
      one((s) => s.writeErrors),
    ),
  );
  r.add(
    new Sampled(
      'gauge',
      'push_prompt_log_records_buffered',
      'Decision records waiting to be written.',
      [],
      one((s) => s.buffered),
    ),
  );
  r.add(
    new Sampled(
      'gauge',
      'push_prompt_log_failing',
      '1 while writes to the decision log fail.',
      [],
      one((s) => (s.status === 'failing' ? 1 : 0)),
    ),
  );
}
