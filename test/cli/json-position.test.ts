import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../../src/cli/json-position.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('cli/json-position');
type Path = (string | number)[];

/** Every path in a JSON value with the value there. */
function paths(v: unknown, p: Path = [], out: [Path, unknown][] = []): [Path, unknown][] {
  out.push([p, v]);
  if (Array.isArray(v)) v.forEach((x, i) => void paths(x, [...p, i], out));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  return out;
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
}

describe('scanJson', () => {
  it('maps every path to where its value starts, and every key to its quote', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const r = scanJson(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const [p, sub] of paths(JSON.parse(text))) {
          const { line, column } = r.positions.at(p);
          const at = offsetOf(text, line, column);
          // The value's compact form starts at that offset (the first line of it, for containers).
          const compact = JSON.stringify(sub);
          expect(text.slice(at, at + 1)).toBe(compact.slice(0, 1));
          if (sub === null || typeof sub !== 'object')
            expect(text.slice(at, at + compact.length)).toBe(compact);
          const last = p[p.length - 1];
          if (typeof last === 'string') {
            const k = r.positions.at(p, { key: true });
            const ko = offsetOf(text, k.line, k.column);
            expect(text.slice(ko, ko + JSON.stringify(last).length)).toBe(JSON.stringify(last));
          }
        }
      }),
      runOptions(seed, 300),
    );
  });

  it('accepts exactly what JSON.parse accepts (mutated JSON texts)', () => {
    const mutated = fc
      .tuple(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', '\\', '01', '-', 'tru', '\n', ' '),
      )
      .map(([v, at, s]) => {
        const t = JSON.stringify(v, null, 1);
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i + (at % 3 === 0 ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string()), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text).ok).toBe(parses);
      }),
      runOptions(seed, 2000),
    );
  });

  it('falls back to the nearest ancestor for a missing path, and scans deep nesting without overflow', () => {
    const r = scanJson('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(r.ok && r.positions.at(['a', 'missing', 3])).toEqual({ line: 2, column: 8 });
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    expect(scanJson(deep).ok).toBe(true);
  });

  it('places a syntax error at its line and column', () => {
    const r = scanJson('{\n  "a": 1,\n  "b": tru\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.position).toEqual({ line: 3, column: 8 });
  });
});
