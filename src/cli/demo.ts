/**
 * `npm run demo`: the bundled default rules against the sample contexts in
 * examples/contexts/, one line per decision. Node only (reads files, prints).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDecider } from '../index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const decider = createDecider(JSON.parse(readFileSync(join(root, 'rules', 'default.json'), 'utf8')));
const dir = join(root, 'examples', 'contexts');

console.log(`rule set ${decider.ruleSet.id}: ${decider.ruleSet.rules.length} rules\n`);
const rows: string[][] = [['context', 'action', 'reason', 'rule', 'variant', 'retryAt']];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const d = decider.decideUnknown(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const variant = 'params' in d && d.params && typeof d.params.variant === 'string' ? d.params.variant : '';
  rows.push([
    file.replace(/\.json$/, ''),
    d.action,
    d.reason,
    'ruleId' in d ? d.ruleId : '',
    variant,
    d.retryAt ?? '',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const r of rows)
  console.log(
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
console.log(
  '\nExplain one: npx tsx src/cli/main.ts decide --rules rules/default.json --context examples/contexts/ios-after-order.json --explain',
);
