/**
 * The decision log: section 10 records for every decision (the context as sent, the
 * decision without its trace, the rule set's name@hash, the injected clock's time), written
 * in buffered chunks; a full disk or a missing directory shows on /healthz and in the
 * metrics while decisions keep being answered, and every record not written is counted.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createDecider } from '../../src/index.js';
import { DecisionLog, fileSink, HealthSchema, type LogEvent, type LogSink } from '../../src/server/index.js';
import {
  CLOCK_ISO,
  CLOCK_MS,
  CONTEXT,
  CONTEXT_TEXT,
  DEFAULT_RULES,
  metric,
  post,
  readRecords,
  request,
  type Started,
  startServer,
  until,
} from './helpers.js';

const decider = createDecider(JSON.parse(DEFAULT_RULES));
let s: Started | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('decision records through the server', () => {
  it('one record per decision, single and batch, explained or not; non-object contexts counted', async () => {
    s = await startServer({ log: true });
    const invalid = { ...CONTEXT, sessions: { count: 0 } };
    const other = { ...CONTEXT, userId: 'u-9', permission: 'denied' };
    await post(`${s.url}/v1/decide`, CONTEXT_TEXT);
    await post(`${s.url}/v1/decide?explain=1`, CONTEXT_TEXT);
    await post(`${s.url}/v1/decide`, JSON.stringify(invalid));
    await post(`${s.url}/v1/decide`, '"just a string"');
    await post(`${s.url}/v1/decide/batch`, JSON.stringify({ contexts: [other, null, CONTEXT] }));
    await s.app.close(); // flushes
    const records = readRecords(s.logFile);
    const sent: Record<string, unknown>[] = [CONTEXT, CONTEXT, invalid, other, CONTEXT];
    expect(records).toStrictEqual(
      sent.map((context) => ({
        type: 'decision',
        at: CLOCK_ISO,
        ...(typeof context.userId === 'string' && { userId: context.userId }),
        ruleSet: decider.ruleSet.id,
        context,
        decision: JSON.parse(JSON.stringify(decider.decideUnknown(context))),
      })),
    );
    expect(records[1]?.type === 'decision' && 'trace' in records[1].decision).toBe(false);
    const m = s.app.metrics();
    expect(metric(m, 'push_prompt_log_records_unloggable_total')).toBe(2);
    expect(metric(m, 'push_prompt_log_records_written_total')).toBe(5);
  });
});

describe('rotation', () => {
  it('reopenLog after a rename: what was buffered goes to the old file, new records to a new one', async () => {
    s = await startServer({ log: true });
    const app = s.app;
    const send = (userId: string) => post(`${s?.url}/v1/decide`, JSON.stringify({ ...CONTEXT, userId }));
    await send('first');
    await until(() => app.health().log?.written === 1); // the file is open now
    await send('buffered');
    renameSync(s.logFile, `${s.logFile}.1`);
    await app.reopenLog();
    await send('after-rotation');
    await app.close();
    expect(readRecords(`${s.logFile}.1`).map((r) => r.userId)).toStrictEqual(['first', 'buffered']);
    expect(readRecords(s.logFile).map((r) => r.userId)).toStrictEqual(['after-rotation']);
  });
});

describe('write failures: decisions keep being answered, drops are counted and reported', () => {
  it('a full disk (/dev/full, ENOSPC)', async () => {
    s = await startServer({ log: fileSink('/dev/full') });
    for (let i = 0; i < 3; i++) expect((await post(`${s.url}/v1/decide`, CONTEXT_TEXT)).status).toBe(200);
    const url = s.url;
    await until(
      async () => HealthSchema.parse((await request(`${url}/healthz`)).json).log?.status === 'failing',
    );
    const h = HealthSchema.parse((await request(`${url}/healthz`)).json);
    expect(h.status).toBe('degraded');
    expect(h.log?.lastError?.message).toMatch(/ENOSPC/);
    expect(h.log?.dropped['write-error']).toBe(3);
    expect((await post(`${url}/v1/decide`, CONTEXT_TEXT)).status).toBe(200);
    const m = (await request(`${url}/metrics`)).text;
    expect(metric(m, 'push_prompt_log_failing')).toBe(1);
    expect(metric(m, 'push_prompt_log_write_errors_total')).toBeGreaterThanOrEqual(1);
    expect(metric(m, 'push_prompt_log_records_dropped_total{reason="write-error"}')).toBeGreaterThanOrEqual(
      3,
    );
    const failed = s.events.filter((e) => e.event === 'log-write-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', target: '/dev/full' });
  });

  it('a missing directory (ENOENT) heals once the directory exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-log-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'not-yet', 'decisions.jsonl');
    s = await startServer({ log: fileSink(file) });
    const url = s.url;
    await post(`${url}/v1/decide`, CONTEXT_TEXT);
    await until(
      async () => HealthSchema.parse((await request(`${url}/healthz`)).json).log?.status === 'failing',
    );
    expect(HealthSchema.parse((await request(`${url}/healthz`)).json).log?.lastError?.message).toMatch(
      /ENOENT/,
    );
    mkdirSync(join(dir, 'not-yet'), { recursive: true });
    await post(`${url}/v1/decide`, CONTEXT_TEXT);
    await until(async () => HealthSchema.parse((await request(`${url}/healthz`)).json).log?.status === 'ok');
    const h = HealthSchema.parse((await request(`${url}/healthz`)).json);
    expect(h.log).toMatchObject({ written: 1, dropped: { 'write-error': 1 } });
    expect(s.events.map((e) => e.event)).toContain('log-write-recovered');
    expect(readRecords(file)).toHaveLength(1);
  });
});

/** A sink that records chunks; `hold()` makes writes wait until `release()`. */
function memorySink(fail: (chunk: string) => boolean = () => false) {
  const chunks: string[] = [];
  let gate: Promise<void> | null = null;
  let open: () => void = () => {};
  const sink: LogSink & { chunks: string[]; hold(): void; release(): void } = {
    target: 'memory',
    chunks,
    async write(chunk) {
      if (gate !== null) await gate;
      if (fail(chunk)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      chunks.push(chunk);
    },
    async close() {},
    hold() {
      gate = new Promise((r) => {
        open = r;
      });
    },
    release() {
      gate = null;
      open();
    },
  };
  return sink;
}

function writer(sink: LogSink, options: ConstructorParameters<typeof DecisionLog>[1]) {
  const events: LogEvent[] = [];
  const log = new DecisionLog(sink, options, { clock: () => CLOCK_MS, logger: (e) => events.push(e) });
  return { log, events };
}

describe('DecisionLog', () => {
  it('writes when the size threshold is reached, and after the interval otherwise', async () => {
    const sink = memorySink();
    const { log } = writer(sink, { flushBytes: 30, flushIntervalMs: 50 });
    log.append('{"a":1}');
    log.append('{"a":2}');
    expect(sink.chunks).toStrictEqual([]);
    log.append(`{"pad":"${'x'.repeat(20)}"}`); // over 30 characters waiting: written now
    await until(() => sink.chunks.length === 1);
    expect(sink.chunks[0]).toBe(`{"a":1}\n{"a":2}\n{"pad":"${'x'.repeat(20)}"}\n`);
    log.append('{"a":3}');
    await until(() => sink.chunks.length === 2, 2000);
    expect(sink.chunks[1]).toBe('{"a":3}\n');
    expect(log.stats()).toMatchObject({ status: 'ok', written: 4, buffered: 0 });
  });

  it('bounds the buffer while the sink is slow: drops are counted and logged, then it catches up', async () => {
    const sink = memorySink();
    const { log, events } = writer(sink, { flushBytes: 10, maxBufferedBytes: 100 });
    sink.hold();
    log.append('{"first":1}'); // starts a write that waits
    const line = '{"n":12345}'; // 11 characters + newline
    for (let i = 0; i < 20; i++) log.append(line);
    const held = log.stats();
    expect(held.buffered).toBe(8); // 8 * 12 = 96 < 100
    expect(held.dropped['buffer-full']).toBe(12);
    expect(events.filter((e) => e.event === 'log-buffer-full')).toHaveLength(1);
    sink.release();
    await log.flush();
    log.append(line);
    await log.close();
    expect(log.stats()).toMatchObject({ written: 10, buffered: 0, dropped: { 'buffer-full': 12 } });
    expect(events.find((e) => e.event === 'log-buffer-recovered')).toMatchObject({ dropped: 12 });
    expect(sink.chunks.join('').split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('a failed chunk is dropped and counted, never retried; the next chunk starts on a new line', async () => {
    let failing = true;
    const sink = memorySink(() => failing);
    const { log, events } = writer(sink, { flushBytes: 1_000_000 });
    log.append('{"lost":1}');
    log.append('{"lost":2}');
    await log.flush();
    expect(log.stats()).toMatchObject({
      status: 'failing',
      written: 0,
      writeErrors: 1,
      dropped: { 'write-error': 2 },
      lastError: { at: CLOCK_ISO, message: 'ENOSPC: no space left on device' },
    });
    failing = false;
    log.append('{"kept":3}');
    await log.flush();
    expect(sink.chunks).toStrictEqual(['\n{"kept":3}\n']);
    expect(log.stats()).toMatchObject({ status: 'ok', written: 1 });
    expect(events.map((e) => e.event)).toStrictEqual(['log-write-failed', 'log-write-recovered']);
  });

  it('close() writes everything waiting; a record after close is counted as dropped', async () => {
    const sink = memorySink();
    const { log } = writer(sink, { flushBytes: 1_000_000, flushIntervalMs: 60_000 });
    for (let i = 0; i < 100; i++) log.append(`{"i":${i}}`);
    await log.close();
    expect(sink.chunks.join('').trimEnd().split('\n')).toHaveLength(100);
    log.append('{"late":1}');
    expect(log.stats()).toMatchObject({ written: 100, dropped: { closed: 1 } });
  });
});
