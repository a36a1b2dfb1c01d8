/**
 * The report shared by `diff` and `replay`: exact totals and groupings, and a bounded list
 * of the changes themselves, so a log of any size is summarized in bounded memory.
 */
import type { BadLine } from '../logs/jsonl.js';
import {
  type ComparableDecision,
  decisionForReport,
  ruleChangeOf,
  sameDecision,
  transitionOf,
} from './compare.js';

/** One context whose decision changed. `source` is `file[:line]`. */
export interface Change {
  readonly source: string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/** Why an input was not decided (each counted in the report). */
export type SkipReason =
  | 'rule-set'
  | 'json-schema'
  | 'not-a-context'
  | 'other-record'
  | 'bad-line'
  | 'empty-list'
  | 'context-without-decision';

/** The JSON shape of `diff --json` and `replay --json` (DESIGN.md section 12, plus groupings by rule). */
export interface ChangeReport {
  /** Contexts decided. */
  readonly total: number;
  /** Contexts whose decision changed. */
  readonly changed: number;
  /** `"show-soft-prompt → wait": n`, most frequent first. */
  readonly byTransition: Readonly<Record<string, number>>;
  /** `"after-save → (none)": n` (the rule before → after), most frequent first. */
  readonly byRule: Readonly<Record<string, number>>;
  /** The first `limit` changes, in input order. */
  readonly changes: readonly Change[];
  /** Changes counted but not listed (past `limit`). */
  readonly unlisted: number;
  /** Inputs that were not contexts, by reason (files skipped, log lines that are asks…). */
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** The first bad lines (not JSON, not a record), with their line numbers. */
  readonly badLines: readonly BadLine[];
}

/** Accumulates a {@link ChangeReport}; `add` per context, then `result()`. */
export interface ChangeCollector {
  /** Records one decided context; returns whether it changed. */
  add(source: string | (() => string), before: ComparableDecision, after: ComparableDecision): boolean;
  skip(reason: SkipReason, count?: number): void;
  badLine(bad: BadLine): void;
  result(): ChangeReport;
}

/** Bad lines kept for the report (the count is always exact). */
const MAX_BAD_LINES = 20;

/**
 * A collector keeping at most `limit` listed changes (all counts stay exact).
 *
 * @example
 * const c = collectChanges({ limit: 100 });
 * for (const { source, context } of contexts) c.add(source, oldD.decideUnknown(context), newD.decideUnknown(context));
 * c.result(); // { total, changed, byTransition, byRule, changes, unlisted, skipped, badLines }
 */
export function collectChanges(options: { readonly limit?: number } = {}): ChangeCollector {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let total = 0;
  let changed = 0;
  const byTransition = new Map<string, number>();
  const byRule = new Map<string, number>();
  const changes: Change[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const badLines: BadLine[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  return {
    add(source, before, after) {
      total++;
      if (sameDecision(before, after)) return false;
      changed++;
      bump(byTransition, transitionOf(before, after));
      bump(byRule, ruleChangeOf(before, after));
      if (changes.length < limit) {
        changes.push({
          source: typeof source === 'function' ? source() : source,
          before: decisionForReport(before),
          after: decisionForReport(after),
        });
      }
      return true;
    },
    skip(reason, count = 1) {
      skipped[reason] = (skipped[reason] ?? 0) + count;
    },
    badLine(bad) {
      skipped['bad-line'] = (skipped['bad-line'] ?? 0) + 1;
      if (badLines.length < MAX_BAD_LINES) badLines.push(bad);
    },
    result: () => ({
      total,
      changed,
      byTransition: sortedCounts(byTransition),
      byRule: sortedCounts(byRule),
      changes,
      unlisted: changed - changes.length,
      skipped: { ...skipped },
      badLines,
    }),
  };
}

/** Counts as a plain object, most frequent first, ties by name (stable output). */
function sortedCounts(m: Map<string, number>): Record<string, number> {
  const entries = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}
