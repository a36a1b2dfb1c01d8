/**
 * A small Prometheus registry: counters with labels, a histogram, and series read when
 * scraped. Rendering is a pure function of the values, in the text exposition format
 * 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/). No dependency: the
 * endpoint needs a dozen series, and the hot path needs an increment that costs a map lookup.
 */

type Labels = readonly string[];

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(out: string[]): void;
}

/**
 * A counter with a fixed list of label names.
 *
 * @example
 * const c = new Counter('x_total', 'Things.', ['kind']);
 * c.inc(['a']); c.get(['a']); // 1
 */
export class Counter implements Family {
  readonly type = 'counter';
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
  ) {}

  /** Adds `by` (default 1) to the series with these label values (in label-name order). */
  inc(labels: Labels = [], by = 1): void {
    const key = labels.length === 1 ? (labels[0] as string) : labels.join('\u0000');
    const s = this.series.get(key);
    if (s === undefined) this.series.set(key, { labels: [...labels], value: by });
    else s.value += by;
  }

  /** `inc([a, b])` without the array: the request path's two-label counters. */
  inc2(a: string, b: string): void {
    const key = `${a}\u0000${b}`;
    const s = this.series.get(key);
    if (s === undefined) this.series.set(key, { labels: [a, b], value: 1 });
    else s.value++;
  }

  /** The current value of one series (0 when never incremented). */
  get(labels: Labels = []): number {
    const key = labels.length === 1 ? (labels[0] as string) : labels.join('\u0000');
    return this.series.get(key)?.value ?? 0;
  }

  render(out: string[]): void {
    for (const { labels, value } of this.series.values()) {
      out.push(`${this.name}${labelText(this.labelNames, labels)} ${formatValue(value)}`);
    }
  }
}

/**
 * A counter or gauge whose series are read from a function at scrape time, for values
 * another component owns (the log writer's counts, connections open now).
 *
 * @example
 * new Sampled('gauge', 'open_connections', 'Open connections.', [], () => [[[], sockets.size]]);
 */
export class Sampled implements Family {
  constructor(
    readonly type: 'counter' | 'gauge',
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly read: () => readonly (readonly [Labels, number])[],
  ) {}

  render(out: string[]): void {
    for (const [labels, value] of this.read()) {
      out.push(`${this.name}${labelText(this.labelNames, labels)} ${formatValue(value)}`);
    }
  }
}

/**
 * A histogram of seconds, one series per value of its single label.
 *
 * @example
 * const h = new Histogram('d_seconds', 'Durations.', 'route', [0.001, 0.01]);
 * h.observe('decide', 0.0004); // counted in the 0.001 bucket
 */
export class Histogram implements Family {
  readonly type = 'histogram';
  private readonly series = new Map<string, { counts: Float64Array; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelName: string,
    /** Upper bounds, ascending; `+Inf` is implied. */
    private readonly buckets: readonly number[],
  ) {}

  /** Records one observation for the series `label`. */
  observe(label: string, value: number): void {
    let s = this.series.get(label);
    if (s === undefined) {
      s = { counts: new Float64Array(this.buckets.length), sum: 0, count: 0 };
      this.series.set(label, s);
    }
    const b = this.buckets;
    let i = 0;
    while (i < b.length && value > (b[i] as number)) i++;
    if (i < b.length) s.counts[i] = (s.counts[i] as number) + 1;
    s.sum += value;
    s.count++;
  }

  render(out: string[]): void {
    for (const [label, s] of this.series) {
      const base = `${this.labelName}="${escapeLabel(label)}"`;
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += s.counts[i] as number;
        out.push(`${this.name}_bucket{${base},le="${formatValue(this.buckets[i] as number)}"} ${cumulative}`);
      }
      out.push(`${this.name}_bucket{${base},le="+Inf"} ${s.count}`);
      out.push(`${this.name}_sum{${base}} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count{${base}} ${s.count}`);
    }
  }
}

/**
 * Metric families in registration order, rendered together.
 *
 * @example
 * const r = new Registry();
 * const hits = r.add(new Counter('app_hits_total', 'Hits.', ['route']));
 * hits.inc(['decide']);
 * r.render(); // '# HELP app_hits_total Hits.\n# TYPE app_hits_total counter\napp_hits_total{route="decide"} 1\n'
 */
export class Registry {
  private readonly families: Family[] = [];

  /** Registers a family and returns it. */
  add<F extends Family>(family: F): F {
    this.families.push(family);
    return family;
  }

  /** The Prometheus text exposition of every family. */
  render(): string {
    const out: string[] = [];
    for (const f of this.families) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
      f.render(out);
    }
    return `${out.join('\n')}\n`;
  }
}

function labelText(names: readonly string[], values: Labels): string {
  if (names.length === 0) return '';
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  return `{${parts.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (exposition format). */
function escapeLabel(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}
