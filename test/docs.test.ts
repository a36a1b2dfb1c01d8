import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../src/authoring/schema/rules-doc.js';
import { FACTS, OPERATORS, REASONS } from '../src/rules/catalog.js';

const template = readFileSync('scripts/rules-doc.template.md', 'utf8');
const doc = readFileSync('docs/rules.md', 'utf8');

describe('docs/rules.md', () => {
  it('is fresh: regenerating it from the template and the catalog gives the checked-in file (run `npm run docs`)', () => {
    expect(doc).toBe(renderRulesDoc(template));
  });

  it('documents every fact with an example condition, every operator and every reason', () => {
    for (const f of FACTS) expect(doc).toContain(`"fact":"${f.name}"`);
    for (const op of OPERATORS) expect(doc).toContain(`| \`${op}\` |`);
    for (const r of REASONS) expect(doc).toContain(`| \`${r}\` |`);
    expect(doc).toContain('| `softPrompt.cooldownDays` | `[3,7,30]` |');
  });

  it('keeps the hand-written guide, with the field timing advice', () => {
    expect(doc).toContain('## How to write a good rule');
    expect(doc).toContain('Never on first launch');
    expect(doc).not.toMatch(/\{\{[A-Z]+\}\}/);
  });

  it('refuses an unknown marker rather than leaving it in the output', () => {
    expect(() => renderRulesDoc('{{NOPE}}')).toThrow(/unknown marker/);
  });
});
