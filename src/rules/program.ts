/**
 * The program: a loaded rule set compiled once, at load, into what the selection loop reads
 * on every decision: the rules in priority order (highest first, ties to the earlier rule in
 * the file), one predicate per rule, and a trigger index. Most rules name their moment
 * (`trigger equal/in …`): one lookup of the context's trigger tells which rules can match at
 * all, and the others are not evaluated (a skip of rules whose conditions are certainly
 * false, so decisions are unchanged).
 */
import type { Action } from './catalog.js';
import { compileCondition, factsRead, type Predicate, requiredValues } from './compile.js';
import type { Rule, RuleSet } from './load.js';

export interface Program {
  /** In priority order. */
  readonly rules: readonly Rule[];
  /** `tests[i]` is `rules[i]`'s compiled conditions. */
  readonly tests: readonly Predicate[];
  /** `actions[i]` is `rules[i].event.type`. */
  readonly actions: readonly Action[];
  /** The names of the facts the rules read (a decider computes only those). */
  readonly factNames: ReadonlySet<string>;
  /** 1 at the positions of the rules that can match with this trigger. */
  candidates(trigger: string | undefined): Uint8Array;
}

/**
 * Compiles a loaded rule set.
 *
 * @example
 * const program = compileProgram(loadRuleSet(json));
 * program.rules[0].id; // the highest-priority rule
 */
export function compileProgram(rs: RuleSet): Program {
  const rules = [...rs.rules].sort((a, b) => b.priority - a.priority || a.index - b.index);
  const triggerSets = rules.map((r) => requiredValues(r.conditions, 'trigger'));
  const anyTrigger = Uint8Array.from(triggerSets, (t) => (t === null ? 1 : 0));
  const byTrigger = new Map<string, Uint8Array>();
  for (const t of new Set(triggerSets.flatMap((set) => (set === null ? [] : [...set])))) {
    byTrigger.set(
      t,
      Uint8Array.from(triggerSets, (set) => (set === null || set.has(t) ? 1 : 0)),
    );
  }
  return {
    rules,
    tests: rules.map((r) => compileCondition(r.conditions)),
    actions: rules.map((r) => r.event.type),
    factNames: factsRead(rules.map((r) => r.conditions)),
    candidates: (trigger) => (trigger !== undefined && byTrigger.get(trigger)) || anyTrigger,
  };
}
