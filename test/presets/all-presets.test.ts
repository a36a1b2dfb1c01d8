import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetSchemaUrl } from '../../scripts/preset-schema.js';
import { lintRuleSet } from '../../src/authoring/lint/lint.js';
import { loadRuleSet } from '../../src/index.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const PRESETS = [
  'ecommerce',
  'news',
  'saas',
  'fintech',
  'delivery',
  'web',
  'primer-experiment',
  'ios-provisional',
];
const files = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

describe('every rule file under rules/', () => {
  it('includes the presets beside default.json', () => {
    expect(files.sort()).toEqual(expect.arrayContaining([...PRESETS, 'default'].map((n) => `${n}.json`)));
  });

  it.each(files)('%s loads, lints without warnings and points at the schema', (file) => {
    const json = JSON.parse(readFileSync(`rules/${file}`, 'utf8'));
    // This release's schema by absolute URL, so a copied preset still finds it (`npm run schema` fixes it).
    expect(json.$schema).toBe(presetSchemaUrl(version));
    const rs = loadRuleSet(json);
    expect(rs.name).toBe(file.replace(/\.json$/, ''));
    expect(lintRuleSet(rs)).toEqual([]);
  });

  it.each(PRESETS)('%s describes itself and every rule, and names only catalogued variants', (name) => {
    const rs = loadRuleSet(JSON.parse(readFileSync(`rules/${name}.json`, 'utf8')));
    expect(rs.description?.length).toBeGreaterThan(40);
    expect(rs.rules.filter((r) => !r.description).map((r) => r.id)).toEqual([]);
    const variants = rs.rules.flatMap((r) => (r.event.params?.variant ? [r.event.params.variant] : []));
    expect(variants.length).toBeGreaterThan(2);
    expect(variants.filter((v) => !rs.variants?.includes(v as string))).toEqual([]);
  });
});
