/**
 * `npm run schema`: writes rules/rule-set.schema.json from the catalog (never edit it by
 * hand; test/schema.test.ts fails when it is stale).
 */
import { writeFileSync } from 'node:fs';
import { renderRuleSetJsonSchema } from '../src/authoring/schema/rule-set-schema.js';

const out = new URL('../rules/rule-set.schema.json', import.meta.url);
writeFileSync(out, renderRuleSetJsonSchema());
console.log(`wrote ${out.pathname}`);
