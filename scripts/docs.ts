/**
 * `npm run docs`: writes docs/rules.md from scripts/rules-doc.template.md and the catalog
 * (never edit docs/rules.md by hand; test/docs.test.ts fails when it is stale).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/authoring/schema/rules-doc.js';

const template = readFileSync(new URL('./rules-doc.template.md', import.meta.url), 'utf8');
const out = new URL('../docs/rules.md', import.meta.url);
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(out, renderRulesDoc(template));
console.log(`wrote ${out.pathname}`);
