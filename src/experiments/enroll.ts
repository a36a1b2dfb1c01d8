/**
 * Enrollment (DESIGN.md section 9): a user is enrolled in an experiment when the context has
 * a `userId` (a non-empty one: an app that sends "" for signed-out users would otherwise put
 * them all in one arm) and the experiment's `audience` holds on the decision's facts. An
 * enrolled user gets an arm (src/experiments/assign.ts); the `experiment` fact then reads
 * it, the holdout guardrail holds every prompt back for a holdout arm, and the decision
 * lists the assignments for exposure logging. A user not enrolled has no arm: the fact is
 * absent for that experiment and no holdout applies.
 *
 * Compiled once per decider: the salt's hash state, the audience's predicate and the arms'
 * bucket bounds are computed at load; per decision, one hash of the user id per experiment.
 */
import type { Facts } from '../evaluate/facts.js';
import { FACT_INDEX } from '../rules/catalog.js';
import { compileCondition, factsRead, type Predicate } from '../rules/compile.js';
import { armAt, armBounds, bucketFrom, saltState } from './assign.js';
import type { Experiment } from './load.js';

/** One assignment, as decisions list them. */
export interface Exposure {
  readonly id: string;
  readonly arm: string;
}

/** A user's experiments in one decision. */
export interface Enrollment {
  /** The `experiment` fact: the arm by experiment id, undefined where not enrolled (null prototype). */
  readonly arms: Record<string, string | undefined>;
  /** Whether the user is in a holdout arm of an experiment they are enrolled in. */
  holdout: boolean;
  /** The assignments in the order the experiments are written; undefined when none. */
  exposure: Exposure[] | undefined;
}

/** The experiments of a rule set, compiled. */
export interface Enroller {
  /** The facts the audiences read (a decider computes them, whatever its rules read). */
  readonly factNames: ReadonlySet<string>;
  /**
   * Enrolls the user of `facts` (computed already, but for the `experiment` fact, which
   * this writes) into `out`, and returns it.
   */
  enroll(facts: Facts, userId: string | undefined, out: Enrollment): Enrollment;
}

interface Compiled {
  readonly id: string;
  readonly state: number;
  readonly audience: Predicate | null;
  readonly bounds: readonly number[];
  readonly total: number;
  readonly names: readonly string[];
  readonly holdouts: Uint8Array;
  /** One frozen `{ id, arm }` per arm, shared by every decision that lists it. */
  readonly exposures: readonly Exposure[];
}

const EXPERIMENT = FACT_INDEX.experiment;

/**
 * An empty Enrollment for {@link Enroller.enroll} to fill (a decider keeps one and reuses it).
 *
 * @example
 * const scratch = newEnrollment();
 */
export function newEnrollment(): Enrollment {
  return {
    arms: Object.create(null) as Record<string, string | undefined>,
    holdout: false,
    exposure: undefined,
  };
}

/**
 * Compiles a rule set's experiments; null when it has none (a decider then skips
 * enrollment entirely, so rule sets without experiments pay nothing).
 *
 * @example
 * const enroller = compileExperiments(ruleSet.experiments);
 * enroller?.enroll(facts, ctx.userId, newEnrollment()).exposure; // [{ id: 'primer-copy', arm: 'benefit' }]
 */
export function compileExperiments(experiments: readonly Experiment[]): Enroller | null {
  if (experiments.length === 0) return null;
  const compiled: readonly Compiled[] = experiments.map((e) => ({
    id: e.id,
    state: saltState(e.salt),
    audience: e.audience === null ? null : compileCondition(e.audience),
    bounds: armBounds(e.arms.map((a) => a.weight)),
    total: e.arms.reduce((s, a) => s + a.weight, 0),
    names: e.arms.map((a) => a.name),
    holdouts: Uint8Array.from(e.arms, (a) => (a.holdout ? 1 : 0)),
    exposures: e.arms.map((a) => Object.freeze({ id: e.id, arm: a.name })),
  }));
  const audiences = experiments.flatMap((e) => (e.audience === null ? [] : [e.audience]));
  return {
    factNames: factsRead(audiences),
    enroll(facts, userId, out) {
      const arms = out.arms;
      let exposure: Exposure[] | undefined;
      let holdout = false;
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i] as Compiled;
        if (userId === undefined || userId === '' || (c.audience !== null && !c.audience(facts))) {
          arms[c.id] = undefined;
          continue;
        }
        const k = armAt(c.bounds, c.total, bucketFrom(c.state, userId));
        arms[c.id] = c.names[k];
        if (c.holdouts[k] === 1) holdout = true;
        if (exposure === undefined) exposure = [];
        exposure.push(c.exposures[k] as Exposure);
      }
      facts.values[EXPERIMENT] = arms;
      out.holdout = holdout;
      out.exposure = exposure;
      return out;
    },
  };
}
