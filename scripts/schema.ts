/**
 * `npm run schema`: writes rules/rule-set.schema.json from the catalog (never edit it by
 * hand; test/schema.test.ts fails when it is stale), and points every shipped rule set's
 * `$schema` at the schema of this package version (scripts/preset-schema.ts says why).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderRuleSetJsonSchema } from '../src/authoring/schema/rule-set-schema.js';
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
