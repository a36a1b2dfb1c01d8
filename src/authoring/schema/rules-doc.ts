/**
 * docs/rules.md, generated from the fact catalog, the policy defaults and the reason
 * codes, so the reference cannot drift from the code. The guide around the tables is
 * hand-written in scripts/rules-doc.template.md; `npm run docs` writes the result and
 * test/docs.test.ts fails when the checked-in file is stale.
 */
import { ACTIONS, OPERATORS, OPERATORS_BY_TYPE, REASONS, type ValueType } from '../../rules/catalog.js';
import { DEFAULT_POLICY } from '../../rules/policy.js';
import { DOCUMENTED_FACTS, type DocumentedFact, OPERATOR_DOCS, REASON_DOCS } from '../catalog-docs.js';
import { POLICY_DOCS } from './rule-set-schema.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown): string => `\`${cell(JSON.stringify(v))}\``;

function typeOf(f: DocumentedFact): string {
  if (f.path === 'attributes') return 'declared type';
  if (f.path === 'experiment') return 'string: an arm name';
  if (f.enum) return `string: ${f.enum.join(', ')}`;
  return f.type;
}

function factsTable(): string {
  const rows = DOCUMENTED_FACTS.map((f) => {
    const example = { fact: f.name, ...f.example };
    const shape =
      f.path === 'keyActions' ? '$.NAME.count' : f.path === 'experiment' ? '$.EXPERIMENT_ID' : '$.NAME';
    const path = f.path === 'none' ? '' : ` (path \`${shape}\`)`;
    return `| \`${f.name}\`${path} | ${typeOf(f)} | ${cell(f.description)} | ${code(example)} |`;
  });
  return ['| fact | type | meaning | example condition |', '|---|---|---|---|', ...rows].join('\n');
}

function operatorsTable(): string {
  const types = Object.keys(OPERATORS_BY_TYPE) as ValueType[];
  const rows = OPERATORS.map((op) => {
    const applies = types.filter((t) => OPERATORS_BY_TYPE[t].includes(op)).join(', ');
    return `| \`${op}\` | ${cell(OPERATOR_DOCS[op])} | ${applies} |`;
  });
  return ['| operator | meaning | applies to |', '|---|---|---|', ...rows].join('\n');
}

function policyTable(): string {
  const d = POLICY_DOCS;
  const row = (field: string, key: string, def: unknown) =>
    `| \`${field}\` | ${code(def)} | ${cell(d[key]?.description ?? '')} |`;
  const rows: string[] = [];
  for (const kind of ['softPrompt', 'settingsLink'] as const) {
    const p = DEFAULT_POLICY[kind];
    rows.push(
      row(`${kind}.cooldownDays`, 'cooldownDays', p.cooldownDays),
      row(`${kind}.maxShows`, 'maxShows', p.maxShows),
      row(`${kind}.maxPerSession`, 'maxPerSession', p.maxPerSession),
    );
  }
  rows.push(
    row('quietHours', 'quietHours', DEFAULT_POLICY.quietHours),
    `| \`quietHours.from\`, \`quietHours.to\` | | ${cell(`${d.from?.description} / ${d.to?.description}`)} |`,
  );
  return ['| field | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function reasonsTable(): string {
  const rows = REASONS.map((r) => `| \`${r}\` | ${cell(REASON_DOCS[r])} |`);
  return ['| reason | meaning |', '|---|---|', ...rows].join('\n');
}

/**
 * Fills the template's `{{FACTS}}`, `{{OPERATORS}}`, `{{POLICY}}`, `{{REASONS}}` and
 * `{{ACTIONS}}` markers.
 *
 * @example
 * writeFileSync('docs/rules.md', renderRulesDoc(readFileSync('scripts/rules-doc.template.md', 'utf8')));
 */
export function renderRulesDoc(template: string): string {
  const parts: Record<string, string> = {
    FACTS: factsTable(),
    OPERATORS: operatorsTable(),
    POLICY: policyTable(),
    REASONS: reasonsTable(),
    ACTIONS: ACTIONS.map((a) => `\`${a}\``).join(', '),
  };
  return template.replace(/\{\{([A-Z]+)\}\}/g, (m, k: string) => {
    const v = parts[k];
    if (v === undefined) throw new Error(`unknown marker ${m} in the docs template`);
    return v;
  });
}
