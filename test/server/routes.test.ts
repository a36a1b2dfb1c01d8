/**
 * Every route and every status code of the endpoint, on a real server (127.0.0.1, port 0):
 * the bodies match the schemas the OpenAPI document is generated from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionSchema } from '../../src/authoring/index.js';
import { createDecider } from '../../src/index.js';
import { BatchResponseSchema, ErrorBodySchema, HealthSchema } from '../../src/server/index.js';
import {
  CONTEXT,
  CONTEXT_TEXT,
  DEFAULT_RULES,
  metric,
  post,
  raw,
  request,
  type Started,
  startServer,
} from './helpers.js';

const decider = createDecider(JSON.parse(DEFAULT_RULES));
const expected = decider.decideUnknown(CONTEXT);

let s: Started;
beforeAll(async () => {
  s = await startServer({
    log: true,
    limits: {
      maxBodyBytes: 4096,
      maxBatchBodyBytes: 64 * 1024,
      maxBatchSize: 5,
      maxHeaderBytes: 2048,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      timeoutCheckIntervalMs: 50,
    },
  });
});
afterAll(() => s.stop());

function errorCode(json: unknown): string {
  return ErrorBodySchema.parse(json).error.code;
}

describe('POST /v1/decide', () => {
  it('200 with the decision the library gives', async () => {
    const r = await post(`${s.url}/v1/decide`, CONTEXT_TEXT);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.json).toStrictEqual(JSON.parse(JSON.stringify(expected)));
    expect(DecisionSchema.safeParse(r.json).success).toBe(true);
  });

  it('?explain=1 adds the trace; explain=0 leaves it out', async () => {
    const on = await post(`${s.url}/v1/decide?explain=1`, CONTEXT_TEXT);
    expect(on.status).toBe(200);
    expect(on.json).toStrictEqual(
      JSON.parse(JSON.stringify(decider.decideUnknown(CONTEXT, { explain: true }))),
    );
    expect((on.json as { trace: unknown[] }).trace.length).toBeGreaterThan(0);
    const off = await post(`${s.url}/v1/decide?explain=0`, CONTEXT_TEXT);
    expect(off.json).not.toHaveProperty('trace');
  });

  it('422 with the invalid-context decision and its issues', async () => {
    const r = await post(`${s.url}/v1/decide`, JSON.stringify({ ...CONTEXT, now: 'yesterday' }));
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ action: 'wait', reason: 'invalid-context', retryAt: null });
    expect((r.json as { issues: { path: unknown[] }[] }).issues[0]?.path).toStrictEqual(['now']);
    // Not an object at all: still a decision, still 422.
    const arr = await post(`${s.url}/v1/decide`, '[1,2]');
    expect(arr.status).toBe(422);
    expect(arr.json).toMatchObject({ reason: 'invalid-context' });
  });

  it('400 for malformed JSON, an empty body, invalid UTF-8, a bad explain value', async () => {
    for (const body of ['{"now":', '']) {
      const r = await post(`${s.url}/v1/decide`, body);
      expect(r.status, body).toBe(400);
      expect(errorCode(r.json)).toBe('invalid-json');
    }
    const bytes = await raw(s.url, [
      'POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 3\r\nconnection: close\r\n\r\n',
      Uint8Array.from([0x22, 0xff, 0x22]),
    ]);
    expect(bytes).toMatch(/^HTTP\/1.1 400/);
    expect(bytes).toContain('the body is not valid UTF-8');
    const q = await post(`${s.url}/v1/decide?explain=maybe`, CONTEXT_TEXT);
    expect(q.status).toBe(400);
    expect(errorCode(q.json)).toBe('invalid-query');
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ ...CONTEXT, pad: 'x'.repeat(5000) });
    const declared = await post(`${s.url}/v1/decide`, big);
    expect(declared.status).toBe(413);
    expect(errorCode(declared.json)).toBe('body-too-large');
    expect(declared.headers.get('connection')).toBe('close');
    const chunked = await raw(s.url, [
      'POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
      `1388\r\n${'x'.repeat(5000)}\r\n`,
      '0\r\n\r\n',
    ]);
    expect(chunked).toMatch(/^HTTP\/1.1 413/);
    expect(chunked).toContain('"code":"body-too-large"');
  });

  it('415 without application/json, with another charset, or compressed', async () => {
    const cases: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ];
    for (const headers of cases) {
      const r = await request(`${s.url}/v1/decide`, { method: 'POST', body: CONTEXT_TEXT, headers });
      expect(r.status, JSON.stringify(headers)).toBe(415);
      expect(errorCode(r.json)).toBe('unsupported-media-type');
    }
    const missing = await raw(s.url, [
      `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-length: ${CONTEXT_TEXT.length}\r\nconnection: close\r\n\r\n${CONTEXT_TEXT}`,
    ]);
    expect(missing).toMatch(/^HTTP\/1.1 415/);
    const ok = await post(`${s.url}/v1/decide`, CONTEXT_TEXT, {
      'content-type': 'Application/JSON; charset="UTF-8"',
    });
    expect(ok.status).toBe(200);
  });

  it('405 with Allow for another method; 404 for another path', async () => {
    const r = await request(`${s.url}/v1/decide`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(errorCode(r.json)).toBe('method-not-allowed');
    const h = await request(`${s.url}/healthz`, { method: 'POST', body: '{}' });
    expect(h.status).toBe(405);
    expect(h.headers.get('allow')).toBe('GET, HEAD');
    for (const path of ['/', '/v1/decide/', '/v2/decide', '/healthz/x']) {
      const n = await request(`${s.url}${path}`);
      expect(n.status, path).toBe(404);
      expect(errorCode(n.json)).toBe('not-found');
    }
  });
});

describe('POST /v1/decide/batch', () => {
  it('200 with one decision per context in order; an invalid context fills its own slot', async () => {
    const contexts = [CONTEXT, { now: 'x' }, 7, { ...CONTEXT, permission: 'granted' }];
    const r = await post(`${s.url}/v1/decide/batch`, JSON.stringify({ contexts }));
    expect(r.status).toBe(200);
    const body = BatchResponseSchema.parse(r.json);
    expect(body.decisions).toStrictEqual(
      JSON.parse(JSON.stringify(contexts.map((c) => decider.decideUnknown(c)))),
    );
    expect(body.decisions.map((d) => d.reason)).toStrictEqual([
      expected.reason,
      'invalid-context',
      'invalid-context',
      'already-granted',
    ]);
    const explained = await post(
      `${s.url}/v1/decide/batch?explain=1`,
      JSON.stringify({ contexts: [CONTEXT] }),
    );
    expect((explained.json as { decisions: { trace?: unknown }[] }).decisions[0]?.trace).toBeDefined();
    const empty = await post(`${s.url}/v1/decide/batch`, '{"contexts":[]}');
    expect(empty.json).toStrictEqual({ decisions: [] });
  });

  it('413 past the batch size or the batch body limit; 422 for another shape; 400 for bad JSON', async () => {
    const six = await post(`${s.url}/v1/decide/batch`, JSON.stringify({ contexts: Array(6).fill(CONTEXT) }));
    expect(six.status).toBe(413);
    expect(errorCode(six.json)).toBe('batch-too-large');
    expect(ErrorBodySchema.parse(six.json).error.message).toContain('more than the limit of 5');
    const huge = await post(
      `${s.url}/v1/decide/batch`,
      JSON.stringify({ contexts: [{ pad: 'x'.repeat(70_000) }] }),
    );
    expect(huge.status).toBe(413);
    expect(errorCode(huge.json)).toBe('body-too-large');
    for (const body of ['[]', '{"context":[]}', '{"contexts":{}}', 'null']) {
      const r = await post(`${s.url}/v1/decide/batch`, body);
      expect(r.status, body).toBe(422);
      expect(errorCode(r.json)).toBe('invalid-batch');
    }
    expect((await post(`${s.url}/v1/decide/batch`, '{')).status).toBe(400);
  });
});

describe('GET /healthz, /metrics, /openapi.json', () => {
  it('healthz: ok, the rule set serving, no reload error, the log healthy', async () => {
    const r = await request(`${s.url}/healthz`);
    expect(r.status).toBe(200);
    const h = HealthSchema.parse(r.json);
    expect(h).toMatchObject({ status: 'ok', ruleSet: decider.ruleSet.id, lastReloadError: null });
    expect(h.log).toMatchObject({ status: 'ok', target: s.logFile, writeErrors: 0 });
    const head = await request(`${s.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('metrics: Prometheus text with decisions, requests, latency, reloads, log and in-flight series', async () => {
    await post(`${s.url}/v1/decide`, CONTEXT_TEXT);
    const r = await request(`${s.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const t = r.text;
    const series = `push_prompt_decisions_total{action="${expected.action}",reason="${expected.reason}"}`;
    expect(metric(t, series)).toBeGreaterThanOrEqual(1);
    expect(metric(t, 'push_prompt_requests_total{route="decide",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(metric(t, 'push_prompt_request_duration_seconds_count{route="decide"}')).toBeGreaterThanOrEqual(1);
    expect(metric(t, 'push_prompt_request_duration_seconds_bucket{route="decide",le="+Inf"}')).toBe(
      metric(t, 'push_prompt_request_duration_seconds_count{route="decide"}'),
    );
    expect(metric(t, 'push_prompt_rule_set_reloads_total{result="error"}')).toBe(0);
    expect(metric(t, `push_prompt_rule_set_info{rule_set="${decider.ruleSet.id}"}`)).toBe(1);
    expect(metric(t, 'push_prompt_requests_in_flight')).toBe(1); // this scrape
    for (const name of ['written_total', 'dropped_total{reason="write-error"}', 'unloggable_total']) {
      expect(metric(t, `push_prompt_log_records_${name}`), name).toBeDefined();
    }
    expect(t).toMatch(/^# TYPE push_prompt_request_duration_seconds histogram$/m);
  });

  it('openapi.json: the OpenAPI 3.1 document', async () => {
    const r = await request(`${s.url}/openapi.json`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ openapi: '3.1.0', paths: { '/v1/decide': {}, '/v1/decide/batch': {} } });
  });
});

describe('limits enforced by the HTTP server', () => {
  it('408 when the headers or the body do not arrive in time (slow clients)', async () => {
    const t0 = performance.now();
    const headers = await raw(s.url, ['POST /v1/decide HTTP/1.1\r\nhost: x\r\n'], 0, 3000);
    expect(headers).toMatch(/^HTTP\/1.1 408/);
    expect(headers).toContain('"code":"request-timeout"');
    const body = await raw(
      s.url,
      [
        'POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{',
      ],
      0,
      3000,
    );
    expect(body).toMatch(/^HTTP\/1.1 408/);
    expect(performance.now() - t0).toBeLessThan(2900);
  });

  it('a connection that sends nothing gets 408 and is closed after the header timeout', async () => {
    const t0 = performance.now();
    expect(await raw(s.url, [], 0, 3000)).toMatch(/^HTTP\/1.1 408/);
    expect(performance.now() - t0).toBeLessThan(2500);
  });

  it('431 for oversized headers; 400 for malformed HTTP', async () => {
    const big = await raw(s.url, [`GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(4000)}\r\n\r\n`]);
    expect(big).toMatch(/^HTTP\/1.1 431/);
    expect(big).toContain('"code":"headers-too-large"');
    const bad = await raw(s.url, ['NOT HTTP AT ALL\r\n\r\n']);
    expect(bad).toMatch(/^HTTP\/1.1 400/);
    expect(bad).toContain('"code":"bad-request"');
    const m = await request(`${s.url}/metrics`);
    expect(metric(m.text, 'push_prompt_client_errors_total{code="HPE_HEADER_OVERFLOW"}')).toBe(1);
  });

  it('one structured log line per request error', () => {
    const errors = s.events.filter((e) => e.event === 'request-error' || e.event === 'client-error');
    expect(errors.length).toBeGreaterThan(10);
    for (const e of errors) {
      expect(e.level).toBe('warn');
      expect(typeof e.code).toBe('string');
      expect(typeof e.status).toBe('number');
    }
  });
});
