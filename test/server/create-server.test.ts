/**
 * createServer for teams that mount the endpoint in their own process: the handler in an
 * existing node:http server, `close()` waiting for requests in flight and flushing the log,
 * bad options and a bad initial rule set stopping startup with a clear error.
 */
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/index.js';
import { createServer, type LogSink, resolveLimits } from '../../src/server/index.js';
import { CLOCK_MS, CONTEXT_TEXT, DEFAULT_RULES, metric, post, raw, until } from './helpers.js';

describe('createServer', () => {
  it('mounts in an existing http server; close() waits for the request in flight, then flushes', async () => {
    const lines: string[] = [];
    const sink: LogSink = {
      target: 'memory',
      write: async (chunk) => void lines.push(chunk),
      close: async () => {},
    };
    const app = createServer({ rules: { text: DEFAULT_RULES }, clock: () => CLOCK_MS, log: { sink } });
    const mine = createHttpServer((req, res) => {
      if (req.url?.startsWith('/v1/')) app.handler(req, res);
      else res.end('mine');
    });
    await new Promise<void>((r) => mine.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(mine.address() as AddressInfo).port}`;
    expect((await post(`${url}/v1/decide`, CONTEXT_TEXT)).status).toBe(200);
    // A request whose body is still arriving when close() is called.
    const head = `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${CONTEXT_TEXT.length}\r\nconnection: close\r\n\r\n`;
    const slow = raw(url, [head + CONTEXT_TEXT.slice(0, 10), CONTEXT_TEXT.slice(10)], 200);
    await new Promise((r) => setTimeout(r, 80));
    expect(app.health().inFlight).toBe(1);
    const closed = app.close();
    expect(app.health().status).toBe('shutting-down');
    const reply = await slow;
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    expect(reply.toLowerCase()).toContain('connection: close');
    await closed;
    expect(lines.join('').trim().split('\n')).toHaveLength(2);
    await new Promise<void>((r) => mine.close(() => r()));
    mine.closeAllConnections();
  });

  it('close() answers requests already sent on open connections but not yet read by the server', async () => {
    const app = createServer({ rules: { text: DEFAULT_RULES }, clock: () => CLOCK_MS });
    const { url } = await app.listen(0);
    const { port } = new URL(url);
    const sockets = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect(Number(port), '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    await until(() => metric(app.metrics(), 'push_prompt_connections') === 20);
    const replies = sockets.map((s) => {
      let text = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => {
        text += d;
      });
      return new Promise<string>((resolve) => s.once('close', () => resolve(text)));
    });
    // Written and closed in the same tick: the server has read none of these requests yet.
    for (const s of sockets) {
      s.write(
        `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${CONTEXT_TEXT.length}\r\n\r\n${CONTEXT_TEXT}`,
      );
    }
    await app.close();
    for (const reply of await Promise.all(replies)) expect(reply).toMatch(/^HTTP\/1.1 200/);
  });

  it('close() is bounded: a request that never finishes its body does not hold it past the deadline', async () => {
    const events: string[] = [];
    const app = createServer({
      rules: { text: DEFAULT_RULES },
      clock: () => CLOCK_MS,
      limits: { shutdownTimeoutMs: 300 },
      logger: (e) => events.push(e.event),
    });
    const mine = createHttpServer(app.handler);
    await new Promise<void>((r) => mine.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(mine.address() as AddressInfo).port}`;
    const head = `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${CONTEXT_TEXT.length}\r\n\r\n`;
    const stalled = raw(url, [head + CONTEXT_TEXT.slice(0, 10)], 0, 2000);
    await new Promise((r) => setTimeout(r, 80));
    const t0 = performance.now();
    await app.close();
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(events).toContain('shutdown-deadline');
    mine.closeAllConnections();
    await new Promise<void>((r) => mine.close(() => r()));
    await stalled;
  });

  it('a bad initial rule set, a missing rules file or a bad limit stops startup with a clear error', () => {
    const clock = () => CLOCK_MS;
    expect(() => createServer({ rules: { text: '{"name":"x","rules":5}' }, clock })).toThrow(RuleSetError);
    expect(() => createServer({ rules: { file: '/nonexistent/rules.json' }, clock })).toThrow(/ENOENT/);
    expect(() =>
      createServer({ rules: { text: DEFAULT_RULES }, clock, limits: { maxBatchSize: 0 } }),
    ).toThrow('limits.maxBatchSize must be a positive integer (got 0)');
  });
});

describe('resolveLimits', () => {
  it('applies overrides and refuses unknown names, non-integers and a header timeout over the request timeout', () => {
    expect(resolveLimits({ maxBatchSize: 10 }).maxBatchSize).toBe(10);
    expect(() => resolveLimits({ maxBodyBytes: 1.5 })).toThrow(
      'limits.maxBodyBytes must be a positive integer',
    );
    expect(() => resolveLimits({ nope: 1 } as never)).toThrow('limits.nope is not a known limit');
    expect(() => resolveLimits({ headersTimeoutMs: 20_000, requestTimeoutMs: 10_000 })).toThrow(
      'limits.headersTimeoutMs (20000) must not exceed limits.requestTimeoutMs (10000)',
    );
  });
});
