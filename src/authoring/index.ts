/**
 * push-prompt-engine/authoring: what rule authors, CI and tooling use. The catalog with its
 * prose, the zod schemas (the JSON Schema's source), the rule files' JSON Schema and docs,
 * the linter and the readable explanation of a decision. Never imported by the runtime
 * entry, so client bundles never carry it.
 */

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
export type { DocumentedFact, FactDoc } from './catalog-docs.js';
export { DOCUMENTED_FACTS, FACT_DOCS, OPERATOR_DOCS, OPERATOR_WORDS, REASON_DOCS } from './catalog-docs.js';
export { ContextSchema, safeParseContextReference } from './context-schema.js';
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
  ParsedLogRecordSchema,
  PermissionRecordSchema,
} from './logs/records.js';
export { PolicySchema } from './policy-schema.js';
export type { ArmDeclaration, ExperimentDeclarations } from './report/experiments-block.js';
export { experimentDeclarations } from './report/experiments-block.js';
export { formatReportMarkdown, formatReportText } from './report/format.js';
export type { ReportBuilder, ReportOptions } from './report/report.js';
export { buildReport, createReportBuilder } from './report/report.js';
export type { GoodnessOfFit, Interval } from './report/stats.js';
export {
  chiSquareGoodnessOfFit,
  chiSquarePValue,
  newcombeInterval,
  wilsonInterval,
} from './report/stats.js';
export type { ArmReport, BaselineKind, ExperimentReport, Report, SampleRatio } from './report/types.js';
export {
  POLICY_DOCS,
  renderRuleSetJsonSchema,
  ruleSetAuthoringSchema,
  ruleSetJsonSchema,
} from './schema/rule-set-schema.js';
export { renderRulesDoc } from './schema/rules-doc.js';
