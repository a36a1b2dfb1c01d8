/**
 * json-rules-engine adapter: a real `Engine` built from a loaded rule set, with the same
 * facts and our own path resolver (own properties on `$.a.b` only, never jsonpath-plus
 * expressions). For teams already running json-rules-engine, and the oracle the compiled
 * evaluator is tested against. Import from `push-prompt-engine/json-rules-engine`; the
 * main entry never loads json-rules-engine.
 *
 * json-rules-engine only says which rules match. Everything that decides beyond that is
 * ours and it enforces none of it: priorities and the selection, the guardrails (cooldowns,
 * caps, quiet hours, the platform model) and the experiments' holdout guardrail (an
 * enrolled user in a holdout arm is never prompted). `engineFacts` supplies the
 * `experiment` fact (each enrolled user's arms), so rules that read it match the same way;
 * a team running json-rules-engine itself must hold a holdout user's prompts back itself,
 * or ask `createDecider(ruleSet).decide(context)`, which does.
 */
import { Engine, type EngineResult } from 'json-rules-engine';
import { type Context, parseContext } from '../context/parse.js';
import { computeFacts, factsByName } from '../evaluate/facts.js';
import { summarizeHistory } from '../evaluate/history.js';
import { assessPlatform } from '../evaluate/platform.js';
import { compileExperiments, type Enroller, newEnrollment } from '../experiments/enroll.js';
import type { ConditionNode } from '../rules/conditions.js';
import type { RuleSet } from '../rules/load.js';
import { VERSION_OPERATORS } from '../rules/operators.js';
import { MS_PER_HOUR } from '../shared/time.js';

/**
 * Resolves `$.a.b` over own properties only; anything else is undefined. Replaces
 * json-rules-engine's default jsonpath-plus resolver (CVE-2024-21534, CVE-2025-1302).
 *
 * @example
 * ownPathResolver({ tier: 'gold' }, '$.tier'); // 'gold'
 * ownPathResolver({}, '$.constructor');        // undefined
 */
export function ownPathResolver(value: unknown, path: string): unknown {
  if (!path.startsWith('$.')) return undefined;
  let cur: unknown = value;
  for (const seg of path.slice(2).split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * Builds a json-rules-engine `Engine` holding the rule set's rules (named by rule id),
 * with `allowUndefinedFacts` (absent facts are undefined, as in our evaluator), the
 * version operators, and {@link ownPathResolver}.
 *
 * @example
 * const engine = toJsonRulesEngine(loadRuleSet(json));
 * const { results } = await engine.run(engineFacts(engine.ruleSet, parseContext(ctx)));
 */
export function toJsonRulesEngine(ruleSet: RuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: ownPathResolver });
  for (const op of VERSION_OPERATORS) engine.addOperator(op.name, op.cb);
  const source = JSON.parse(JSON.stringify(ruleSet.source)) as {
    rules: { id: string; priority?: number; conditions: object; event: object }[];
  };
  for (const r of source.rules) {
    engine.addRule({
      name: r.id,
      priority: r.priority ?? 1,
      conditions: r.conditions as never,
      event: r.event as never,
    });
  }
  return engine;
}

/**
 * The facts our evaluator uses, as a plain object for `engine.run(facts)`. Absent facts
 * are left out; every key action a rule or an audience names is present with count 0 if
 * never done; the
 * `experiment` fact maps each experiment the user is enrolled in to their arm (an
 * experiment they are not in is absent, so `$.ID` reads undefined, as in our evaluator).
 * The holdout guardrail is not a fact: json-rules-engine does not enforce it (see above).
 * Takes a parsed `Context` or the context JSON (validated here: a bad one throws
 * `ContextError` with every issue).
 *
 * @example
 * await toJsonRulesEngine(rs).run(engineFacts(rs, contextJson));
 */
export function engineFacts(ruleSet: RuleSet, context: Context | unknown): Record<string, unknown> {
  const ctx = isParsed(context) ? context : parseContext(context);
  const h = summarizeHistory(ctx);
  const f = computeFacts(ctx, h, assessPlatform(ctx, h));
  const exposure = enrollerOf(ruleSet)?.enroll(f, ctx.userId, newEnrollment()).exposure ?? [];
  const keyActions: Record<string, { count: number; hoursSinceLast?: number }> = {};
  for (const name of referencedKeyActions(ruleSet)) keyActions[name] = { count: 0 };
  for (const [name, s] of Object.entries(ctx.keyActions)) {
    keyActions[name] =
      s.lastAt === undefined
        ? { count: s.count }
        : { count: s.count, hoursSinceLast: (ctx.now - s.lastAt) / MS_PER_HOUR };
  }
  const out: Record<string, unknown> = factsByName(f);
  out.keyActions = keyActions;
  out.attributes = { ...ctx.attributes };
  out.experiment = Object.fromEntries(exposure.map((x) => [x.id, x.arm]));
  return out;
}

/** Runs the engine and returns the ids of the rules whose conditions held. */
export async function engineMatches(engine: Engine, facts: Record<string, unknown>): Promise<string[]> {
  const r: EngineResult = await engine.run(facts);
  return r.results.map((x) => String(x.name));
}

const enrollers = new WeakMap<RuleSet, Enroller | null>();

function enrollerOf(rs: RuleSet): Enroller | null {
  let e = enrollers.get(rs);
  if (e === undefined) {
    e = compileExperiments(rs.experiments);
    enrollers.set(rs, e);
  }
  return e;
}

const referenced = new WeakMap<RuleSet, string[]>();

function referencedKeyActions(rs: RuleSet): string[] {
  let names = referenced.get(rs);
  if (names === undefined) {
    const set = new Set<string>();
    const walk = (n: ConditionNode): void => {
      if (n.kind === 'leaf') {
        if (n.fact === 'keyActions' && n.segments[0] !== undefined) set.add(n.segments[0]);
      } else if (n.kind === 'not') walk(n.child);
      else n.children.forEach(walk);
    };
    for (const r of rs.rules) walk(r.conditions);
    // Audiences read the same facts (json-rules-engine users may run them as rules).
    for (const e of rs.experiments) if (e.audience !== null) walk(e.audience);
    names = [...set];
    referenced.set(rs, names);
  }
  return names;
}

/** A parsed Context has its instant as a number; the JSON form has it as text. */
function isParsed(v: unknown): v is Context {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof Object.getOwnPropertyDescriptor(v, 'now')?.value === 'number'
  );
}
