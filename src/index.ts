/**
 * push-prompt-engine: decide when to ask for push notification permission.
 * Every export is named here; types are exported as types.
 */
export type { Action, AttributeType, FactSpec, Operator, Reason, ValueType } from './rules/catalog.js';
export { ACTIONS, FACTS, OPERATORS, REASON_DOCS, REASONS } from './rules/catalog.js';
export type { ConditionTrace } from './rules/compile.js';
export type {
  Ask,
  AttributeValue,
  Context,
  ContextInput,
  ContextParseResult,
  KeyActionStat,
  Snooze,
} from './context/parse.js';
export { ContextSchema, parseContext, safeParseContext } from './context/parse.js';
export type { DecideOptions, Decider, Decision, RuleTrace } from './evaluate/decider.js';
export { createDecider } from './evaluate/decider.js';
export type { Issue, IssueCode } from './shared/errors.js';
export { ContextError, RuleSetError } from './shared/errors.js';
export { userBucket } from './evaluate/facts.js';
export { LIMITS } from './shared/limits.js';
export type { KindPolicy, Policy, Rule, RuleSet } from './rules/load.js';
export { DEFAULT_POLICY, isRuleSet, loadRuleSet, PolicySchema } from './rules/load.js';
export { loadRuleSetText } from './rules/text.js';
export { compareVersions } from './shared/version.js';
