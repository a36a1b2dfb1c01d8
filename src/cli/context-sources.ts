/**
 * The inputs of `diff` and `replay` on disk: files, folders (walked recursively, in name
 * order, for `*.json`, `*.jsonl` and `*.ndjson`), and `-` for standard input (JSON Lines).
 * A `.json` file is parsed whole and read by `contextsInJson`; JSON Lines files stream.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contextsInJson } from '../authoring/diff/contexts.js';
import type { SourcedContext } from '../authoring/diff/diff.js';
import type { ChangeCollector } from '../authoring/diff/report.js';
import type { Io } from './io.js';
import { scanJson } from './json-position.js';
import { fileLineBatches } from './jsonl-file.js';

/** One input file: parsed whole (`json`) or streamed line by line (`lines`). */
export type InputFile = { readonly kind: 'json' | 'lines'; readonly file: string };

const LINE_EXTENSIONS = ['.jsonl', '.ndjson'];
const isLinesFile = (f: string): boolean => f === '-' || LINE_EXTENSIONS.some((e) => f.endsWith(e));
const isInputFile = (f: string): boolean => f.endsWith('.json') || isLinesFile(f);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Expands paths into input files (folders recursively, in name order); an unreadable path
 * is an error message.
 *
 * @example
 * expandInputs(['test/cases.json', 'examples']); // { files: [{ kind: 'json', file: 'test/cases.json' }, …], errors: [] }
 */
export function expandInputs(paths: readonly string[]): { files: InputFile[]; errors: string[] } {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isInputFile(name)) files.push({ kind: isLinesFile(name) ? 'lines' : 'json', file: p });
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push({ kind: 'lines', file: '-' });
      continue;
    }
    try {
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ kind: isLinesFile(p) ? 'lines' : 'json', file: p });
    } catch (e) {
      errors.push(`${p}: cannot read (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`);
    }
  }
  return { files, errors };
}

/**
 * The contexts of one `.json` file with their sources (`file` for a file that is one
 * context, `file:line` for each item of a list); skipped documents are counted in
 * `collector`. Returns an error message for an unreadable file or invalid JSON.
 *
 * @example
 * const r = jsonFileContexts('test/cases.json', io, collector);
 * if ('contexts' in r) for (const c of r.contexts) …
 */
export function jsonFileContexts(
  file: string,
  io: Io,
  collector: ChangeCollector,
): { contexts: SourcedContext[] } | { error: string } {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return {
      error: `${file}: cannot read (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const scanned = scanJson(text);
    const where = scanned.ok ? '' : `:${scanned.error.position.line}:${scanned.error.position.column}`;
    const why = scanned.ok ? 'not valid JSON' : `not valid JSON: ${scanned.error.message}`;
    return { error: `${file}${where}: ${why}` };
  }
  const found = contextsInJson(json);
  if (found.kind === 'skip') {
    collector.skip(found.reason);
    return { contexts: [] };
  }
  if (found.notContexts > 0) collector.skip('not-a-context', found.notContexts);
  const whole = found.contexts.length === 1 && found.contexts[0]?.path.length === 0;
  if (whole) return { contexts: [{ source: file, context: json }] };
  const scanned = scanJson(text);
  const lineOf = (path: readonly (string | number)[]): number =>
    scanned.ok ? scanned.positions.at(path).line : 1;
  return {
    contexts: found.contexts.map((c) => ({ source: `${file}:${lineOf(c.path)}`, context: c.context })),
  };
}

/**
 * The lines of a JSON Lines input (`-` = standard input), streamed in batches.
 *
 * @example
 * await diffLines(before, after, inputLines('decisions.jsonl'), 'decisions.jsonl', collector);
 */
export function inputLines(file: string): AsyncIterable<string[]> {
  return fileLineBatches(file);
}
