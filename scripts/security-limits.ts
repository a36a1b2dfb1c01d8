/**
 * Measures the cost of every documented limit for docs/security.md: time to load (or
 * decide) a document exactly at the limit, and time to refuse one just past it. Medians
 * of several runs in one process; prints a Markdown table.
 *
 *   npx tsx scripts/security-limits.ts
 */
import { createDecider, type Decider, LIMITS, loadRuleSet, loadRuleSetText } from '../src/index.js';
import { CONTEXT_CASES, RULE_SET_CASES } from '../test/security/limit-cases.js';

const RUNS = Number(process.env.RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(act: () => unknown, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      act();
    } catch {
      // refusals throw; only the time matters here
    }
    times.push(performance.now() - t0);
  }
  return median(times);
}

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

const context = {
  now: '2026-03-01T12:00:00Z',
  // A user id, so that a rule set with experiments enrolls (and hashes) at decide time.
  userId: 'u-42',
  platform: { os: 'android', apiLevel: 34 },
  permission: 'not-determined',
  sessions: { count: 5 },
};

console.log('| limit | value | load at the limit | decide at the limit | refuse one past it |');
console.log('|---|---:|---:|---:|---:|');
for (const c of RULE_SET_CASES) {
  const at = c.build(false);
  const over = c.build(true);
  const load = (x: unknown) => (c.text ? loadRuleSetText(x as string) : loadRuleSet(x));
  const loadMs = measure(() => load(at));
  const decider = createDecider(load(at));
  decider.decideUnknown(context);
  const decideMs = measure(() => decider.decideUnknown(context), 200);
  const refuseMs = measure(() => load(over));
  console.log(
    `| \`${c.limit}\` | ${c.value.toLocaleString('en-US')} | ${fmt(loadMs)} | ${fmt(decideMs)} | ${fmt(refuseMs)} |`,
  );
}

const decider: Decider = createDecider(JSON.parse(await readDefault()));
console.log('');
console.log('| limit | value | decide at the limit | refuse one past it |');
console.log('|---|---:|---:|---:|');
for (const c of CONTEXT_CASES) {
  const at = c.build(false);
  const over = c.build(true);
  decider.decideUnknown(at);
  const atMs = measure(() => decider.decideUnknown(at), 20);
  const overMs = measure(() => decider.decideUnknown(over), 20);
  console.log(`| \`${c.limit}\` | ${c.value.toLocaleString('en-US')} | ${fmt(atMs)} | ${fmt(overMs)} |`);
}
console.log(`\nNode ${process.version}, ${RUNS} runs per load, medians. LIMITS = ${JSON.stringify(LIMITS)}`);

async function readDefault(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile('rules/default.json', 'utf8');
}
