/**
 * The OpenAPI 3.1 document of the endpoint, generated from the same zod schemas that
 * validate contexts, decision records and the endpoint's own bodies (`z.toJSONSchema`,
 * which takes the context's zod/mini schema as well: both build on zod's core). OpenAPI 3.1
 * schemas are JSON Schema 2020-12, so the generated schemas go in as they are; only zod's
 * shared definitions (the recursive JSON value type) are moved into `components.schemas`
 * and their references rewritten, since a `$ref` in a component resolves against the
 * whole document.
 */
import * as z from 'zod';
import { ContextSchema, DecisionSchema } from '../authoring/index.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './limits.js';
import { ERROR_STATUS } from './respond.js';
import { BatchResponseSchema, ErrorBodySchema, HealthSchema } from './schemas.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const REF = '#/components/schemas/';

/**
 * The document, with the request limits in force (batch size, body sizes).
 *
 * @example
 * JSON.stringify(openApiDocument(), null, 2); // what `push-prompt serve --openapi` prints
 */
export function openApiDocument(limits: ServerLimits = DEFAULT_SERVER_LIMITS): JsonObject {
  const requests = z.registry<{ id: string }>();
  requests.add(ContextSchema, { id: 'Context' });
  requests.add(z.object({ contexts: z.array(ContextSchema).max(limits.maxBatchSize) }), {
    id: 'BatchRequest',
  });
  const responses = z.registry<{ id: string }>();
  responses.add(DecisionSchema, { id: 'Decision' });
  responses.add(BatchResponseSchema, { id: 'BatchResponse' });
  responses.add(HealthSchema, { id: 'Health' });
  responses.add(ErrorBodySchema, { id: 'Error' });
  const hoisted = new Map<string, string>();
  const schemas: JsonObject = {
    ...components(requests, 'input', hoisted),
    ...components(responses, 'output', hoisted),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'push-prompt-engine decision endpoint',
      version: '1',
      description:
        'Decides when an app should ask for push-notification permission: show-soft-prompt, ' +
        'show-settings-link or wait. Stateless: every request carries the whole context.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/v1/decide': {
        post: {
          operationId: 'decide',
          summary: 'One decision for one context',
          parameters: [explainParameter],
          requestBody: jsonBody('Context', `At most ${limits.maxBodyBytes} bytes.`),
          responses: {
            200: jsonResponse('Decision', 'The decision'),
            422: jsonResponse(
              'Decision',
              'An invalid context: a wait with reason invalid-context and the issues',
            ),
            ...errors(['invalid-json', 'body-too-large', 'unsupported-media-type', 'invalid-query']),
          },
        },
      },
      '/v1/decide/batch': {
        post: {
          operationId: 'decideBatch',
          summary: `Decisions for up to ${limits.maxBatchSize} contexts, in order`,
          description:
            'An invalid context gets an invalid-context decision in its slot; the batch still answers 200.',
          parameters: [explainParameter],
          requestBody: jsonBody('BatchRequest', `At most ${limits.maxBatchBodyBytes} bytes.`),
          responses: {
            200: jsonResponse('BatchResponse', 'One decision per context, in order'),
            ...errors([
              'invalid-json',
              'body-too-large',
              'batch-too-large',
              'unsupported-media-type',
              'invalid-batch',
              'invalid-query',
            ]),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'The rule set serving, the last reload error, the decision log',
          responses: {
            200: jsonResponse('Health', 'Serving (status ok or degraded)'),
            503: jsonResponse('Health', 'Shutting down: send new requests elsewhere'),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics (text exposition format 0.0.4)',
          responses: {
            200: { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
    },
    components: { schemas },
  };
}

const explainParameter: JsonObject = {
  name: 'explain',
  in: 'query',
  required: false,
  description: 'Add the trace: each rule, each condition with the value it saw, the guardrails',
  schema: { type: 'string', enum: ['1', 'true', '0', 'false'] },
};

function jsonBody(schema: string, description: string): JsonObject {
  return {
    required: true,
    description: `${description} Content-Type must be application/json.`,
    content: { 'application/json': { schema: { $ref: `${REF}${schema}` } } },
  };
}

function jsonResponse(schema: string, description: string): JsonObject {
  return { description, content: { 'application/json': { schema: { $ref: `${REF}${schema}` } } } };
}

function errors(codes: readonly (keyof typeof ERROR_STATUS)[]): JsonObject {
  const byStatus = new Map<number, string[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  const out: JsonObject = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = jsonResponse('Error', `error.code: ${list.join(', ')}`);
  }
  return out;
}

/**
 * The registry's schemas as components: `$schema`/`$id` dropped (a component is not a
 * document), zod's `__shared` definitions hoisted as components, the same definition
 * (zod writes the recursive JSON value type once per use) kept once, as `JsonValue`.
 */
function components(
  registry: z.core.$ZodRegistry<{ id: string }>,
  io: 'input' | 'output',
  hoisted: Map<string, string>,
): JsonObject {
  const generated = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `${REF}${id}`,
  }) as unknown as { schemas: Record<string, JsonObject> };
  const { __shared, ...named } = generated.schemas;
  const defs = (__shared?.$defs ?? {}) as Record<string, Json>;
  const sharedRef = (k: string): string => `${REF}__shared#/$defs/${k}`;
  // A definition's shape, its references to itself written as SELF: equal shapes are one type.
  const shape = (k: string, def: Json): string =>
    JSON.stringify(def)
      .split(`"${sharedRef(k)}"`)
      .join('"SELF"');
  const rename = new Map<string, string>();
  const result: JsonObject = {};
  const pending: [string, Json][] = [];
  for (const [k, def] of Object.entries(defs)) {
    const key = shape(k, def);
    let name = hoisted.get(key);
    if (name === undefined) {
      name = `JsonValue${hoisted.size === 0 ? '' : hoisted.size + 1}`;
      hoisted.set(key, name);
      pending.push([name, def]);
    }
    rename.set(sharedRef(k), `${REF}${name}`);
  }
  const fix = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(fix);
    if (v === null || typeof v !== 'object') return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$schema' || k === '$id') continue;
      out[k] = k === '$ref' && typeof x === 'string' ? (rename.get(x) ?? x) : fix(x);
    }
    return out;
  };
  for (const [id, schema] of Object.entries(named)) result[id] = fix(schema);
  for (const [name, def] of pending) result[name] = fix(def);
  return result;
}
