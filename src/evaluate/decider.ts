/**
 * The decider: a rule set compiled once, then `decide(context)` for each user and moment.
 * `decide` never throws: a bad context is a `wait` with reason `invalid-context` (fail
 * closed), as in OpenFeature's evaluation API. Setup (`createDecider`) may throw: a bad
 * rule set must stop a deploy. This file is the façade; the work is in the program
 * (src/rules/program.ts), the selection loop (select.ts) and explain (explain.ts).
 */
import { type Context, type ContextInput, safeParseContext } from '../context/parse.js';
import { compileExperiments, type Exposure, newEnrollment } from '../experiments/enroll.js';
import { isRuleSet, loadRuleSet, type RuleSet } from '../rules/load.js';
import { compileProgram } from '../rules/program.js';
import { loadRuleSetText } from '../rules/text.js';
import type { Issue } from '../shared/errors.js';
import { describeThrown } from '../shared/read.js';
import { attributeIssues } from './attributes.js';
import { type Decision, heldDecision, invalidContext, plainWait, ruleDecision } from './decision.js';
import { explainer } from './explain.js';
import { computeFacts, computeFactsInto, factNeeds, newFacts } from './facts.js';
import type { HoldReason } from './guardrails.js';
import { newHistory, summarizeHistory, summarizeHistoryInto } from './history.js';
import { assessPlatform } from './platform.js';
import { newSelection, preferSoft, select } from './select.js';

export interface DecideOptions {
  /** Add a `trace`: each rule, each condition with its fact value and result, and the guardrails. */
  readonly explain?: boolean;
}

/** A compiled rule set. */
export interface Decider {
  /** The loaded rule set (`ruleSet.id` is the `name@hash` every decision carries). */
  readonly ruleSet: RuleSet;
  /**
   * Decides for one context, typed: a misspelt field fails to compile. Validated at run time
   * all the same; never throws.
   *
   * @example
   * decider.decide({ now: '2026-03-01T19:00:00+01:00', platform: { os: 'ios' },
   *   permission: 'not-determined', sessions: { count: 2 }, trigger: 'order_placed' });
   * // { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'after-first-order', … }
   */
  decide(context: ContextInput, options?: DecideOptions): Decision;
  /**
   * The same for data straight off the wire (`JSON.parse(body)`): anything at all; a bad
   * context is `wait` / `invalid-context` with the issues. Never throws.
   *
   * @example
   * decider.decideUnknown(JSON.parse(body)).action; // 'wait', 'show-soft-prompt' or 'show-settings-link'
   */
  decideUnknown(json: unknown, options?: DecideOptions): Decision;
  /**
   * Decides for a context already returned by `parseContext` (the fast path for callers
   * that validate once and decide several times). It trusts that the Context came from
   * `parseContext`/`safeParseContext` unchanged (normalized, frozen-shape data); anything
   * else may decide wrongly, but it still never throws.
   *
   * @example
   * const ctx = parseContext(json);
   * decider.decideParsed(ctx);
   */
  decideParsed(context: Context, options?: DecideOptions): Decision;
  /**
   * Ids of the rules whose conditions hold for the context, guardrails aside (file order).
   *
   * @example
   * decider.matchingRules(parseContext(json)); // ['after-first-order']
   */
  matchingRules(context: Context): string[];
}

/**
 * Loads (if needed) and compiles a rule set once: a loaded `RuleSet`, parsed JSON, or JSON
 * text. Throws `RuleSetError` for a bad rule set.
 *
 * @example
 * const decider = createDecider(fs.readFileSync('rules/default.json', 'utf8'));
 * const d = decider.decideUnknown(JSON.parse(body));
 * if (d.action === 'show-soft-prompt') showPrimer(d.params?.variant);
 */
export function createDecider(ruleSet: RuleSet | string | unknown): Decider {
  // Validated and compiled here, so a bad rule set fails at load, never at evaluation.
  const rs = isRuleSet(ruleSet)
    ? ruleSet
    : typeof ruleSet === 'string'
      ? loadRuleSetText(ruleSet)
      : loadRuleSet(ruleSet);
  const program = compileProgram(rs);
  const declared = Object.entries(rs.attributes);
  // Null without experiments: enrollment is skipped entirely, at no cost.
  const enroller = compileExperiments(rs.experiments);
  const needs = factNeeds(
    enroller === null ? program.factNames : [...program.factNames, ...enroller.factNames],
  );
  const explain = explainer(program);
  // Scratch objects reused by every call: `decide` is synchronous, so one decision never
  // overlaps another on the same decider, and every field read is written earlier in the
  // same call. Nothing is allocated per call but the returned decision.
  const facts = newFacts();
  const history = newHistory();
  const selection = newSelection();
  const enrollment = newEnrollment();
  const { id, policy } = rs;

  function run(ctx: Context, options: DecideOptions | undefined): Decision {
    if (declared.length > 0) {
      const issues = attributeIssues(ctx, declared);
      if (issues !== null) return invalidContext(issues, id);
    }
    const h = summarizeHistoryInto(ctx, history);
    const p = assessPlatform(ctx, h);
    const traced = options?.explain === true;
    let holdout = false;
    let exposure: readonly Exposure[] | undefined;
    if (enroller !== null) {
      // Enrolled before the platform's early answers: exposure logging wants every
      // decision of an enrolled user, and audiences read the facts.
      computeFactsInto(facts, ctx, h, p, needs);
      const e = enroller.enroll(facts, ctx.userId, enrollment);
      holdout = e.holdout;
      exposure = e.exposure;
    }
    if (p.status !== 'off') {
      const d = plainWait(p.status === 'granted' ? 'already-granted' : 'unsupported', id, exposure);
      return traced ? { ...d, trace: [] } : d;
    }
    if (enroller === null) computeFactsInto(facts, ctx, h, p, needs);
    const statuses = traced ? new Uint8Array(program.rules.length) : null;
    const s = select(program, facts, ctx, h, p, policy, holdout, selection, statuses);
    let d: Decision;
    if (s.decided >= 0) d = ruleDecision(program.rules[s.decided]!, id, exposure);
    else if (s.heldSoft < 0 && s.heldLink < 0) d = plainWait('no-rule-matched', id, exposure);
    else {
      const soft = preferSoft(s);
      const rule = program.rules[soft ? s.heldSoft : s.heldLink]!;
      d = heldDecision(
        rule,
        (soft ? s.softHold : s.linkHold) as HoldReason,
        (soft ? s.softOut : s.linkOut).retryAt,
        id,
        exposure,
      );
    }
    return statuses === null ? d : { ...d, trace: explain(facts, statuses, s) };
  }

  function decideUnknown(json: unknown, options?: DecideOptions): Decision {
    try {
      const r = safeParseContext(json);
      return r.success ? run(r.data, options) : invalidContext(r.issues, id);
    } catch (error) {
      // Unreachable by design (validation reads foreign data defensively); kept so that
      // `decide` can never throw, whatever it is handed.
      return invalidContext(unreadable('read', error), id);
    }
  }

  return Object.freeze({
    ruleSet: rs,
    decide: decideUnknown as Decider['decide'],
    decideUnknown,
    decideParsed(ctx: Context, options?: DecideOptions): Decision {
      try {
        return run(ctx, options);
      } catch (error) {
        return invalidContext(unreadable('evaluated', error), id);
      }
    },
    matchingRules(ctx: Context): string[] {
      const h = summarizeHistory(ctx);
      const f = computeFacts(ctx, h, assessPlatform(ctx, h));
      enroller?.enroll(f, ctx.userId, newEnrollment());
      return program.rules
        .filter((_, i) => program.tests[i]!(f))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.id);
    },
  });
}

function unreadable(what: 'read' | 'evaluated', error: unknown): Issue[] {
  return [
    { code: 'invalid-type', path: [], message: `context could not be ${what}: ${describeThrown(error)}` },
  ];
}
