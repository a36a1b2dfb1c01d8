/**
 * push-prompt-engine/authoring: what rule authors, CI and tooling use. The catalog with its
 * prose, the zod schemas (the JSON Schema's source), the rule files' JSON Schema and docs,
 * the linter and the readable explanation of a decision. Never imported by the runtime
 * entry, so client bundles never carry it.
 */

export { ContextSchema } from '../context/parse.js';
export type { FactName, FactSpec, PathKind, ValueType } from '../rules/catalog.js';
export {
  ACTIONS,
  ATTRIBUTE_TYPES,
  BROWSER_VALUES,
  FACTS,
  HOST_OS_VALUES,
  KEY_ACTION_FIELDS,
  OPERATORS,
  OPERATORS_BY_TYPE,
  OS_VALUES,
  PERMISSION_VALUES,
  REASONS,
} from '../rules/catalog.js';
export { PolicySchema } from '../rules/load.js';
export type { DocumentedFact, FactDoc } from './catalog-docs.js';
export { DOCUMENTED_FACTS, FACT_DOCS, OPERATOR_DOCS, OPERATOR_WORDS, REASON_DOCS } from './catalog-docs.js';
export type { ComparableDecision } from './diff/compare.js';
export { jsonEqual, sameDecision } from './diff/compare.js';
export type { FoundContext, JsonContents, LineContents } from './diff/contexts.js';
export { contextsInJson, looksLikeContext, readContextLine } from './diff/contexts.js';
export type { SourcedContext } from './diff/diff.js';
export { decideBoth, diffContexts, diffLines } from './diff/diff.js';
export { formatChange, formatChangeReport } from './diff/format.js';
export type { Change, ChangeCollector, ChangeReport, SkipReason } from './diff/report.js';
export { collectChanges } from './diff/report.js';
export { formatExplanation } from './explain-text.js';
export type { LintCode, LintWarning } from './lint/lint.js';
export { lintRuleSet } from './lint/lint.js';
export type { BadLine, LogLine } from './logs/jsonl.js';
export { decisionRecord, parseLogLine, readLogLines } from './logs/jsonl.js';
export type { AskRecord, DecisionRecord, LogRecord, PermissionRecord } from './logs/records.js';
export {
  AskRecordSchema,
  AskSchema,
  DecisionRecordSchema,
  DecisionSchema,
  LogRecordSchema,
  logRecordJsonSchema,
  PermissionRecordSchema,
} from './logs/records.js';
export { replayLines } from './replay/replay.js';
export {
  POLICY_DOCS,
  renderRuleSetJsonSchema,
  ruleSetAuthoringSchema,
  ruleSetJsonSchema,
} from './schema/rule-set-schema.js';
export { renderRulesDoc } from './schema/rules-doc.js';
export type { DialogModel, Moment, Population, PopulationPlatform } from './simulate/population.js';
export { loadPopulation, PopulationError, parametersOf } from './simulate/population.js';
export type { PopulationJson } from './simulate/population-schema.js';
export { PopulationSchema, renderPopulationJsonSchema } from './simulate/population-schema.js';
