/**
 * The Prometheus registry: the text exposition format (HELP/TYPE lines, label escaping,
 * cumulative histogram buckets with +Inf, _sum and _count).
 */
import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Registry, Sampled } from '../../src/server/metrics.js';

describe('Registry', () => {
  it('renders counters with labels, escaping backslash, quote and newline', () => {
    const r = new Registry();
    const c = r.add(new Counter('x_total', 'Things.', ['kind', 'why']));
    c.inc(['a', 'plain']);
    c.inc(['a', 'plain'], 2);
    c.inc(['b', 'say "hi"\\\n']);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{kind="a",why="plain"} 3',
        'x_total{kind="b",why="say \\"hi\\"\\\\\\n"} 1',
        '',
      ].join('\n'),
    );
    expect(c.get(['a', 'plain'])).toBe(3);
    expect(c.get(['zzz', 'none'])).toBe(0);
  });

  it('renders a histogram with cumulative buckets, +Inf, _sum and _count', () => {
    const r = new Registry();
    const h = r.add(new Histogram('d_seconds', 'Durations.', 'route', [0.1, 1]));
    for (const v of [0.05, 0.1, 0.5, 3]) h.observe('decide', v);
    expect(r.render().split('\n')).toStrictEqual([
      '# HELP d_seconds Durations.',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{route="decide",le="0.1"} 2',
      'd_seconds_bucket{route="decide",le="1"} 3',
      'd_seconds_bucket{route="decide",le="+Inf"} 4',
      'd_seconds_sum{route="decide"} 3.65',
      'd_seconds_count{route="decide"} 4',
      '',
    ]);
  });

  it('reads sampled series at scrape time', () => {
    let n = 1;
    const r = new Registry();
    r.add(new Sampled('gauge', 'g', 'Now.', [], () => [[[], n]]));
    expect(r.render()).toContain('\ng 1\n');
    n = 7;
    expect(r.render()).toContain('\ng 7\n');
  });
});
