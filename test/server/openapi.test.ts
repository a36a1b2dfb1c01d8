/**
 * The OpenAPI 3.1 document: valid against the OpenAPI 3.1 schema, every reference
 * resolves, generated from the same zod schemas, and docs/openapi.json is the generated
 * document (regenerate with `npm run openapi`).
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, openApiDocument } from '../../src/server/index.js';
import { cli } from '../cli/helpers.js';

const generated = openApiDocument();

describe('OpenAPI document', () => {
  it('docs/openapi.json is fresh (run `npm run openapi` after changing a schema or a limit)', () => {
    const committed = readFileSync('docs/openapi.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(generated, null, 2)}\n`);
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(generated));
    expect(result.errors ?? []).toStrictEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The check can fail: the same document with a parameter in a place OpenAPI does not know is refused.
    const broken = structuredClone(generated) as {
      paths: { '/v1/decide': { post: { parameters: { in: string }[] } } };
    };
    (broken.paths['/v1/decide'].post.parameters[0] as { in: string }).in = 'body';
    expect((await new Validator().validate(broken)).valid).toBe(false);
    const refs = JSON.stringify(generated).match(/"\$ref":"[^"]+"/g) ?? [];
    const schemas = (generated.components as { schemas: Record<string, unknown> }).schemas;
    for (const ref of new Set(refs)) {
      const name = /#\/components\/schemas\/([^"]+)"$/.exec(ref)?.[1];
      expect(name !== undefined && name in schemas, ref).toBe(true);
    }
  });

  it('states the limits in force; `serve --openapi` prints it with the flags applied', async () => {
    const batch = (doc: unknown) =>
      (
        doc as {
          components: { schemas: { BatchRequest: { properties: { contexts: { maxItems: number } } } } };
        }
      ).components.schemas.BatchRequest.properties.contexts.maxItems;
    expect(batch(generated)).toBe(DEFAULT_SERVER_LIMITS.maxBatchSize);
    const r = await cli(['serve', '--openapi', '--max-batch', '100']);
    expect(r.code).toBe(0);
    expect(batch(JSON.parse(r.out))).toBe(100);
  });
});
