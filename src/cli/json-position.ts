/**
 * Line and column of a JSON path in the source text, so every issue the CLI prints points
 * at the place to edit. `JSON.parse` keeps no positions (and Node 20's syntax errors do
 * not always carry one), so this is a small strict JSON scanner of its own: iterative (a
 * 10,000-deep file cannot overflow the stack), recording where each value and each key
 * starts, and the line:column of the first syntax error.
 */

/** 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type JsonPath = readonly (string | number)[];

export interface PositionMap {
  /** Where the value at `path` starts, or its key when `key` is set; falls back to the nearest ancestor. */
  at(path: JsonPath, options?: { key?: boolean }): Position;
}

type ScanResult =
  | { readonly ok: true; readonly positions: PositionMap; readonly duplicateKeys: readonly JsonPath[] }
  | { readonly ok: false; readonly error: { readonly message: string; readonly position: Position } };

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// Paths deeper than this map to their ancestor at this depth: keeps a hostile, deeply
// nested file linear to scan (the loader refuses such depths anyway).
const MAX_RECORDED_DEPTH = 200;
const seg = (s: string | number): string => (typeof s === 'number' ? `,${s}` : `,${JSON.stringify(s)}`);
const keyOf = (path: JsonPath): string => path.slice(0, MAX_RECORDED_DEPTH).map(seg).join('');

interface Frame {
  readonly kind: 'object' | 'array';
  /** The container's path key (see keyOf) and depth. */
  readonly key: string;
  readonly depth: number;
  readonly path: JsonPath;
  index: number;
  readonly keys: Set<string>;
}

/**
 * Scans JSON text (strictly, as `JSON.parse` would accept it) and maps paths to positions.
 *
 * @example
 * const r = scanJson('{\n  "a": [1, 2]\n}');
 * if (r.ok) r.positions.at(['a', 1]); // { line: 2, column: 12 }
 */
export function scanJson(text: string): ScanResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const toPos = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const duplicateKeys: JsonPath[] = [];
  try {
    scan(text, values, keys, duplicateKeys);
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return { ok: false, error: { message: e.message, position: toPos(e.offset) } };
  }
  return {
    ok: true,
    duplicateKeys,
    positions: {
      at(path, options) {
        for (let n = path.length; n >= 0; n--) {
          const k = keyOf(path.slice(0, n));
          const off = (options?.key && n === path.length ? keys.get(k) : undefined) ?? values.get(k);
          if (off !== undefined) return toPos(off);
        }
        return { line: 1, column: 1 };
      },
    },
  };
}

function scan(text: string, values: Map<string, number>, keys: Map<string, number>, dups: JsonPath[]): void {
  new Scanner(text, values, keys, dups).run();
}

/** The scanner's state and steps: `i` is the offset of the next character to read. */
class Scanner {
  i = 0;
  readonly stack: Frame[] = [];
  constructor(
    readonly text: string,
    readonly values: Map<string, number>,
    readonly keys: Map<string, number>,
    readonly dups: JsonPath[],
  ) {}

  run(): void {
    const text = this.text;
    this.value('', 0, []);
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) break;
      this.ws();
      const close = frame.kind === 'object' ? '}' : ']';
      if (text[this.i] === close) {
        this.i++;
        this.stack.pop();
        continue;
      }
      if (frame.index > 0) {
        if (text[this.i] !== ',') this.fail(`"," or "${close}"`);
        this.i++;
      }
      const n = frame.index++;
      if (frame.kind === 'object') this.member(frame);
      else if (frame.depth >= MAX_RECORDED_DEPTH) this.value(frame.key, frame.depth + 1, frame.path);
      else this.value(frame.key + seg(n), frame.depth + 1, [...frame.path, n]);
    }
    this.ws();
    if (this.i < text.length) this.fail('end of input');
  }

  ws(): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  fail(what: string): never {
    const found = this.i >= this.text.length ? 'end of input' : JSON.stringify(this.text[this.i]);
    throw new ScanError(`expected ${what}, found ${found}`, this.i);
  }

  /** Reads one value's start; containers push a frame, scalars are consumed whole. */
  value(key: string, depth: number, path: JsonPath): void {
    this.ws();
    const text = this.text;
    if (depth <= MAX_RECORDED_DEPTH) this.values.set(key, this.i);
    const c = text[this.i];
    if (c === '{' || c === '[') {
      this.i++;
      this.stack.push({ kind: c === '{' ? 'object' : 'array', key, depth, path, index: 0, keys: new Set() });
      return;
    }
    if (c === '"') {
      this.string();
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, this.i)) {
        this.i += lit.length;
        return;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(this.i, this.i + 400));
    if (m === null || m[0] === '' || m[0] === '-') this.fail('a JSON value');
    this.i += (m as RegExpExecArray)[0].length;
  }

  string(): string {
    const text = this.text;
    const start = this.i;
    this.i++;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return JSON.parse(text.slice(start, this.i)) as string;
      }
      if (c < 32) this.fail('a closing quote (control characters must be escaped)');
      if (c === 92) {
        const e = text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6)))
            this.fail('four hex digits after \\u');
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else {
          this.i++;
          this.fail('a valid escape');
        }
      } else this.i++;
    }
    return this.fail('a closing quote');
  }

  /** A member of the current object: "key": value. */
  member(frame: Frame): void {
    this.ws();
    if (this.text[this.i] !== '"') this.fail('a property name in double quotes');
    const at = this.i;
    const k = this.string();
    const deep = frame.depth >= MAX_RECORDED_DEPTH;
    const key = deep ? frame.key : frame.key + seg(k);
    const path = deep ? frame.path : [...frame.path, k];
    if (frame.keys.has(k)) this.dups.push(path);
    frame.keys.add(k);
    if (!deep) this.keys.set(key, at);
    this.ws();
    if (this.text[this.i] !== ':') this.fail('":"');
    this.i++;
    this.value(key, frame.depth + 1, path);
  }
}
