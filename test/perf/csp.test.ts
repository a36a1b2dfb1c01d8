/**
 * No code generation on the client path: the client entry, bundled for the browser as an
 * app would bundle it, imported and used (load, decide, explain, invalid contexts, the
 * zod reference path, rule-set errors) in a Node process where code generation from
 * strings is disallowed (as under a CSP without 'unsafe-eval', or on Hermes) and where
 * `Function` and `eval` count every call. zod/mini's object schema has no JIT (only
 * classic zod's z.object probes `new Function("")`), and nothing else generates code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ppe-csp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('client entry under a strict CSP', () => {
  it('never calls eval or Function and decides as in Node', async () => {
    const bundle = join(dir, 'client.mjs');
    await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      outfile: bundle,
      logLevel: 'silent',
    });
    const contexts = readdirSync('examples/contexts').map((f) => join('examples/contexts', f));
    const out = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        'test/perf/csp-child.mjs',
        bundle,
        'rules/default.json',
        ...contexts,
      ],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out) as {
      calls: number;
      decisions: unknown[];
      ruleSetError: unknown;
      policy: boolean;
    };
    expect(r.calls).toBe(0);
    expect(r.ruleSetError).toMatchObject({ name: 'RuleSetError' });
    expect(r.policy).toBe(true);

    // The same decisions as the unbundled library in this process.
    const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    const expected: unknown[] = [];
    for (const file of contexts) {
      const ctx = JSON.parse(readFileSync(file, 'utf8'));
      expected.push(decider.decide(ctx), decider.decide(ctx, { explain: true }), decider.decide(ctx));
      expected.push(decider.decide({ ...ctx, extra: 1 }));
    }
    expected.push(
      decider.decideUnknown({ now: 'yesterday', platform: { os: 'beos' }, sessions: { count: -1 } }),
    );
    expected.push(decider.decideUnknown(null));
    expect(r.decisions).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('sees code generation when it happens (the stubs work)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--input-type=module',
        '-e',
        `let calls = 0; const F = Function;
         globalThis.Function = new Proxy(F, { construct() { calls++; throw new EvalError('x'); } });
         try { new Function('return 1'); } catch {}
         try { F('return 1'); } catch (e) { process.stdout.write(String(calls) + ' ' + e.constructor.name); }`,
      ],
      { encoding: 'utf8' },
    );
    expect(out).toBe('1 EvalError');
  });
});
