/**
 * `npx tsx scripts/generate-log.ts [--users N] [--seed S] > decisions.jsonl`: a synthetic
 * decision log to try `push-prompt report` on: by default the one docs/experiments.md shows
 * (EXAMPLE_SPEC in test/support/report-fixture.ts). Prints the true rates on stderr, to
 * compare with what the report finds.
 */
import { generateLog, type LogSpec } from '../test/support/log-generator.js';
import { EXAMPLE_SPEC } from '../test/support/report-fixture.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};

const spec: LogSpec = {
  ...EXAMPLE_SPEC,
  seed: arg('seed', EXAMPLE_SPEC.seed),
  users: arg('users', EXAMPLE_SPEC.users),
};

const out: string[] = [];
const flush = () => {
  process.stdout.write(`${out.join('\n')}\n`);
  out.length = 0;
};
const truth = generateLog(spec, (line) => {
  out.push(line);
  if (out.length >= 10_000) flush();
});
flush();
for (const e of spec.experiments)
  process.stderr.write(
    `${e.id}: true opt-in ${e.arms.map((a) => `${a.name} ${(a.optInRate * 100).toFixed(0)}%`).join(', ')}; ${truth.experiments[e.id]?.users} users\n`,
  );
