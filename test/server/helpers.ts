/**
 * Servers on 127.0.0.1, port 0, with their rules file and decision log in a fresh temporary
 * folder; requests through `fetch` or a raw socket; a fixed clock so records are exact.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogRecord, LogRecordSchema, parseLogLine } from '../../src/authoring/index.js';
import {
  createServer,
  fileSink,
  type LogEvent,
  type LogSink,
  type PushPromptServer,
  type ServerOptions,
} from '../../src/server/index.js';

/** The clock every test server reads: records carry this instant. */
export const CLOCK_MS = Date.parse('2026-12-02T10:00:00.000Z');
export const CLOCK_ISO = '2026-12-02T10:00:00.000Z';

export const DEFAULT_RULES = readFileSync('rules/default.json', 'utf8');
export const CONTEXT = JSON.parse(readFileSync('bench/fixtures/typical-context.json', 'utf8')) as Record<
  string,
  unknown
>;
export const CONTEXT_TEXT = JSON.stringify(CONTEXT);

/** The default rules with one rule's variant changed: a different rule set (another hash). */
export function variantRules(variant: string): string {
  const json = JSON.parse(DEFAULT_RULES);
  for (const rule of json.rules) if (rule.id === 'content-consumed') rule.event.params = { variant };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export interface Started {
  readonly app: PushPromptServer;
  readonly url: string;
  readonly dir: string;
  readonly rulesFile: string;
  readonly logFile: string;
  /** Every structured event the server logged. */
  readonly events: LogEvent[];
  stop(): Promise<void>;
}

/** Starts a server; `log: true` writes to `<dir>/decisions.jsonl`, a sink writes there. */
export async function startServer(
  opts: {
    rules?: string;
    log?: boolean | LogSink;
    limits?: ServerOptions['limits'];
    watch?: boolean;
    pollIntervalMs?: number;
    debounceMs?: number;
  } = {},
): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-server-'));
  const rulesFile = join(dir, 'rules.json');
  const logFile = join(dir, 'decisions.jsonl');
  writeFileSync(rulesFile, opts.rules ?? DEFAULT_RULES);
  const events: LogEvent[] = [];
  const sink =
    opts.log === true ? fileSink(logFile) : opts.log === false || opts.log === undefined ? null : opts.log;
  const app = createServer({
    rules: {
      file: rulesFile,
      watch: opts.watch ?? false,
      pollIntervalMs: opts.pollIntervalMs ?? 200,
      debounceMs: opts.debounceMs ?? 30,
    },
    clock: () => CLOCK_MS,
    logger: (e) => events.push(e),
    ...(opts.limits !== undefined && { limits: opts.limits }),
    ...(sink !== null && { log: { sink } }),
  });
  const { url } = await app.listen(0, '127.0.0.1');
  return {
    app,
    url,
    dir,
    rulesFile,
    logFile,
    events,
    stop: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** One request through fetch. */
export async function request(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const r = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined && { body: init.body }),
    headers: init.headers ?? {},
  });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** POST a JSON body (content type set unless `headers` says otherwise). */
export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * Writes `parts` to a raw TCP connection (waiting `gapMs` between them) and resolves with
 * everything received until the server closes it, or after `timeoutMs`.
 */
export function raw(
  url: string,
  parts: readonly (string | Uint8Array)[],
  gapMs = 0,
  timeoutMs = 5000,
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      received += d;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      if (received !== '') resolve(received);
      else reject(e);
    });
    socket.on('connect', async () => {
      for (const [i, p] of parts.entries()) {
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (socket.destroyed) return;
        socket.write(p);
      }
    });
  });
}

/**
 * The log file's records, read the way `push-prompt report` and replay read logs
 * (`parseLogLine`); a line they would skip fails the test.
 */
export function readRecords(file: string): LogRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const line = parseLogLine(text, i + 1, file);
      if (line === null) return [];
      if (!line.ok) throw new Error(`${file}:${line.line}: ${line.message}`);
      // The reader's record, checked once more against the schema the records are written to.
      return [LogRecordSchema.parse(JSON.parse(text))];
    });
}

/** Waits until `check` is true (polling every 20 ms), failing after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The value of one metric series in a Prometheus text, or undefined. */
export function metric(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
