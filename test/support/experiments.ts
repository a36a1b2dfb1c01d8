/**
 * Experiments as the tests see them, from the rule set's JSON: the arm a user should get
 * (through the exported, golden-vector-checked `experimentBucket` and `assignArm`) and
 * whether a decision's assignments put the user in a holdout arm.
 */
import { assignArm, type Decision, experimentBucket, type WeightedArm } from '../../src/index.js';
import type { JsonObject } from './arbitraries.js';

const obj = (v: unknown): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};

/** The experiments block of a rule-set JSON, in the order written. */
export function experimentsOf(ruleSet: JsonObject): [string, JsonObject][] {
  return Object.entries(obj(ruleSet.experiments)).map(([id, e]) => [id, obj(e)]);
}

/** An experiment's arms, in the order written. */
export function armsOf(experiment: JsonObject): WeightedArm[] {
  return Object.entries(obj(experiment.arms)).map(([name, a]) => ({ name, weight: Number(obj(a).weight) }));
}

/** The arm a user gets in an experiment if enrolled: the salt (default: the id) and the user id alone decide. */
export function expectedArm(id: string, experiment: JsonObject, userId: string): string {
  const salt = typeof experiment.salt === 'string' ? experiment.salt : id;
  return assignArm(armsOf(experiment), experimentBucket(salt, userId));
}

/** Whether an arm is a holdout in the rule-set JSON. */
export function isHoldoutArm(ruleSet: JsonObject, id: string, arm: string): boolean {
  return obj(obj(obj(obj(ruleSet.experiments)[id]).arms)[arm]).holdout === true;
}

/** Whether the decision's assignments put the user in a holdout arm. */
export function inHoldout(ruleSet: JsonObject, d: Decision): boolean {
  return (d.experiments ?? []).some((x) => isHoldoutArm(ruleSet, x.id, x.arm));
}
