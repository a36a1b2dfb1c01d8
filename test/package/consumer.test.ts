/**
 * The consumer's path, tested the way users install the package: `npm pack`, the tarball
 * installed into fresh ESM, CommonJS and TypeScript projects (moduleResolution nodenext,
 * bundler, and node16 in a CommonJS package), and the README's own code run there. The
 * Quick start is extracted from README.md (the blocks marked `<!-- consumer-test: … -->`)
 * and must print exactly the output the README shows, so the README cannot drift.
 *
 * Needs a built dist/ (`npm run build`); CI runs it as its own step (`npm run test:consumer`).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/index.js';
import { markedBlock, printedOutput, withoutImports } from '../support/readme-blocks.js';
import { exec, makeProject, PACKAGE_NAME, packTarball, tempRoot, tsc } from './packed.js';

const readme = readFileSync('README.md', 'utf8');
const quickstart = markedBlock(readme, 'quickstart');
const quickstartCjs = markedBlock(readme, 'quickstart-cjs');
const ownRulesShell = markedBlock(readme, 'own-rules-shell');
const ownRules = markedBlock(readme, 'own-rules');
const expectedOutput = printedOutput(quickstart);

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };
/** Every code entry the package exports (`.`, `./authoring`, …): new entries are covered as they land. */
const CODE_ENTRIES = Object.keys(manifest.exports).filter((k) => !k.includes('*') && !k.endsWith('.json'));
const specifier = (entry: string): string =>
  entry === '.' ? PACKAGE_NAME : `${PACKAGE_NAME}${entry.slice(1)}`;

/** Loads every entry and the rule files; prints what a consumer would check by hand. */
const ENTRIES_ESM = `import { createRequire } from 'node:module';
const entries = ${JSON.stringify(CODE_ENTRIES.map(specifier))};
const loaded = {};
for (const s of entries) loaded[s] = Object.keys(await import(s)).sort();
const { default: rules } = await import('${PACKAGE_NAME}/rules/default.json', { with: { type: 'json' } });
const { default: schema } = await import('${PACKAGE_NAME}/rules/rule-set.schema.json', { with: { type: 'json' } });
const { presets } = await import('${PACKAGE_NAME}/presets');
const { createDecider } = await import('${PACKAGE_NAME}');
console.log(JSON.stringify({
  loaded,
  ruleSet: createDecider(rules).ruleSet.id,
  presetIsFile: JSON.stringify(presets.default) === JSON.stringify(rules),
  schemaDraft: schema.$schema,
  resolved: import.meta.resolve('${PACKAGE_NAME}/rules/web.json').endsWith('/node_modules/${PACKAGE_NAME}/rules/web.json'),
}));
`;
const ENTRIES_CJS = `const entries = ${JSON.stringify(CODE_ENTRIES.map(specifier))};
const loaded = {};
for (const s of entries) loaded[s] = Object.keys(require(s)).sort();
const rules = require('${PACKAGE_NAME}/rules/default.json');
const schema = require('${PACKAGE_NAME}/rules/rule-set.schema.json');
const { presets } = require('${PACKAGE_NAME}/presets');
const { createDecider } = require('${PACKAGE_NAME}');
console.log(JSON.stringify({
  loaded,
  ruleSet: createDecider(rules).ruleSet.id,
  presetIsFile: JSON.stringify(presets.default) === JSON.stringify(rules),
  schemaDraft: schema.$schema,
  resolved: require.resolve('${PACKAGE_NAME}/rules/web.json').endsWith('/node_modules/${PACKAGE_NAME}/rules/web.json'),
}));
`;

/** Every entry's types, type-checked with the consumer's compiler settings (skipLibCheck off). */
const ENTRIES_TS = CODE_ENTRIES.map((e, i) => `export * as entry${i} from '${specifier(e)}';`).join('\n');

/** What the types must refuse today: a misspelt context field in ContextInput, an unknown preset. */
const TYPES_TS = `import type { ContextInput } from '${PACKAGE_NAME}';
import { type PresetName, presets } from '${PACKAGE_NAME}/presets';

export const context: ContextInput = {
  now: '2026-11-23T18:45:00+01:00',
  platform: { os: 'ios' },
  sessions: { count: 1 },
  // @ts-expect-error a misspelt field must not compile
  permision: 'granted',
};
export const name: PresetName = 'web';
// @ts-expect-error an unknown preset name must not compile
export const typo: PresetName = 'webb';
export const firstRule: string | undefined = presets.ecommerce.rules[0]?.id;
`;

/** The typed decide of DESIGN section 8 (issue 8): misspelt fields passed to decide. */
const DECIDE_TYPO_TS = `import { createDecider } from '${PACKAGE_NAME}';
import { presets } from '${PACKAGE_NAME}/presets';

const decider = createDecider(presets.default);
decider.decide({
  now: '2026-11-23T18:45:00+01:00',
  platform: { os: 'ios' },
  sessions: { count: 1 },
  // @ts-expect-error a misspelt required field must not compile
  permision: 'granted',
});
decider.decide({
  now: '2026-11-23T18:45:00+01:00',
  platform: { os: 'ios' },
  permission: 'not-determined',
  sessions: { count: 3 },
  // @ts-expect-error a misspelt optional field must not compile either
  trigerr: 'order_placed',
});
// Data off the wire has its own door, untyped on purpose.
decider.decideUnknown(JSON.parse('{}'));
`;

/** Typed params (issue 8): a variant is a string, usable without a check. */
const VARIANT_TS = `import { createDecider } from '${PACKAGE_NAME}';
import { presets } from '${PACKAGE_NAME}/presets';

const d = createDecider(presets.default).decide({
  now: '2026-11-23T18:45:00+01:00',
  platform: { os: 'ios' },
  permission: 'not-determined',
  sessions: { count: 3 },
  trigger: 'order_placed',
});
export const variant: string | undefined = d.action === 'show-soft-prompt' ? d.params?.variant : undefined;
`;

const JSON_IMPORT_TS = `import { createDecider } from '${PACKAGE_NAME}';
import rules from '${PACKAGE_NAME}/rules/default.json' with { type: 'json' };

export const id: string = createDecider(rules).ruleSet.id;
`;

function tsconfig(options: Record<string, unknown>, files: readonly string[]): string {
  const compilerOptions = {
    target: 'es2022',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'out',
    ...options,
  };
  return `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`;
}

/** Files every TS project compiles; the two issue-8 files are judged on their own below. */
const TS_FILES = {
  'quickstart.ts': quickstart,
  'entries.ts': ENTRIES_TS,
  'types.ts': TYPES_TS,
  'decide-typo.ts': DECIDE_TYPO_TS,
  'variant.ts': VARIANT_TS,
};
const TS_PROJECTS = {
  // The strict consumer: our .d.ts files (and zod's) type-checked too.
  'ts-nodenext': {
    type: 'module',
    options: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      resolveJsonModule: true,
      skipLibCheck: false,
    },
    files: { ...TS_FILES, 'json-import.ts': JSON_IMPORT_TS },
    runs: 'out/quickstart.js',
  },
  'ts-bundler': {
    type: 'module',
    options: { module: 'preserve', moduleResolution: 'bundler', resolveJsonModule: true, noEmit: true },
    files: { ...TS_FILES, 'json-import.ts': JSON_IMPORT_TS },
    runs: null,
  },
  'ts-node16-cjs': {
    type: 'commonjs',
    options: { module: 'node16', moduleResolution: 'node16' },
    files: TS_FILES,
    runs: 'out/quickstart.js',
  },
} as const;
type TsProject = keyof typeof TS_PROJECTS;

/** tsc's diagnostics (`file(line,col): error TS…`) by file name. */
function diagnosticsByFile(output: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const m = /^([\w./-]+)\(\d+,\d+\): error /.exec(line);
    const file = m?.[1] ?? '(global)';
    if (line.trim() === '' || (m === null && !line.startsWith('error'))) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), line]);
  }
  return byFile;
}

const root = tempRoot('ppe-consumer-');
const dirs: Record<string, string> = {};
const compiled = new Map<TsProject, Map<string, string[]>>();

beforeAll(async () => {
  const tarball = await packTarball(root);
  const ts = Object.entries(TS_PROJECTS).map(([name, p]) => {
    const files: Record<string, string> = { ...p.files };
    files['tsconfig.json'] = tsconfig(p.options, Object.keys(p.files));
    return makeProject(root, name, tarball, {
      type: p.type,
      files,
      with: ['json-rules-engine', '@types/node'],
    });
  });
  const [esm, cjs, ...typed] = await Promise.all([
    makeProject(root, 'esm', tarball, {
      type: 'module',
      files: { 'quickstart.mjs': quickstart, 'entries.mjs': ENTRIES_ESM, 'own-rules.mjs': ownRules },
      with: ['json-rules-engine'],
    }),
    makeProject(root, 'cjs', tarball, {
      type: 'commonjs',
      files: {
        'quickstart.cjs': `${quickstartCjs}\n${withoutImports(quickstart)}`,
        'entries.cjs': ENTRIES_CJS,
      },
      with: ['json-rules-engine'],
    }),
    ...ts,
  ]);
  Object.assign(dirs, { esm, cjs });
  Object.keys(TS_PROJECTS).forEach((name, i) => {
    dirs[name] = typed[i] as string;
  });
  // One tsc per project, all at once (the slow part of this file).
  await Promise.all(
    Object.keys(TS_PROJECTS).map(async (name) => {
      const r = await tsc(dirs[name] as string);
      compiled.set(name as TsProject, diagnosticsByFile(r.stdout + r.stderr));
    }),
  );
}, 240_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('the README Quick start, run from the packed package', () => {
  it('shows its output in the README (a "// " comment block after console.log)', () => {
    expect(expectedOutput).toContain("action: 'show-soft-prompt'");
    const id = loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8'))).id;
    expect(expectedOutput, 'the README shows the current default rule set id').toContain(`ruleSet: '${id}'`);
  });

  it('ESM (.mjs): prints exactly what the README shows', async () => {
    const r = await exec(process.execPath, ['quickstart.mjs'], dirs.esm as string);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expectedOutput);
  });

  it('CommonJS (.cjs, with the README require lines): prints exactly what the README shows', async () => {
    const r = await exec(process.execPath, ['quickstart.cjs'], dirs.cjs as string);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expectedOutput);
  });

  it.each(Object.keys(TS_PROJECTS) as TsProject[])('%s: type-checks and runs', async (name) => {
    const dir = dirs[name] as string;
    const errors = [...(compiled.get(name) ?? [['(tsc)', ['did not run']]])]
      .filter(([file]) => file !== 'decide-typo.ts' && file !== 'variant.ts')
      .flatMap(([, lines]) => lines);
    expect(errors, 'tsc errors').toEqual([]);
    const runs = TS_PROJECTS[name].runs;
    if (runs !== null) {
      const out = await exec(process.execPath, [runs], dir);
      expect(out.stdout).toBe(expectedOutput);
    }
  });

  it("the README's own-rules steps: copy a preset, validate it with the CLI, import it as JSON", async () => {
    const dir = dirs.esm as string;
    for (const line of ownRulesShell.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))) {
      const r = await exec('sh', ['-c', line], dir);
      expect(r.stderr, line).toBe('');
      expect(r.code, line).toBe(0);
    }
    const r = await exec(process.execPath, ['own-rules.mjs'], dir);
    expect(r.stderr).toBe('');
    const id = loadRuleSet(JSON.parse(readFileSync('rules/ecommerce.json', 'utf8'))).id;
    expect(r.stdout).toBe(`${id}\n`);
  });
});

describe('every entry and the rule files, from ESM and from CommonJS', () => {
  it('loads every exported entry the same way from import and require; rule files resolve', async () => {
    const esm = await exec(process.execPath, ['entries.mjs'], dirs.esm as string);
    const cjs = await exec(process.execPath, ['entries.cjs'], dirs.cjs as string);
    expect(esm.stderr + cjs.stderr).toBe('');
    const a = JSON.parse(esm.stdout);
    const b = JSON.parse(cjs.stdout);
    expect(a).toEqual(b);
    expect(Object.keys(a.loaded)).toEqual(CODE_ENTRIES.map(specifier));
    for (const names of Object.values(a.loaded)) expect((names as string[]).length).toBeGreaterThan(0);
    expect(a).toMatchObject({
      ruleSet: loadRuleSet(JSON.parse(readFileSync('rules/default.json', 'utf8'))).id,
      presetIsFile: true,
      schemaDraft: 'http://json-schema.org/draft-07/schema#',
      resolved: true,
    });
  });
});

describe('types that catch mistakes (DESIGN section 8)', () => {
  // Each typo carries a @ts-expect-error: should it compile again (decide back to unknown),
  // tsc reports the unused directive (TS2578) and the case fails. Before the typed decide
  // and typed params of issue 8 these cases failed with TS2578 and TS2322, as they must.
  const codes = (name: TsProject, file: string): string[] =>
    (compiled.get(name)?.get(file) ?? []).map((l) => /error (TS\d+)/.exec(l)?.[1] ?? l);
  const projects = Object.keys(TS_PROJECTS) as TsProject[];

  it.each(projects)('%s: decide({ permision }) fails to compile', (name) => {
    expect(codes(name, 'decide-typo.ts')).toEqual([]);
  });

  it.each(projects)('%s: params.variant is a string', (name) => {
    expect(codes(name, 'variant.ts')).toEqual([]);
  });
});
