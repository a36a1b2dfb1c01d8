/**
 * The rule set the endpoint serves, and its reloads. A reload reads the file, checks its
 * size before reading it whole, then loads and compiles it (`loadRuleSetText` checks size
 * and nesting before `JSON.parse`); only a rule set that compiled is swapped in, by
 * replacing one reference, so a request that already holds the old decider finishes with
 * it. A file that is missing, unreadable or invalid keeps the last good rule set serving
 * and is kept as `lastReloadError` (with the first issues, one line each) until a good file
 * replaces it. A file whose rule set has the same `name@hash` as the one serving changes
 * nothing (a whitespace edit): responses carry the same id.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createDecider, type Decider, LIMITS, loadRuleSetText, RuleSetError } from '../index.js';
import { formatPath } from '../shared/errors.js';
import { formatTimestamp } from '../shared/time.js';
import type { Logger } from './logger.js';

/** Why the last reload failed: shown on `/healthz` until a good file replaces it. */
export interface ReloadError {
  readonly at: string;
  readonly message: string;
  /** The rule set's first issues, one line each (`$.rules[2].event.type: …`). */
  readonly issues: readonly string[];
}

/** What one reload did. */
export type ReloadResult =
  | { readonly result: 'swapped'; readonly ruleSet: string; readonly previous: string }
  | { readonly result: 'unchanged'; readonly ruleSet: string }
  | { readonly result: 'error'; readonly ruleSet: string; readonly error: ReloadError };

/** Issues listed on `/healthz` and in the log line; the count says how many there were. */
const SHOWN_ISSUES = 10;
/**
 * A UTF-8 file longer than 3 bytes per allowed character cannot be within the limit
 * (a UTF-16 code unit takes at most 3 bytes), so it is refused without being read.
 */
const MAX_FILE_BYTES = LIMITS.ruleSet.maxFileChars * 3;

/**
 * Holds the current decider and reloads it from a file.
 *
 * @example
 * const rules = RuleSource.fromFile('rules/default.json', { clock: Date.now, logger });
 * const decider = rules.current(); // keep it for the whole request
 * await rules.reload(); // { result: 'unchanged', ruleSet: 'default@f04ef113' }
 */
export class RuleSource {
  private decider: Decider;
  private lastText: string | null;
  private error: ReloadError | null = null;
  private reloading: Promise<ReloadResult> | null = null;
  private again = false;

  private constructor(
    private readonly file: string | null,
    text: string,
    private readonly env: { readonly clock: () => number; readonly logger: Logger },
  ) {
    this.decider = createDecider(loadRuleSetText(text));
    this.lastText = text;
  }

  /** A rule set read from `file` now; throws `RuleSetError` (or the read error) when it is bad. */
  static fromFile(file: string, env: RuleSource['env']): RuleSource {
    return new RuleSource(file, readFileSync(file, 'utf8'), env);
  }

  /** A fixed rule set from JSON text (never reloaded); throws `RuleSetError` when it is bad. */
  static fromText(text: string, env: RuleSource['env']): RuleSource {
    return new RuleSource(null, text, env);
  }

  /** The decider serving now. */
  current(): Decider {
    return this.decider;
  }

  /** Why the last reload failed, or null once a good file loaded. */
  lastReloadError(): ReloadError | null {
    return this.error;
  }

  /** The watched file, or null for a fixed rule set. */
  path(): string | null {
    return this.file;
  }

  /**
   * Reads the file again and swaps the rule set in if it is good and different. Reloads
   * never overlap: a call during a reload runs once more after it.
   */
  reload(): Promise<ReloadResult> {
    if (this.reloading !== null) {
      this.again = true;
      return this.reloading;
    }
    const run = async (): Promise<ReloadResult> => {
      let r: ReloadResult;
      do {
        this.again = false;
        r = await this.reloadOnce();
      } while (this.again);
      return r;
    };
    this.reloading = run().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const id = this.decider.ruleSet.id;
    if (this.file === null) return { result: 'unchanged', ruleSet: id };
    let text: string;
    try {
      text = await readBounded(this.file);
    } catch (error) {
      this.lastText = null;
      return this.fail(readErrorMessage(this.file, error), []);
    }
    if (text === this.lastText && this.error === null) return { result: 'unchanged', ruleSet: id };
    this.lastText = text;
    let next: Decider;
    try {
      next = createDecider(loadRuleSetText(text));
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      const n = error.issues.length;
      const issues = error.issues.slice(0, SHOWN_ISSUES).map((i) => `${formatPath(i.path)}: ${i.message}`);
      return this.fail(`${this.file}: invalid rule set (${n} issue${n === 1 ? '' : 's'})`, issues);
    }
    this.error = null;
    if (next.ruleSet.id === id) {
      this.env.logger({ level: 'info', event: 'reload', result: 'unchanged', ruleSet: id });
      return { result: 'unchanged', ruleSet: id };
    }
    this.decider = next;
    this.env.logger({
      level: 'info',
      event: 'reload',
      result: 'swapped',
      ruleSet: next.ruleSet.id,
      previous: id,
    });
    return { result: 'swapped', ruleSet: next.ruleSet.id, previous: id };
  }

  private fail(message: string, issues: readonly string[]): ReloadResult {
    const id = this.decider.ruleSet.id;
    this.error = { at: formatTimestamp(this.env.clock()), message, issues };
    this.env.logger({ level: 'error', event: 'reload', result: 'error', ruleSet: id, message, issues });
    return { result: 'error', ruleSet: id, error: this.error };
  }
}

/** The file's text, refused unread when its size alone puts it over the limit. */
async function readBounded(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    if (stat.size > MAX_FILE_BYTES) {
      throw Object.assign(new Error(`${stat.size} bytes, over the limit`), { code: 'EFBIG' });
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found (deleted or being replaced)',
  EACCES: 'permission denied',
  EISDIR: 'not a regular file',
  EFBIG: 'file too large',
};

function readErrorMessage(file: string, error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
  const why = READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
  return `${file}: cannot read the rules file (${code}: ${why})`;
}
