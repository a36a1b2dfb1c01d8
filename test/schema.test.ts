import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, DOCUMENTED_FACTS as FACTS, OPERATORS } from '../src/authoring/index.js';
import {
  renderRuleSetJsonSchema,
  ruleSetAuthoringSchema,
  ruleSetJsonSchema,
} from '../src/authoring/schema/rule-set-schema.js';

type J = { [k: string]: unknown };
const schema = ruleSetJsonSchema() as J;
const defs = schema.definitions as J;

/** Every object schema under `node`, with its property name. */
function propertiesOf(node: unknown, out: [string, J][] = []): [string, J][] {
  if (Array.isArray(node)) for (const n of node) propertiesOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const o = node as J;
    if (typeof o.properties === 'object' && o.properties !== null) {
      for (const [k, v] of Object.entries(o.properties as J)) out.push([k, v as J]);
    }
    for (const v of Object.values(o)) propertiesOf(v, out);
  }
  return out;
}

describe('rules/rule-set.schema.json', () => {
  it('is fresh: regenerating it from the catalog gives the checked-in file (run `npm run schema`)', () => {
    expect(readFileSync('rules/rule-set.schema.json', 'utf8')).toBe(renderRuleSetJsonSchema());
  });

  it('has one leaf shape per fact, each with a description and an example', () => {
    const leaves = (defs.leaf as J).oneOf as J[];
    expect(leaves).toHaveLength(FACTS.length);
    for (const [i, spec] of FACTS.entries()) {
      const l = leaves[i] as J;
      expect(l.description).toContain(spec.description);
      expect(l.examples).toEqual([{ fact: spec.name, ...spec.example }]);
    }
  });

  it('types each leaf: the operators allowed for the fact and the value type', () => {
    const sessionCount = ((defs.leaf as J).oneOf as J[])[
      FACTS.findIndex((f) => f.name === 'sessionCount')
    ] as J;
    const text = JSON.stringify(sessionCount);
    expect(text).toContain('"const":"sessionCount"');
    expect(text).toContain('"greaterThanInclusive"');
    expect(text).not.toContain('"contains"');
    expect(text).toContain('"type":"number"');
  });

  it('describes every operator (VS Code enumDescriptions)', () => {
    const described = new Set<string>();
    const walk = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (typeof n === 'object' && n !== null) {
        const o = n as J;
        if (Array.isArray(o.enum) && Array.isArray(o.enumDescriptions)) {
          expect(o.enumDescriptions).toHaveLength(o.enum.length);
          for (const e of o.enum) described.add(String(e));
        }
        Object.values(o).forEach(walk);
      }
    };
    walk(schema);
    for (const op of [...OPERATORS, ...ACTIONS]) expect(described).toContain(op);
  });

  it('gives every policy field a description and examples, and defaults to the leaves', () => {
    const policy = (schema.properties as J).policy as J;
    const fields = propertiesOf(policy);
    expect(fields.map(([k]) => k)).toEqual(
      expect.arrayContaining([
        'softPrompt',
        'settingsLink',
        'quietHours',
        'cooldownDays',
        'maxShows',
        'maxPerSession',
      ]),
    );
    for (const [name, f] of fields) {
      expect(f.description, name).toEqual(expect.any(String));
      expect(f.examples, name).toEqual(expect.any(Array));
    }
    const soft = (policy.properties as J).softPrompt as J;
    expect(((soft.properties as J).cooldownDays as J).default).toEqual([3, 7, 30]);
  });

  it('accepts every rule file under rules/ (the zod source of the schema)', () => {
    const files = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const f of files) {
      const r = ruleSetAuthoringSchema().safeParse(JSON.parse(readFileSync(`rules/${f}`, 'utf8')));
      expect(r.success, `${f}: ${r.success ? '' : JSON.stringify(r.error.issues[0])}`).toBe(true);
    }
  });

  it('rejects a typo in a fact, a wrong value type, and an operator that does not apply', () => {
    const bad = (leaf: J) =>
      ruleSetAuthoringSchema().safeParse({
        name: 'x',
        rules: [{ id: 'r', conditions: { all: [leaf] }, event: { type: 'wait' } }],
      }).success;
    expect(bad({ fact: 'sessionCount', operator: 'lessThan', value: 2 })).toBe(true);
    expect(bad({ fact: 'sesionCount', operator: 'lessThan', value: 2 })).toBe(false);
    expect(bad({ fact: 'sessionCount', operator: 'lessThan', value: '2' })).toBe(false);
    expect(bad({ fact: 'trigger', operator: 'greaterThan', value: 'x' })).toBe(false);
    expect(bad({ fact: 'os', operator: 'equal', value: 'windows' })).toBe(false);
  });
});

describe('the client entry', () => {
  it('never carries the schema tooling, the linter, the CLI or zod', async () => {
    const { build } = await import('esbuild');
    const r = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((i) => /^src\/(schema|lint|cli)\//.test(i))).toEqual([]);
    // The context validator produces its own issues (issue 8): zod is the authoring wing's.
    expect(inputs.filter((i) => i.includes('zod'))).toEqual([]);
  });
});
