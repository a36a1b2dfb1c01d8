/**
 * A fixed corpus of contexts for the time-zone check: every example context, each at
 * instants around DST transitions (New York, London, Chatham), quiet-hour edges and
 * far offsets, decided with and without `explain`. Run in child processes under
 * different `TZ` values by tz.test.ts; the outputs must be byte-identical.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createDecider, type Decision } from '../../src/index.js';

const NOWS = [
  '2026-03-08T02:30:00-05:00', // New York spring-forward gap (02:30 EST does not exist locally)
  '2026-03-08T03:30:00-04:00',
  '2026-11-01T01:30:00-04:00', // New York fall-back overlap, first 01:30
  '2026-11-01T01:30:00-05:00', // … and the second
  '2026-03-29T01:30:00+00:00', // London spring-forward gap
  '2026-10-25T01:30:00+01:00', // London overlap
  '2026-04-05T02:45:00+13:45', // Chatham DST end
  '2026-09-27T02:45:00+12:45', // Chatham DST start
  '2026-06-15T21:59:59+05:30', // just before quiet hours (Kolkata)
  '2026-06-15T22:00:00+05:30', // quiet hours begin
  '2026-06-16T07:59:59.999+05:30',
  '2026-06-16T08:00:00+05:30', // quiet hours end
  '2026-12-31T23:59:59Z',
  '2024-02-29T12:00:00-12:00',
  '2026-01-01T00:00:00+14:00',
];

/** `[label, context]` for every example context at every instant of the corpus. */
export function tzCorpus(): [string, Record<string, unknown>][] {
  const dir = 'examples/contexts';
  const out: [string, Record<string, unknown>][] = [];
  for (const f of readdirSync(dir).sort()) {
    const ctx = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, unknown>;
    out.push([f, ctx]);
    for (const now of NOWS) out.push([`${f}@${now}`, { ...ctx, now }]);
  }
  return out;
}

/** Decisions for the whole corpus, plain and explained. */
export function decideCorpus(): { label: string; plain: Decision; explained: Decision }[] {
  const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
  return tzCorpus().map(([label, ctx]) => ({
    label,
    plain: decider.decideUnknown(ctx),
    explained: decider.decideUnknown(ctx, { explain: true }),
  }));
}
