/**
 * Graceful shutdown of a real `push-prompt serve` process: on SIGTERM it stops accepting
 * connections, answers every request already in flight (bodies still arriving), closes idle
 * keep-alive connections, writes every decision to the log, and exits 0. SIGINT the same.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTEXT, DEFAULT_RULES, post, readRecords, until } from './helpers.js';

interface Child {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly dir: string;
  readonly logFile: string;
  /** Parsed stderr lines so far. */
  readonly events: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
}

let child: Child | undefined;
afterEach(() => {
  if (child !== undefined && child.proc.exitCode === null) child.proc.kill('SIGKILL');
  if (child !== undefined) rmSync(child.dir, { recursive: true, force: true });
  child = undefined;
});

async function serve(): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-serve-'));
  const rules = join(dir, 'rules.json');
  const logFile = join(dir, 'decisions.jsonl');
  writeFileSync(rules, DEFAULT_RULES);
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--rules', rules, '--port', '0', '--log', logFile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const events: Record<string, unknown>[] = [];
  let buffered = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (d: string) => {
    buffered += d;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      events.push(JSON.parse(buffered.slice(0, nl)));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await until(() => events.some((e) => e.event === 'listening') || proc.exitCode !== null, 20_000);
  const listening = events.find((e) => e.event === 'listening');
  if (listening === undefined) throw new Error(`serve did not start: ${JSON.stringify(events)}`);
  child = { proc, url: String(listening.url), dir, logFile, events, exited };
  return child;
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname, () => resolve(s));
    s.once('error', reject);
  });
}

/** Everything the server sends on `s` until it closes the connection. */
function received(s: Socket): Promise<string> {
  let text = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => {
    text += d;
  });
  return new Promise((resolve) => s.once('close', () => resolve(text)));
}

describe('push-prompt serve: graceful shutdown', () => {
  it('SIGTERM with requests in flight: all answered, all logged, idle connections closed, exit 0', async () => {
    const c = await serve();
    // Decisions before the signal.
    for (let i = 0; i < 5; i++) {
      expect(
        (await post(`${c.url}/v1/decide`, JSON.stringify({ ...CONTEXT, userId: `before-${i}` }))).status,
      ).toBe(200);
    }
    // Requests in flight: headers and half the body sent, the rest after the signal.
    const inFlight = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const body = JSON.stringify({ ...CONTEXT, userId: `in-flight-${i}` });
        const s = await open(c.url);
        const reply = received(s);
        const half = body.length >> 1;
        s.write(
          `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
        );
        return { s, reply, rest: body.slice(half) };
      }),
    );
    // An idle keep-alive connection (one request answered) and one still sending its headers.
    const idle = await open(c.url);
    const idleReply = received(idle);
    idle.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n');
    const partial = await open(c.url);
    const partialReply = received(partial);
    partial.write('POST /v1/decide HTTP/1.1\r\nhost: x\r\n');
    await until(() => c.events.filter((e) => e.level === 'info').length >= 1);
    await new Promise((r) => setTimeout(r, 200)); // let the server see all 20 requests

    c.proc.kill('SIGTERM');
    await until(() => c.events.some((e) => e.event === 'shutdown'));
    // Stopped accepting: a new connection is refused.
    await expect(open(c.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Idle and half-sent-header connections are closed without waiting for their timeouts.
    expect(await idleReply).toMatch(/^HTTP\/1.1 200/);
    expect(await partialReply).toBe('');
    // Bodies finish arriving after the signal: every request is answered.
    for (const r of inFlight) r.s.write(r.rest);
    const replies = await Promise.all(inFlight.map((r) => r.reply));
    for (const [i, reply] of replies.entries()) {
      expect(reply, `request ${i}`).toMatch(/^HTTP\/1.1 200/);
      expect(reply.toLowerCase()).toContain('connection: close');
    }
    expect(await c.exited).toBe(0);

    const users = readRecords(c.logFile).map((r) => r.userId);
    expect(users).toHaveLength(25);
    expect(new Set(users)).toStrictEqual(
      new Set([
        ...Array.from({ length: 5 }, (_, i) => `before-${i}`),
        ...inFlight.map((_, i) => `in-flight-${i}`),
      ]),
    );
    const stopped = c.events.find((e) => e.event === 'stopped');
    expect(stopped).toMatchObject({
      written: 25,
      dropped: { 'write-error': 0, 'buffer-full': 0, closed: 0 },
    });
  });

  it('SIGHUP reopens the log: rotation by rename loses nothing', async () => {
    const c = await serve();
    const send = (userId: string) => post(`${c.url}/v1/decide`, JSON.stringify({ ...CONTEXT, userId }));
    await send('before');
    await until(() => existsSync(c.logFile) && readRecords(c.logFile).length === 1); // written: the file is open
    renameSync(c.logFile, `${c.logFile}.1`);
    c.proc.kill('SIGHUP');
    await until(() => c.events.some((e) => e.event === 'log-reopened'));
    await send('after');
    c.proc.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    expect(readRecords(`${c.logFile}.1`).map((r) => r.userId)).toStrictEqual(['before']);
    expect(readRecords(c.logFile).map((r) => r.userId)).toStrictEqual(['after']);
  });

  it('SIGINT: the same drain, exit 0', async () => {
    const c = await serve();
    expect((await post(`${c.url}/v1/decide`, JSON.stringify(CONTEXT))).status).toBe(200);
    c.proc.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(readRecords(c.logFile)).toHaveLength(1);
    expect(c.events.find((e) => e.event === 'shutdown')).toMatchObject({ signal: 'SIGINT' });
  });
});
