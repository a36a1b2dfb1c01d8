/**
 * docs/experiments.md shows real output: regenerating its log (EXAMPLE_SPEC, what
 * `npx tsx scripts/generate-log.ts` writes) and running the report gives, byte for byte,
 * the text and Markdown pasted there and in the README. When the report's format changes,
 * rerun the commands in the doc and paste again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentDeclarations } from '../../src/authoring/report/experiments-block.js';
import { formatReportMarkdown, formatReportText } from '../../src/authoring/report/format.js';
import { buildReport } from '../../src/authoring/report/report.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { generateLog } from '../support/log-generator.js';
import { EXAMPLE_SPEC } from '../support/report-fixture.js';

const RULES = 'examples/experiments/primer-copy.json';
const doc = readFileSync('docs/experiments.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');

describe('docs/experiments.md', async () => {
  const lines: string[] = [];
  generateLog(EXAMPLE_SPEC, (l) => lines.push(l));
  const declared = {
    experiments: experimentDeclarations(loadRuleSet(JSON.parse(readFileSync(RULES, 'utf8')))),
  };
  const withRules = await buildReport([{ source: 'decisions.jsonl', lines }], {
    experiments: declared.experiments,
  });
  const without = await buildReport([{ source: 'decisions.jsonl', lines }], { experiments: null });

  it('pastes the real text report of its example log', () => {
    expect(doc).toContain(`\`\`\`\n${formatReportText(withRules, { rules: RULES })}\`\`\``);
  });

  it('pastes the real Markdown of the first experiment and the real mismatch without --rules', () => {
    const md = formatReportMarkdown(withRules, { rules: RULES });
    const first = md.slice(md.indexOf('### primer-copy'), md.indexOf('\n- 214'));
    expect(doc).toContain(first);
    const text = formatReportText(without);
    const srm = text.split('\n').find((l) => l.includes('chi² 4879.06'));
    expect(srm).toBeDefined();
    expect(doc).toContain(srm);
  });

  it('the README shows the same primer-copy table', () => {
    const text = formatReportText(withRules, { rules: RULES });
    const table = text.slice(text.indexOf('primer-copy: '), text.indexOf('  note: 214'));
    expect(readme).toContain(table);
  });
});
