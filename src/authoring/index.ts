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
export type { ComparableDecision } from './diff/compare.js';
export { jsonEqual, sameDecision } from './diff/compare.js';
export type { FoundContext, JsonContents, LineContents, LineSource } from './diff/contexts.js';
export { contextsInJson, forEachLine, looksLikeContext, readContextLine } from './diff/contexts.js';
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
  ParsedLogRecordSchema,
  PermissionRecordSchema,
} from './logs/records.js';
export { PolicySchema } from './policy-schema.js';
export { replayLines } from './replay/replay.js';
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
export { isoAt, parseDay } from './simulate/clock.js';
export { formatSensitivity, formatSimulation } from './simulate/format.js';
export type { LogSink, SimAsk } from './simulate/log.js';
export { jsonLinesSink } from './simulate/log.js';
export type { DialogModel, Moment, Population } from './simulate/population.js';
export { loadPopulation, PopulationError, parametersOf } from './simulate/population.js';
export type { PopulationJson, PopulationPlatform } from './simulate/population-schema.js';
export { PopulationSchema, renderPopulationJsonSchema } from './simulate/population-schema.js';
export type { Rng } from './simulate/prng.js';
export { STREAMS, userRng } from './simulate/prng.js';
export type { ArmResult, SimulationResult, StrategyResult } from './simulate/results.js';
export { summarize } from './simulate/results.js';
export type { UserOutcome } from './simulate/run-user.js';
export { runUser } from './simulate/run-user.js';
export type { RankMetric, SensitivityResult, Variation } from './simulate/sensitivity.js';
export { parseVary, rankStrategies, sensitivity, withParameter } from './simulate/sensitivity.js';
export type { Prepared, SimulationSpec, StrategySpec } from './simulate/simulate.js';
export { prepareSimulation, SimulationError, simulateRange, simulateUser } from './simulate/simulate.js';
export type { Act, Baseline, MomentView, Strategy } from './simulate/strategy.js';
export { BASELINES, baselineStrategy, ruleSetStrategy } from './simulate/strategy.js';
export { renderOptInSvg } from './simulate/svg.js';
export type { Anomalies, ArmTally, Tally } from './simulate/tally.js';
export { mergeTally, newTally } from './simulate/tally.js';
export type { SimMoment, SimSession, SimUser } from './simulate/user.js';
export { drawUser } from './simulate/user.js';
export type { Device, DialogOutcome, DialogState, Family, OsState } from './simulate/world.js';
export { deviceOf, dialogState, newOsState, reportedPermission, showsDialog } from './simulate/world.js';
