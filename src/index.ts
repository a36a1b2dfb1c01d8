/**
 * push-prompt-engine, the runtime entry: what a client SDK or a decision endpoint imports
 * to decide when to ask for push permission. Client-safe: no Node built-ins, no zod, no
 * prose (the authoring tools are in `push-prompt-engine/authoring`). Every export is named
 * here; types are exported as types.
 */

export type {
  Ask,
  AttributeValue,
  Context,
  ContextInput,
  ContextParseResult,
  KeyActionStat,
  Snooze,
} from './context/parse.js';
export { parseContext, safeParseContext } from './context/parse.js';
export type { DecideOptions, Decider } from './evaluate/decider.js';
export { createDecider } from './evaluate/decider.js';
export type { Decision, RuleStatus, RuleTrace } from './evaluate/decision.js';
export { userBucket } from './evaluate/facts.js';
export type { SystemPrompt } from './evaluate/system-prompt.js';
export { systemPrompt } from './evaluate/system-prompt.js';
export type { WeightedArm } from './experiments/assign.js';
export {
  ASSIGNMENT_BUCKETS,
  ASSIGNMENT_VERSION,
  assignArm,
  experimentBucket,
} from './experiments/assign.js';
export type { Exposure } from './experiments/enroll.js';
export type { Arm, Experiment } from './experiments/load.js';
export type { Action, AttributeType, Operator, Reason } from './rules/catalog.js';
export { ACTIONS, REASONS } from './rules/catalog.js';
export type { ConditionTrace } from './rules/compile.js';
export type { Params, Rule, RuleSet } from './rules/load.js';
export { isRuleSet, loadRuleSet } from './rules/load.js';
export type { KindPolicy, Policy } from './rules/policy.js';
export { DEFAULT_POLICY } from './rules/policy.js';
export { loadRuleSetText } from './rules/text.js';
export type { Issue, IssueCode } from './shared/errors.js';
export { ContextError, RuleSetError } from './shared/errors.js';
export { LIMITS } from './shared/limits.js';
export { compareVersions } from './shared/version.js';
