/**
 * push-prompt-engine: decide when to ask for push notification permission.
 * Every export is named here; types are exported as types.
 */
export type { Action, AttributeType, FactSpec, Operator, Reason, ValueType } from './catalog.js';
export { ACTIONS, FACTS, OPERATORS, REASON_DOCS, REASONS } from './catalog.js';
export type { ConditionTrace } from './compile.js';
export type {
  Ask,
  AttributeValue,
  Context,
  ContextInput,
  ContextParseResult,
  KeyActionStat,
  Snooze,
} from './context.js';
export { ContextSchema, parseContext, safeParseContext } from './context.js';
export type { DecideOptions, Decider, Decision, RuleTrace } from './decide.js';
export { createDecider } from './decide.js';
export type { Issue, IssueCode } from './errors.js';
export { ContextError, RuleSetError } from './errors.js';
export { userBucket } from './facts.js';
export { LIMITS } from './limits.js';
export type { KindPolicy, Policy, Rule, RuleSet } from './rule-set.js';
export { DEFAULT_POLICY, isRuleSet, loadRuleSet, PolicySchema } from './rule-set.js';
export { loadRuleSetText } from './rule-set-text.js';
export { compareVersions } from './version.js';
