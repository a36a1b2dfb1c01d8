/**
 * package.json as the registry and every resolver read it: one shape for every code entry
 * (types first, a .d.ts for import and a .d.cts for require, so CommonJS TypeScript never
 * sees ESM types), the same entries as tsup builds, node10's typesVersions fallback, and
 * what a published package needs beside the code. `npm run check:package` (attw, publint)
 * checks the packed result; this keeps a new entry (./server, …) from landing half-wired.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Options } from 'tsup';
import { describe, expect, it } from 'vitest';
import tsup from '../tsup.config.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const configs = (Array.isArray(tsup) ? tsup : [tsup]) as Options[];
/** Library entries tsup builds in both formats (the CLI is ESM only and has no entry). */
const built = configs
  .filter((c) => Array.isArray(c.format) && c.format.includes('cjs'))
  .flatMap((c) => Object.keys(c.entry as Record<string, string>));

const codeEntries = Object.entries(pkg.exports as Record<string, unknown>).filter(
  ([k]) => !k.includes('*') && !k.endsWith('.json'),
);
const fileOf = (key: string): string => (key === '.' ? 'index' : key.slice(2));

describe('package.json', () => {
  it('exports exactly the entries tsup builds, each in the one dual shape', () => {
    expect(codeEntries.map(([k]) => fileOf(k)).sort()).toEqual([...built].sort());
    for (const [key, value] of codeEntries) {
      const f = fileOf(key);
      expect(value, key).toEqual({
        import: { types: `./dist/${f}.d.ts`, default: `./dist/${f}.js` },
        require: { types: `./dist/${f}.d.cts`, default: `./dist/${f}.cjs` },
      });
    }
    expect(pkg.exports['./rules/*.json']).toBe('./rules/*.json');
    expect(pkg.exports['./package.json']).toBe('./package.json');
  });

  it('lets node10 resolution find every entry’s types (typesVersions, generic)', () => {
    expect(pkg.typesVersions).toEqual({ '*': { '*': ['./dist/*.d.ts', './*'] } });
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.main).toBe('./dist/index.cjs');
  });

  it('ships what a user needs and says where it comes from', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'rules', 'docs', 'CHANGELOG.md']));
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'CONTRIBUTING.md'])
      expect(existsSync(f), f).toBe(true);
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License/);
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.bugs.url).toMatch(/^https:\/\/github\.com\/.+\/issues$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.engines.node).toBe('>=20');
  });

  it('declares side effects only where they are: the CLI runs on import', () => {
    expect(pkg.sideEffects).toEqual(['./dist/cli.js']);
    expect(pkg.bin['push-prompt']).toBe('./dist/cli.js');
  });

  it('keeps a changelog in the Keep a Changelog form, with an Unreleased section', () => {
    const log = readFileSync('CHANGELOG.md', 'utf8');
    expect(log).toContain('https://keepachangelog.com/');
    expect(log).toMatch(/^## \[Unreleased\]$/m);
  });
});
