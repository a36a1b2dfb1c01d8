/**
 * push-prompt-engine/server: the decision endpoint (DESIGN.md section 13) for Node, on
 * `node:http`. `push-prompt serve` runs it; teams that mount it in their own process call
 * `createServer` and use its `handler`, `listen` and `close`.
 */

export type { DecisionLogOptions, DecisionLogStats, DropReason, LogSink } from './decision-log.js';
export { DecisionLog } from './decision-log.js';
export { fileSink } from './file-sink.js';
export type { ServerLimits } from './limits.js';
export { DEFAULT_SERVER_LIMITS, resolveLimits } from './limits.js';
export type { LogEvent, Logger, LogLevel } from './logger.js';
export { silentLogger } from './logger.js';
export { openApiDocument } from './openapi.js';
export type { ErrorCode } from './respond.js';
export { ERROR_STATUS } from './respond.js';
export type { ReloadError, ReloadResult } from './rule-source.js';
export type { ErrorBody, Health } from './schemas.js';
export { BatchResponseSchema, ErrorBodySchema, HealthSchema } from './schemas.js';
export type { PushPromptServer, RulesOption, ServerOptions } from './server.js';
export { createServer } from './server.js';
