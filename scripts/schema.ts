/**
 * `npm run schema`: writes rules/rule-set.schema.json from the catalog and
 * populations/population.schema.json from the population schema (never edit them by hand;
 * test/schema.test.ts and test/simulate/population.test.ts fail when they are stale), and
 * points every shipped rule set's `$schema` at the schema of this package version
 * (scripts/preset-schema.ts says why).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderRuleSetJsonSchema } from '../src/authoring/schema/rule-set-schema.js';
import { renderPopulationJsonSchema } from '../src/authoring/simulate/population-schema.js';
import { presetSchemaUrl, withSchemaUrl } from './preset-schema.js';

const rules = new URL('../rules/', import.meta.url);
const out = new URL('rule-set.schema.json', rules);
writeFileSync(out, renderRuleSetJsonSchema());
console.log(`wrote ${out.pathname}`);

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const url = presetSchemaUrl(version);
for (const name of readdirSync(rules).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))) {
  const file = new URL(name, rules);
  const text = readFileSync(file, 'utf8');
  const next = withSchemaUrl(text, url);
  if (next !== text) {
    writeFileSync(file, next);
    console.log(`${name}: "$schema" now ${url}`);
  }
}
const populationOut = new URL('../populations/population.schema.json', import.meta.url);
writeFileSync(populationOut, renderPopulationJsonSchema());
console.log(`wrote ${populationOut.pathname}`);
