/**
 * The decider: a rule set compiled once, then `decide(context)` for each user and moment.
 * `decide` never throws: a bad context is a `wait` with reason `invalid-context` (fail
 * closed), as in OpenFeature's evaluation API. Setup (`createDecider`) may throw: a bad
 * rule set must stop a deploy.
 */

import { type Context, safeParseContext } from '../context/parse.js';
import type { Action, AttributeType, Reason } from '../rules/catalog.js';
import {
  type ConditionTrace,
  compileCondition,
  factsRead,
  type LeafFns,
  leafFunctions,
  type Predicate,
  requiredValues,
  traceCondition,
} from '../rules/compile.js';
import { isRuleSet, loadRuleSet, type Rule, type RuleSet } from '../rules/load.js';
import type { Issue } from '../shared/errors.js';
import type { Json } from '../shared/json-snapshot.js';
import { formatTimestamp } from '../shared/time.js';
import { computeFacts, type Facts, factNeeds, fillFacts, newFacts } from './facts.js';
import {
  type Hold,
  type HoldReason,
  holdFor,
  holdInto,
  NOT_APPLICABLE,
  type PromptKind,
} from './guardrails.js';
import { newHistory, summarizeHistory, summarizeHistoryInto } from './history.js';
import { assessPlatform } from './platform.js';

/** One rule's part in an explained decision. */
export interface RuleTrace {
  readonly ruleId: string;
  readonly priority: number;
  readonly action: Action;
  /** Whether the rule's conditions hold. */
  readonly matched: boolean;
  /**
   * `decided`: this rule chose the decision; `held-back`: matched, but a guardrail held its
   * action back; `not-applicable`: a settings-link rule while the system prompt is still
   * available; `no-match`: conditions false; `not-reached`: a higher rule decided first.
   */
  readonly status: 'decided' | 'held-back' | 'not-applicable' | 'no-match' | 'not-reached';
  readonly hold?: { readonly reason: Reason; readonly retryAt: string | null };
  readonly conditions: ConditionTrace;
}

type Params = { readonly [k: string]: Json };
interface Base {
  /** The rule set's `name@hash`, for decision logs. */
  readonly ruleSet: string;
  readonly trace?: readonly RuleTrace[];
}

/**
 * The decision. Illegal combinations are unrepresentable: a prompt always comes from a
 * rule; `retryAt` is set only on a guardrail's wait; `issues` only with `invalid-context`.
 */
export type Decision =
  | (Base & {
      readonly action: 'show-soft-prompt' | 'show-settings-link' | 'wait';
      readonly reason: 'rule-matched';
      readonly ruleId: string;
      readonly params?: Params;
      readonly retryAt: null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: Hold['reason'];
      /**
       * The matching rule that was held back: of the two kinds, the one whose hold ends
       * soonest, else the higher-priority one.
       */
      readonly ruleId: string;
      readonly params?: Params;
      /** ISO time when the hold ends; null when it does not end with this context. */
      readonly retryAt: string | null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: 'no-rule-matched' | 'already-granted' | 'unsupported';
      readonly retryAt: null;
    })
  | (Base & {
      readonly action: 'wait';
      readonly reason: 'invalid-context';
      readonly retryAt: null;
      readonly issues: readonly Issue[];
    });

export interface DecideOptions {
  /** Add a `trace`: each rule, each condition with its fact value and result, and the guardrails. */
  readonly explain?: boolean;
}

/** A compiled rule set. */
export interface Decider {
  readonly ruleSet: RuleSet;
  /**
   * Decides for one context (raw JSON). Never throws.
   *
   * @example
   * decider.decide({ now: '2026-03-01T19:00:00+01:00', platform: { os: 'ios' },
   *   permission: 'not-determined', sessions: { count: 2 }, trigger: 'order_placed' });
   * // { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'after-first-order', … }
   */
  decide(context: unknown, options?: DecideOptions): Decision;
  /**
   * Decides for an already parsed context (see `parseContext`): the fast path for callers
   * that validate once and decide several times.
   */
  decideParsed(context: Context, options?: DecideOptions): Decision;
  /** Ids of the rules whose conditions hold for the context, guardrails aside (file order). */
  matchingRules(context: Context): string[];
}

interface CompiledRule {
  readonly rule: Rule;
  readonly test: Predicate;
}

/**
 * Loads (if needed) and compiles a rule set once. Throws `RuleSetError` for a bad rule set.
 *
 * @example
 * const decider = createDecider(JSON.parse(fs.readFileSync('rules/default.json', 'utf8')));
 * const d = decider.decide(contextJson);
 * if (d.action === 'show-soft-prompt') showPrimer(d.params?.variant);
 */
export function createDecider(ruleSet: RuleSet | unknown): Decider {
  // Validated and compiled here, so a bad rule set fails at load, never at evaluation.
  const rs = isRuleSet(ruleSet) ? ruleSet : loadRuleSet(ruleSet);
  const ordered: CompiledRule[] = [...rs.rules]
    .sort((a, b) => b.priority - a.priority || a.index - b.index)
    .map((rule) => ({ rule, test: compileCondition(rule.conditions) }));
  const attrs = Object.entries(rs.attributes);
  let traceFns: Map<Rule, LeafFns> | undefined;
  // The hot path reads flat arrays and reuses scratch objects: `decide` is synchronous, so
  // one decision never overlaps another on the same decider, and every scratch field it
  // reads is written earlier in the same call. Nothing here is allocated per call but the
  // returned decision (and the platform state).
  const inFileOrder = [...ordered].sort((a, b) => a.rule.index - b.rule.index);
  const count = ordered.length;
  const rules = ordered.map((c) => c.rule);
  const tests = ordered.map((c) => c.test);
  const kinds = rules.map((r) =>
    r.event.type === 'wait' ? WAIT : r.event.type === 'show-soft-prompt' ? SOFT : LINK,
  );
  // Most rules name their moment (`trigger equal/in …`): one lookup of the context's
  // trigger tells which rules can match at all; the others are not evaluated. Only a
  // skip of rules whose conditions are certainly false, so decisions are unchanged.
  const triggerSets = rules.map((r) => requiredValues(r.conditions, 'trigger'));
  const anyTrigger = Uint8Array.from(triggerSets, (t) => (t === null ? 1 : 0));
  const byTrigger = new Map<string, Uint8Array>();
  for (const t of new Set(triggerSets.flatMap((t) => (t === null ? [] : [...t])))) {
    byTrigger.set(
      t,
      Uint8Array.from(triggerSets, (set) => (set === null || set.has(t) ? 1 : 0)),
    );
  }
  const needs = factNeeds(factsRead(rules.map((r) => r.conditions)));
  const facts = newFacts();
  const history = newHistory();
  const softOut = { retryAt: null as number | null };
  const linkOut = { retryAt: null as number | null };
  const policy = rs.policy;
  const id = rs.id;

  const invalid = (issues: readonly Issue[]): Decision => ({
    action: 'wait',
    reason: 'invalid-context',
    retryAt: null,
    ruleSet: id,
    issues,
  });

  function decideParsed(ctx: Context, options?: DecideOptions): Decision {
    if (attrs.length > 0) {
      const attrIssues = checkAttributes(ctx, attrs);
      if (attrIssues !== null) return invalid(attrIssues);
    }
    const h = summarizeHistoryInto(ctx, history);
    const p = assessPlatform(ctx, h);
    if (p.status !== 'off') {
      const reason = p.status === 'granted' ? 'already-granted' : 'unsupported';
      return options?.explain
        ? { action: 'wait', reason, retryAt: null, ruleSet: id, trace: [] }
        : { action: 'wait', reason, retryAt: null, ruleSet: id };
    }
    fillFacts(facts, ctx, h, p, needs);
    if (options?.explain) {
      // Each kind's hold is computed at most once, and only if a rule of that kind matches.
      let softHold: Hold | null | typeof NOT_APPLICABLE | undefined;
      let linkHold: Hold | null | typeof NOT_APPLICABLE | undefined;
      return explainDecision(facts, (kind: PromptKind) => {
        if (kind === 'soft-prompt') {
          if (softHold === undefined) softHold = holdFor(kind, ctx, h, p, policy);
          return softHold;
        }
        if (linkHold === undefined) linkHold = holdFor(kind, ctx, h, p, policy);
        return linkHold;
      });
    }
    // Each kind's hold is computed at most once, and only if a rule of that kind matches.
    let softHold: HoldReason | null | typeof NOT_APPLICABLE | undefined;
    let linkHold: HoldReason | null | typeof NOT_APPLICABLE | undefined;
    let heldSoft = -1;
    let heldLink = -1;
    const trigger = ctx.trigger;
    const possible = (typeof trigger === 'string' && byTrigger.get(trigger)) || anyTrigger;
    for (let i = 0; i < count; i++) {
      if (possible[i] === 0 || !(tests[i] as Predicate)(facts)) continue;
      const kind = kinds[i];
      if (kind === WAIT) return ruleDecision(rules[i] as Rule, id);
      if (kind === SOFT) {
        if (softHold === undefined) softHold = holdInto('soft-prompt', ctx, h, p, policy, softOut);
        if (softHold === null) return ruleDecision(rules[i] as Rule, id);
        if (softHold !== NOT_APPLICABLE && heldSoft < 0) heldSoft = i;
      } else {
        if (linkHold === undefined) linkHold = holdInto('settings-link', ctx, h, p, policy, linkOut);
        if (linkHold === null) return ruleDecision(rules[i] as Rule, id);
        if (linkHold !== NOT_APPLICABLE && heldLink < 0) heldLink = i;
      }
    }
    if (heldSoft < 0 && heldLink < 0)
      return { action: 'wait', reason: 'no-rule-matched', retryAt: null, ruleSet: id };
    const soft = preferHeld(heldSoft, softOut.retryAt, heldLink, linkOut.retryAt);
    return heldDecision(
      rules[soft ? heldSoft : heldLink] as Rule,
      (soft ? softHold : linkHold) as HoldReason,
      (soft ? softOut : linkOut).retryAt,
      id,
    );
  }

  function explainDecision(
    facts: Facts,
    holdOf: (k: PromptKind) => Hold | null | typeof NOT_APPLICABLE,
  ): Decision {
    traceFns ??= new Map(ordered.map((c) => [c.rule, leafFunctions(c.rule.conditions)]));
    const trace: RuleTrace[] = [];
    let decision: Decision | undefined;
    let heldSoft: { rule: Rule; hold: Hold; index: number } | undefined;
    let heldLink: { rule: Rule; hold: Hold; index: number } | undefined;
    let index = -1;
    for (const { rule } of ordered) {
      index++;
      const conditions = traceCondition(rule.conditions, traceFns.get(rule) as LeafFns, facts);
      const base = {
        ruleId: rule.id,
        priority: rule.priority,
        action: rule.event.type,
        matched: conditions.result,
        conditions,
      };
      if (decision !== undefined) {
        trace.push({ ...base, status: 'not-reached' });
        continue;
      }
      if (!conditions.result) {
        trace.push({ ...base, status: 'no-match' });
        continue;
      }
      const type = rule.event.type;
      const hold =
        type === 'wait' ? null : holdOf(type === 'show-soft-prompt' ? 'soft-prompt' : 'settings-link');
      if (hold === null) {
        decision = ruleDecision(rule, '');
        trace.push({ ...base, status: 'decided' });
      } else if (hold === NOT_APPLICABLE) {
        trace.push({ ...base, status: 'not-applicable' });
      } else {
        if (type === 'show-soft-prompt') heldSoft ??= { rule, hold, index };
        else heldLink ??= { rule, hold, index };
        trace.push({
          ...base,
          status: 'held-back',
          hold: {
            reason: hold.reason,
            retryAt: hold.retryAt === null ? null : formatTimestamp(hold.retryAt),
          },
        });
      }
    }
    if (decision === undefined) {
      const soft = preferHeld(
        heldSoft?.index ?? -1,
        heldSoft?.hold.retryAt ?? null,
        heldLink?.index ?? -1,
        heldLink?.hold.retryAt ?? null,
      );
      const held = soft ? heldSoft : heldLink;
      decision = held
        ? heldDecision(held.rule, held.hold.reason, held.hold.retryAt, '')
        : { action: 'wait', reason: 'no-rule-matched', retryAt: null, ruleSet: '' };
    }
    return { ...decision, ruleSet: rs.id, trace };
  }

  return Object.freeze({
    ruleSet: rs,
    decideParsed(ctx: Context, options?: DecideOptions): Decision {
      try {
        return decideParsed(ctx, options);
      } catch (error) {
        return invalid([
          { code: 'invalid-type', path: [], message: `context could not be evaluated: ${messageOf(error)}` },
        ]);
      }
    },
    decide(context: unknown, options?: DecideOptions): Decision {
      try {
        const r = safeParseContext(context);
        return r.success ? decideParsed(r.data, options) : invalid(r.issues);
      } catch (error) {
        // Unreachable by design (the snapshot contains every read of foreign data); kept so
        // that `decide` can never throw, whatever it is handed.
        return invalid([
          { code: 'invalid-type', path: [], message: `context could not be read: ${messageOf(error)}` },
        ]);
      }
    },
    matchingRules(ctx: Context): string[] {
      const h = summarizeHistory(ctx);
      const facts = computeFacts(ctx, h, assessPlatform(ctx, h));
      // In file order: each rule's predicate sits at its position in `inFileOrder`.
      return inFileOrder.filter((c) => c.test(facts)).map((c) => c.rule.id);
    },
  });
}

const WAIT = 0;
const SOFT = 1;
const LINK = 2;

/**
 * Which held-back rule a wait reports when rules of both kinds were held back (the first
 * held rule of each kind, by position in priority order; -1 when none): the one whose hold
 * ends, the earliest end first, so `retryAt` names the next real opportunity; a denied user
 * whose settings link is in cooldown hears "cooldown until X", not "permission-blocked".
 * With no ends (or equal ones), the higher-priority rule. Returns true for the soft prompt.
 */
function preferHeld(soft: number, softRetry: number | null, link: number, linkRetry: number | null): boolean {
  if (link < 0) return true;
  if (soft < 0) return false;
  if (softRetry !== null && linkRetry !== null && softRetry !== linkRetry) return softRetry < linkRetry;
  if ((softRetry === null) !== (linkRetry === null)) return softRetry !== null;
  return soft < link;
}

function ruleDecision(rule: Rule, ruleSet: string): Decision {
  const params = rule.event.params;
  // Two literals rather than a spread: one object per decision, nothing else.
  return params === undefined
    ? { action: rule.event.type, reason: 'rule-matched', ruleId: rule.id, retryAt: null, ruleSet }
    : { action: rule.event.type, reason: 'rule-matched', ruleId: rule.id, params, retryAt: null, ruleSet };
}

function heldDecision(rule: Rule, reason: HoldReason, retryAt: number | null, ruleSet: string): Decision {
  const params = rule.event.params;
  const retry = retryAt === null ? null : formatTimestamp(retryAt);
  return params === undefined
    ? { action: 'wait', reason, ruleId: rule.id, retryAt: retry, ruleSet }
    : { action: 'wait', reason, ruleId: rule.id, params, retryAt: retry, ruleSet };
}

/** Declared attributes sent with the wrong type are an invalid context, never coerced. */
function checkAttributes(ctx: Context, attrs: readonly [string, AttributeType][]): Issue[] | null {
  let issues: Issue[] | null = null;
  for (const [name, type] of attrs) {
    const v = ctx.attributes[name];
    if (v === undefined) continue;
    const ok =
      type === 'string[]'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : type === 'number[]'
          ? Array.isArray(v) && v.every((x) => typeof x === 'number')
          : typeof v === type;
    if (ok) continue;
    issues = issues ?? [];
    issues.push({
      code: 'invalid-type',
      path: ['attributes', name],
      message: `attribute "${name}" is declared ${type}`,
    });
  }
  return issues;
}

function messageOf(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown error';
  }
}
