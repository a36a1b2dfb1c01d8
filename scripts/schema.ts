/**
 * `npm run schema`: writes rules/rule-set.schema.json from the catalog and populations/population.schema.json from the population schema (never edit them by
 * hand; test/schema.test.ts fails when it is stale).
 */
import { writeFileSync } from 'node:fs';
import { renderRuleSetJsonSchema } from '../src/authoring/schema/rule-set-schema.js';
import { renderPopulationJsonSchema } from '../src/authoring/simulate/population-schema.js';

const out = new URL('../rules/rule-set.schema.json', import.meta.url);
writeFileSync(out, renderRuleSetJsonSchema());
console.log(`wrote ${out.pathname}`);

const populationOut = new URL('../populations/population.schema.json', import.meta.url);
writeFileSync(populationOut, renderPopulationJsonSchema());
console.log(`wrote ${populationOut.pathname}`);
