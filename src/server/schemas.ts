/**
 * The endpoint's own bodies as zod schemas (health, errors, batches), beside the context
 * and decision schemas of the authoring wing: the OpenAPI document is generated from these,
 * and the tests check real responses against them.
 */
import * as z from 'zod';
import { DecisionSchema } from '../authoring/index.js';
import { ERROR_STATUS, type ErrorCode } from './respond.js';

const count = z.number().int().min(0);

/**
 * `{ "error": { "code", "message" } }`: every non-decision failure.
 *
 * @example
 * ErrorBodySchema.parse(await response.json()).error.code; // 'body-too-large'
 */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
  }),
});

/** Why the rules file failed to load; the last good rule set keeps serving meanwhile. */
export const ReloadErrorSchema = z.object({
  at: z.string(),
  message: z.string(),
  issues: z.array(z.string()).describe("The rule set's first issues, one line each"),
});

/** The decision log's health (`null` on `/healthz` when the server runs without `--log`). */
export const LogHealthSchema = z.object({
  status: z.enum(['ok', 'failing']),
  target: z.string(),
  written: count,
  dropped: z.object({ 'write-error': count, 'buffer-full': count, closed: count }),
  writeErrors: count,
  buffered: count,
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
});

/**
 * `GET /healthz`.
 *
 * @example
 * HealthSchema.parse(await (await fetch(`${url}/healthz`)).json()).status; // 'ok'
 */
export const HealthSchema = z.object({
  status: z
    .enum(['ok', 'degraded', 'shutting-down'])
    .describe('degraded: serving, but the rules file fails to load or the log fails to write'),
  ruleSet: z.string().describe('The rule set serving now, name@hash'),
  rulesFile: z.string().nullable(),
  lastReloadError: ReloadErrorSchema.nullable(),
  log: LogHealthSchema.nullable(),
  inFlight: count,
});

/**
 * `POST /v1/decide/batch` response.
 *
 * @example
 * BatchResponseSchema.parse(body).decisions.length; // as many as contexts were sent
 */
export const BatchResponseSchema = z.object({
  decisions: z.array(DecisionSchema).describe('One decision per context, in order'),
});

export type Health = z.infer<typeof HealthSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
