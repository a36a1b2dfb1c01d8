/**
 * The runtime matrix: the built package decides the golden table (test/cases.json, each
 * case with and without `explain`) byte for byte as Node does here, in
 *   - Node, from the CommonJS build (dist/index.cjs) and from the ESM build (dist/index.js);
 *   - headless Chromium (Debian's), the ESM build bundled by esbuild as an app's bundler
 *     would, on a page served from 127.0.0.1 under a CSP without 'unsafe-eval';
 *   - Hermes (the hermes-engine-cli binary), the ESM build bundled, then compiled by
 *     @react-native/babel-preset as Metro compiles an app for Hermes (the default transform
 *     profile, release mode, Babel helpers inlined instead of imported from @babel/runtime).
 *
 * Needs a built dist/ (`npm run build`) and /usr/bin/chromium (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformAsync } from '@babel/core';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, STRICT_CSP, serveFolder } from '../support/chromium.js';
import { REPO, tempRoot } from './packed.js';

const HERMES = join(REPO, 'node_modules/hermes-engine-cli/linux64-bin/hermes');
const RUNTIME = join(REPO, 'test/package/runtime');

interface Data {
  readonly cases: { ruleSet: string | object; context: unknown }[];
  readonly ruleSets: Record<string, unknown>;
}

const cases = JSON.parse(readFileSync('test/cases.json', 'utf8')) as Data['cases'];
const names = [...new Set(cases.flatMap((c) => (typeof c.ruleSet === 'string' ? [c.ruleSet] : [])))];
const data: Data = {
  cases,
  ruleSets: Object.fromEntries(names.map((n) => [n, JSON.parse(readFileSync(`rules/${n}.json`, 'utf8'))])),
};

/** Where `out` first departs from the reference, with the decision around it (or null). */
function firstDifference(out: string): string | null {
  if (out === expected) return null;
  let i = 0;
  while (i < out.length && i < expected.length && out[i] === expected[i]) i++;
  return `differs at character ${i} of ${expected.length}:\n  got      …${out.slice(Math.max(0, i - 120), i + 80)}\n  expected …${expected.slice(Math.max(0, i - 120), i + 80)}`;
}

const dir = tempRoot('ppe-runtimes-');
/** One of the built runtimes (or the source, through tsx) deciding in a fresh Node process. */
function nodeDecides(program: string, lib: string, loader: string[] = []): string {
  return execFileSync(process.execPath, [...loader, join(RUNTIME, program), lib, join(dir, 'data.json')], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/**
 * The reference: Node deciding from the source (src/index.ts through tsx), in a process of
 * its own. Not in this one: a test process loads other libraries (playwright-core bundles a
 * zod whose locale, kept on globalThis, rewrites every zod's messages).
 */
let expected = '';
beforeAll(() => {
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
  for (const f of ['decide-all.mjs', 'browser-entry.mjs', 'hermes-entry.mjs']) {
    copyFileSync(join(RUNTIME, f), join(dir, f));
  }
  expected = nodeDecides('node-esm.mjs', join(REPO, 'src/index.ts'), ['--import', 'tsx']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The entry bundled with the ESM build standing in for the package, nothing lowered. */
async function bundle(entry: string, outfile: string, platform: 'browser' | 'neutral'): Promise<string> {
  await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    platform,
    mainFields: ['module', 'main'],
    format: platform === 'browser' ? 'esm' : 'iife',
    target: 'esnext',
    alias: { 'push-prompt-engine': join(REPO, 'dist/index.js') },
    outfile: join(dir, outfile),
    logLevel: 'silent',
  });
  return join(dir, outfile);
}

describe('the golden table decided in every runtime, byte for byte as in Node', () => {
  it('has a reference worth comparing: every case, decided twice', () => {
    expect(JSON.parse(expected)).toHaveLength(cases.length * 2);
  });

  it('Node, CommonJS build (dist/index.cjs)', () => {
    expect(firstDifference(nodeDecides('node-cjs.cjs', join(REPO, 'dist/index.cjs')))).toBeNull();
  });

  it('Node, ESM build (dist/index.js)', () => {
    expect(firstDifference(nodeDecides('node-esm.mjs', join(REPO, 'dist/index.js')))).toBeNull();
  });

  it('headless Chromium, under a Content-Security-Policy without unsafe-eval', async () => {
    await bundle('browser-entry.mjs', 'app.js', 'browser');
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>runtime matrix</title><pre id="out"></pre><script type="module" src="app.js"></script>\n',
    );
    const server = await serveFolder(dir, { headers: { 'content-security-policy': STRICT_CSP } });
    const page = await openPage(`${server.url}/index.html`, { waitFor: '#done' });
    try {
      const out = await page.text('#out');
      expect(out.slice(0, 200)).not.toMatch(/^error/);
      expect(firstDifference(out)).toBeNull();
      // The CSP was in force (the probe after deciding was refused) and the library itself
      // never tripped it: the probe's is the only violation.
      expect(JSON.parse(await page.text('#done'))).toEqual({ evalBlocked: true });
      expect(await page.cspViolations()).toEqual(['script-src eval']);
      expect(
        page.console.filter((m) => !/Content Security Policy|unsafe-eval/.test(m)),
        'console',
      ).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('Hermes, after the React Native Babel preset (as Metro compiles an app)', async () => {
    const bundled = await bundle('hermes-entry.mjs', 'hermes-bundle.js', 'neutral');
    const result = await transformAsync(readFileSync(bundled, 'utf8'), {
      babelrc: false,
      configFile: false,
      compact: false,
      sourceType: 'script',
      presets: [['@react-native/babel-preset', { dev: false, enableBabelRuntime: false }]],
      caller: { name: 'metro', bundler: 'metro', platform: 'ios' } as never,
    });
    const code = result?.code;
    expect(code).toBeTypeOf('string');
    // The preset did lower what old Hermes cannot parse: no class or async left.
    expect(code).not.toMatch(/^\s*class\s|\basync\s+function\b/m);
    const file = join(dir, 'hermes-app.js');
    writeFileSync(file, code as string);
    const out = execFileSync(HERMES, [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(firstDifference(out.replace(/\n$/, ''))).toBeNull();

    // The control: the same bundle without the preset does not even parse in this Hermes
    // (zod's classes), which is why the React Native claim needs the Babel step to hold.
    const raw = spawnSync(HERMES, [bundled], { encoding: 'utf8' });
    expect(raw.stdout).toBe('');
    expect(raw.stderr).toMatch(/error: .*(invalid statement|Invalid expression)/);
  });
});
