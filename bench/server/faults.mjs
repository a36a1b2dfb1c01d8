/**
 * Faults during load. Each runs a fresh `push-prompt serve` with a decision log, drives
 * decisions at it with autocannon while the fault happens, stops it with SIGTERM and
 * checks: no 5xx, the server exits 0, and the log holds exactly one record per decision
 * the client received (nothing accepted is lost, nothing is logged twice).
 */

import { execFile } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { CONTEXT_BODY, cannon, summarize } from './load.mjs';
import { readLog, startProcess } from './processes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const RULE_SET = /"ruleSet":"([^"]+)"/;

async function health(url) {
  return (await fetch(`${url}/healthz`)).json();
}

/** A fresh folder with the rules file (the default rule set) and the log path. */
function setup(root, name, rulesText) {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, rulesText);
  return { dir, rules, log: join(dir, 'decisions.jsonl') };
}

/** The checks every fault shares, after the server stopped. */
function verdict(load, stopped, log, extra = {}) {
  const ok2xx = load.statusCodes['200'] ?? 0;
  return {
    load,
    exitCode: stopped.code,
    drainMs: Math.round(stopped.drainMs),
    logRecords: log.records,
    badLogLines: log.bad,
    clientDecisions: ok2xx,
    lostRecords: ok2xx - log.records,
    ...extra,
    pass:
      load.fivexx === 0 &&
      stopped.code === 0 &&
      log.bad === 0 &&
      log.records === ok2xx &&
      Object.values(extra).every((v) => !(v && typeof v === 'object' && v.pass === false)),
  };
}

/**
 * Load while `during()` runs the fault, then SIGTERM under load: the server drains, the
 * client keeps reading until the server has exited, so every response the server sent is
 * counted by the client (an autocannon run that ends on its own drops the responses still
 * in flight, which would read as records without a client).
 */
async function underLoad(server, opts, during) {
  const run = cannon({ duration: 600, ...opts });
  const extra = await during();
  const stopped = await server.stop();
  await sleep(300);
  run.stop();
  return { load: summarize(await run.done), stopped, extra };
}

/** Rules file replaced by an invalid one, then by a valid different one. */
export async function reloadFault({ cli, root, seconds, defaultRules, variantRules }) {
  const f = setup(root, 'fault-reload', defaultRules);
  const server = await startProcess('serve', { cli, args: ['--rules', f.rules, '--log', f.log] });
  // Each connection sends its next request only after the previous response: its own
  // sequence of rule sets is in decision order. (Across connections the client may read a
  // response decided before the swap after one decided after it.)
  const ids = [];
  let connectionsThatChanged = 0;
  let connectionsThatChangedBack = 0;
  const setupClient = (client) => {
    let last;
    let changed = false;
    client.on('body', (body) => {
      const id = RULE_SET.exec(body.toString('utf8'))?.[1] ?? 'no rule set';
      if (!ids.includes(id)) ids.push(id);
      if (last !== undefined && id !== last) {
        if (changed) connectionsThatChangedBack++;
        else connectionsThatChanged++;
        changed = true;
      }
      last = id;
    });
  };
  const { load, stopped, extra } = await underLoad(
    server,
    { url: `${server.url}/v1/decide`, body: CONTEXT_BODY, connections: 32, setupClient },
    async () => {
      await sleep(seconds * 250);
      writeFileSync(f.rules, '{ "name": "default", "rules": [ { "id": '); // in place, half written
      await sleep(seconds * 150);
      const during = await health(server.url);
      await sleep(seconds * 100);
      writeFileSync(`${f.rules}.new`, variantRules);
      renameSync(`${f.rules}.new`, f.rules); // the way deploy tools replace a file
      await sleep(seconds * 500);
      return { during, after: await health(server.url) };
    },
  );
  const { during, after } = extra;
  const log = await readLog(f.log);
  return verdict(load, stopped, log, {
    whileInvalid: { status: during.status, ruleSet: during.ruleSet, lastReloadError: during.lastReloadError },
    after: { status: after.status, ruleSet: after.ruleSet, lastReloadError: after.lastReloadError },
    responseRuleSets: ids,
    hashChangesInResponses: {
      connectionsThatChanged,
      connectionsThatChangedBack,
      pass: ids.length === 2 && connectionsThatChanged > 0 && connectionsThatChangedBack === 0,
    },
    hashChangesInLog: { count: log.ruleSetChanges, pass: log.ruleSetChanges === 1 },
    reloadErrorShown: {
      pass:
        during.lastReloadError !== null && during.ruleSet !== after.ruleSet && after.lastReloadError === null,
    },
  });
}

/** Rules file deleted during load, then restored. */
export async function deleteFault({ cli, root, seconds, defaultRules }) {
  const f = setup(root, 'fault-delete', defaultRules);
  const server = await startProcess('serve', { cli, args: ['--rules', f.rules, '--log', f.log] });
  const { load, stopped, extra } = await underLoad(
    server,
    { url: `${server.url}/v1/decide`, body: CONTEXT_BODY, connections: 32 },
    async () => {
      await sleep(seconds * 250);
      rmSync(f.rules);
      await sleep(seconds * 250);
      const during = await health(server.url);
      writeFileSync(f.rules, defaultRules);
      await sleep(seconds * 500);
      return { during, after: await health(server.url) };
    },
  );
  const { during, after } = extra;
  const log = await readLog(f.log);
  return verdict(load, stopped, log, {
    whileDeleted: { status: during.status, ruleSet: during.ruleSet, lastReloadError: during.lastReloadError },
    after: { status: after.status, lastReloadError: after.lastReloadError },
    hashChangesInLog: { count: log.ruleSetChanges, pass: log.ruleSetChanges === 0 },
    errorShown: { pass: during.lastReloadError?.message?.includes('ENOENT') === true },
    recovered: { pass: after.status === 'ok' && after.lastReloadError === null },
  });
}

/**
 * SIGTERM in the middle of the load (64 connections), with 50 more requests whose bodies
 * are half sent when the signal arrives and finished 300 ms after it.
 */
export async function sigtermFault({ cli, root, seconds, defaultRules }) {
  const f = setup(root, 'fault-sigterm', defaultRules);
  const server = await startProcess('serve', { cli, args: ['--rules', f.rules, '--log', f.log] });
  let slow = [];
  const { load, stopped } = await underLoad(
    server,
    { url: `${server.url}/v1/decide`, body: CONTEXT_BODY, connections: 64 },
    async () => {
      await sleep(seconds * 500);
      slow = await Promise.all(Array.from({ length: 50 }, () => halfSent(server.url, 300)));
      // Signal once the server has accepted all 50 and is reading their bodies (a connection
      // still in the kernel's accept queue when the listener closes was never accepted).
      const t0 = performance.now();
      while (performance.now() - t0 < 5000) {
        const m = await (await fetch(`${server.url}/metrics`)).text();
        if (Number(/^push_prompt_requests_in_flight (\d+)$/m.exec(m)?.[1]) >= 51) break; // 50 + this scrape
        await sleep(20);
      }
    },
  );
  const replies = await Promise.all(slow.map((r) => r.reply));
  const slowAnswered = replies.filter((r) => r.startsWith('HTTP/1.1 200')).length;
  const log = await readLog(f.log);
  const shutdown = server.events.find((e) => e.event === 'shutdown');
  const end = server.events.find((e) => e.event === 'stopped');
  const v = verdict(
    { ...load, statusCodes: { ...load.statusCodes, 200: (load.statusCodes['200'] ?? 0) + slowAnswered } },
    stopped,
    log,
    {
      inFlightAtSignal: shutdown?.inFlight ?? null,
      halfSentAtSignal: { sent: slow.length, answered200: slowAnswered, pass: slowAnswered === slow.length },
      serverSaysWritten: end?.written ?? null,
      refusedAfterShutdown: load.errors,
    },
  );
  return v;
}

/**
 * A request with half its body sent now and the rest after `restMs`; resolves once
 * connected with `{ reply }`, a promise of everything the server sends back before it closes the connection.
 */
function halfSent(url, restMs) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (d) => {
      text += d;
    });
    s.on('error', () => {});
    const reply = new Promise((r) => s.once('close', () => r(text)));
    s.once('connect', () => {
      const half = CONTEXT_BODY.length >> 1;
      s.write(
        `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${CONTEXT_BODY.length}\r\n\r\n${CONTEXT_BODY.slice(0, half)}`,
      );
      setTimeout(() => s.write(CONTEXT_BODY.slice(half)), restMs);
      resolve({ reply }); // wrapped: a promise resolved with a promise would wait for it
    });
  });
}

/** Malformed JSON, oversized bodies and slowloris clients beside good traffic. */
export async function badClientsFault({ cli, root, seconds, defaultRules }) {
  const f = setup(root, 'fault-bad-clients', defaultRules);
  const server = await startProcess('serve', {
    cli,
    args: [
      '--rules',
      f.rules,
      '--log',
      f.log,
      '--headers-timeout-ms',
      '2000',
      '--request-timeout-ms',
      '4000',
    ],
  });
  const { load, stopped, extra } = await underLoad(
    server,
    { url: `${server.url}/v1/decide`, body: CONTEXT_BODY, connections: 32 },
    // In a process of their own: in this one they would queue behind autocannon's loop.
    () => badClients(server.url, seconds),
  );
  const { bad, big, loris } = extra;
  const log = await readLog(f.log);
  return verdict(load, stopped, log, {
    malformedJson: { statusCodes: bad.statusCodes, pass: bad.fivexx === 0 && bad.non2xx === bad.requests },
    oversizeBodies: { ...big, pass: big.other === 0 },
    slowloris: { ...loris, pass: loris.answered408 === loris.sockets },
    goodTrafficClean: { pass: load.non2xx === 0 },
  });
}

/** Runs bench/server/bad-clients.mjs against `url` for `seconds`; resolves with its JSON. */
function badClients(url, seconds) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bench/server/bad-clients.mjs', url, String(seconds)], (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout));
    });
  });
}

/** 10,000 idle connections held open while decisions are served. */
export async function idleConnectionsFault({ cli, root, seconds, defaultRules, idle }) {
  const f = setup(root, 'fault-idle', defaultRules);
  const server = await startProcess('serve', { cli, args: ['--rules', f.rules, '--log', f.log] });
  const { hostname, port } = new URL(server.url);
  const sockets = [];
  let closedByServer = 0;
  let failed = 0;
  const opened = performance.now();
  for (let i = 0; i < idle; i += 500) {
    await Promise.all(
      Array.from(
        { length: Math.min(500, idle - i) },
        () =>
          new Promise((resolve) => {
            const s = connect(Number(port), hostname);
            s.once('connect', () => {
              sockets.push(s);
              // Read (and drop) what the server sends, or its closing would go unnoticed.
              s.resume();
              s.once('close', () => closedByServer++);
              resolve();
            });
            s.once('error', () => {
              failed++;
              resolve();
            });
          }),
      ),
    );
  }
  const openMs = performance.now() - opened;
  const metricsText = await (await fetch(`${server.url}/metrics`)).text();
  const connections = Number(/^push_prompt_connections (\d+)$/m.exec(metricsText)?.[1]);
  const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(await readStatus(server.proc.pid))?.[1]) / 1024);
  let stillOpenAfterLoad = 0;
  const { load, stopped } = await underLoad(
    server,
    { url: `${server.url}/v1/decide`, body: CONTEXT_BODY, connections: 32 },
    async () => {
      await sleep(seconds * 1000);
      stillOpenAfterLoad = sockets.length - closedByServer;
    },
  );
  await sleep(500);
  const closedOnShutdown = closedByServer - (sockets.length - stillOpenAfterLoad);
  for (const s of sockets) s.destroy();
  const log = await readLog(f.log);
  return verdict(load, stopped, log, {
    idle: {
      requested: idle,
      opened: sockets.length,
      failedToOpen: failed,
      openMs: Math.round(openMs),
      serverConnectionsGauge: connections,
      serverRssMb: rssMb,
      stillOpenAfterLoad,
      closedOnShutdown,
      pass: sockets.length === idle && load.non2xx === 0,
    },
  });
}

async function readStatus(pid) {
  const { readFile } = await import('node:fs/promises');
  return readFile(`/proc/${pid}/status`, 'utf8');
}
