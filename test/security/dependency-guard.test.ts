/**
 * decide never reaches jsonpath-plus (CVE-2024-21534, CVE-2025-1302: code execution through
 * JSONPath filters). The client entry's bundle holds neither jsonpath-plus nor
 * json-rules-engine, and the adapter that does load json-rules-engine resolves paths with
 * our own resolver: a spy on jsonpath-plus's JSONPath is never called, while a control
 * engine with the default resolver calls it.
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import {
  engineFacts,
  engineMatches,
  ownPathResolver,
  toJsonRulesEngine,
} from '../../src/adapter/json-rules-engine.js';
import { loadRuleSet, parseContext } from '../../src/index.js';
import {
  defaultRules,
  exampleContexts,
  recordTiming,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';

usePrototypeGuard();
useTimingReport('dependency-guard');

/** The module object json-rules-engine's almanac calls `JSONPath` on (CommonJS, shared). */
function jsonpathModule(): { JSONPath: (...args: unknown[]) => unknown } {
  const fromEngine = createRequire(createRequire(import.meta.url).resolve('json-rules-engine'));
  return fromEngine('jsonpath-plus') as { JSONPath: (...args: unknown[]) => unknown };
}

async function withJsonPathSpy<T>(act: () => Promise<T>): Promise<{ result: T; calls: unknown[][] }> {
  const mod = jsonpathModule();
  const original = mod.JSONPath;
  const calls: unknown[][] = [];
  mod.JSONPath = (...args: unknown[]) => {
    calls.push(args);
    return original(...args);
  };
  try {
    return { result: await act(), calls };
  } finally {
    mod.JSONPath = original;
  }
}

describe('dependency guard', () => {
  it('the client entry bundle contains neither jsonpath-plus nor json-rules-engine', async () => {
    const t0 = performance.now();
    const out = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    recordTiming('esbuild bundle of src/index.ts', performance.now() - t0);
    const text = out.outputFiles.map((f) => f.text).join('\n');
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((p) => p.startsWith('src/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('node_modules') && !p.includes('node_modules/zod/'))).toEqual([]);
    // Module specifiers, not words: an error message mentions json-rules-engine by name.
    for (const needle of [
      'jsonpath',
      'JSONPath',
      '"json-rules-engine"',
      "'json-rules-engine'",
      '"node:',
      'require(',
    ]) {
      expect(text.includes(needle), needle).toBe(false);
    }
  });

  it("the adapter's engine uses ownPathResolver and never calls jsonpath-plus", async () => {
    const rs = loadRuleSet({ ...defaultRules(), attributes: { tier: 'string' } });
    const engine = toJsonRulesEngine(rs);
    expect((engine as unknown as { pathResolver: unknown }).pathResolver).toBe(ownPathResolver);
    // A filter rule added behind the loader's back (as a plugin might): still never evaluated.
    const marker = '__pushPromptPwned';
    engine.addRule({
      name: 'smuggled',
      conditions: {
        all: [
          {
            fact: 'attributes',
            path: `$..[?(@.constructor.constructor("globalThis.${marker} = 1")())]`,
            operator: 'notEqual',
            value: 'x',
          },
          { fact: 'sessionCount', operator: 'greaterThanInclusive', value: 1 },
        ],
      },
      event: { type: 'wait' },
    });
    const { result, calls } = await withJsonPathSpy(async () => {
      const out: string[][] = [];
      for (const [, ctx] of exampleContexts()) {
        out.push(
          await engineMatches(
            engine,
            engineFacts(rs, parseContext({ ...ctx, attributes: { tier: 'gold' } })),
          ),
        );
      }
      return out;
    });
    expect(calls).toEqual([]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    // notEqual holds for the unresolved (undefined) filter path, so the rule ran and matched.
    expect(result.every((ids) => ids.includes('smuggled'))).toBe(true);
  });

  it('control: an engine with the default resolver does call jsonpath-plus (the spy works)', async () => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    engine.addRule({
      conditions: { all: [{ fact: 'attributes', path: '$.tier', operator: 'equal', value: 'gold' }] },
      event: { type: 'x' },
    });
    const { result, calls } = await withJsonPathSpy(() => engine.run({ attributes: { tier: 'gold' } }));
    expect(calls.length).toBeGreaterThan(0);
    expect(result.results).toHaveLength(1);
  });

  it('ownPathResolver follows own properties on $.a.b only', () => {
    const value = JSON.parse('{"tier":"gold","a":{"b":1},"__proto__":{"x":1}}') as unknown;
    expect(ownPathResolver(value, '$.tier')).toBe('gold');
    expect(ownPathResolver(value, '$.a.b')).toBe(1);
    for (const p of [
      '$..tier',
      '$[0]',
      "$['tier']",
      '$.*',
      '$.tier.length',
      '$.constructor',
      '$.toString',
      'tier',
    ]) {
      expect(ownPathResolver(value, p), p).toBeUndefined();
    }
    expect(ownPathResolver(value, '$.__proto__')).toEqual({ x: 1 }); // an own key from JSON.parse
  });
});
