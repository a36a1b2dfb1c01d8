/**
 * The markdown section of `npm run bench:server` (bench/results/server.md), from its JSON.
 */

const n = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : String(v);
const ms = (v) => (v === null || v === undefined ? 'n/a' : `${v} ms`);
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_h, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const yes = (b) => (b ? 'pass' : '**FAIL**');

/** The markdown text. */
export function writeServerReport(r) {
  const m = r.machine;
  const out = [
    '## Decision endpoint (`push-prompt serve`)',
    '',
    `Measured ${r.date.slice(0, 10)} with \`${r.command}\` on ${m.cpus} × ${m.model}, Node ${m.node}; ` +
      `load average ${m.loadAverageAtStart.join(' / ')} at the start, ${m.loadAverageAtEnd.join(' / ')} at the end. ` +
      'The client (autocannon) and the server share the machine; **the machine was shared with other ' +
      'sessions**, so rates are noisy: the per-core columns divide by the server process’s own CPU time ' +
      '(from /proc) and hold better. All traffic on 127.0.0.1.',
    '',
  ];
  const t = r.throughput;
  if (t) {
    const row = (name, x, extra = '') => [
      name,
      n(x.rps),
      n(x.rpsPerCore),
      String(x.serverCores),
      ms(x.latencyMs.p50),
      ms(x.latencyMs.p99),
      x.serverP99Ms === undefined ? 'n/a' : `≤ ${ms(x.serverP99Ms)}`,
      n(x.non2xx),
      extra,
    ];
    out.push(
      `### Throughput (${r.seconds.throughput} s per run after a 2 s warm-up, ${t.decide.connections} connections)`,
      '',
      table(
        ['run', 'req/s', 'req/s per core', 'server cores', 'p50', 'p99', 'server p99', 'non-2xx', 'note'],
        [
          row('HTTP floor (constant answer)', t.floor),
          row(
            'decide, log on',
            t.decide,
            `${n(t.decide.logRecords)} records for ${n(t.decide.serverDecisions)} decisions`,
          ),
          row('decide, no log', t.decideNoLog),
          row(`decide at 80% (${n(t.decideAt80.targetRps)} req/s)`, t.decideAt80),
          row(
            'batch of 100, log on',
            t.batch,
            `${n(t.batch.decisionsPerSecond)} decisions/s; ${n(t.batch.logRecords)} records for ${n(t.batch.serverDecisions)} decisions`,
          ),
        ],
      ),
      '',
      'Client latencies are autocannon’s (1 ms resolution); “server p99” is the upper bound of the bucket of ' +
        'the server’s own histogram that holds its 99th percentile.',
      '',
      table(
        ['target', 'measured', 'target', 'met'],
        [
          [
            'single decisions vs the floor',
            `${t.targets.singleVsFloor.ratio}× (per core ${t.targets.singleVsFloor.perCoreRatio}×)`,
            '≥ 0.6×',
            yes(t.targets.singleVsFloor.perCoreRatio >= 0.6),
          ],
          [
            'p99 at 80% of the max rate',
            `${ms(t.targets.p99At80.clientMs)} client, ≤ ${ms(t.targets.p99At80.serverMs)} server`,
            '≤ 5 ms',
            yes(t.targets.p99At80.clientMs <= 5),
          ],
          [
            'batch decisions per core-second',
            n(t.targets.batchPerCore.decisionsPerCoreSecond),
            '≥ 100,000',
            yes(t.targets.batchPerCore.decisionsPerCoreSecond >= 100_000),
          ],
        ],
      ),
      '',
    );
  }
  const f = r.faults;
  if (f) {
    const row = (name, x, what) => [
      name,
      n(x.load.requests),
      n(x.load.fivexx),
      `${n(x.logRecords)} / ${n(x.clientDecisions)}`,
      String(x.exitCode),
      what,
      yes(x.pass),
    ];
    out.push(
      `### Faults during load (${r.seconds.faults} s each, decision log on)`,
      '',
      table(
        ['fault', 'answered', '5xx', 'log records / client 200s', 'exit', 'what happened', 'result'],
        [
          row(
            'rules file → invalid → valid',
            f.reload,
            `hash changed once in the log; in responses, ${n(f.reload.hashChangesInResponses.connectionsThatChanged)} connections saw it change once, ` +
              `${f.reload.hashChangesInResponses.connectionsThatChangedBack} saw it change back ` +
              `(${f.reload.responseRuleSets.join(' → ')}); /healthz during: ${f.reload.whileInvalid.status}, ` +
              `"${f.reload.whileInvalid.lastReloadError?.message ?? 'none'}"`,
          ),
          row(
            'rules file deleted, restored',
            f.delete,
            `/healthz during: ${f.delete.whileDeleted.status}, "${f.delete.whileDeleted.lastReloadError?.message ?? 'none'}"; ` +
              `hash changes ${f.delete.hashChangesInLog.count}`,
          ),
          row(
            'SIGTERM mid-load',
            f.sigterm,
            `${n(f.sigterm.inFlightAtSignal)} in flight at the signal, of which ${f.sigterm.halfSentAtSignal.sent} with half a body: ` +
              `${f.sigterm.halfSentAtSignal.answered200} answered 200; drained and exited in ${n(f.sigterm.drainMs)} ms; ` +
              `${n(f.sigterm.refusedAfterShutdown)} client connection errors after the listener closed (not accepted)`,
          ),
          row(
            'malformed JSON, oversized bodies, slowloris',
            f.badClients,
            `malformed: ${JSON.stringify(f.badClients.malformedJson.statusCodes)}; oversized: ` +
              `${n(f.badClients.oversizeBodies.answered413)} × 413, ${n(f.badClients.oversizeBodies.resets)} resets; ` +
              `slowloris: ${f.badClients.slowloris.answered408}/${f.badClients.slowloris.sockets} got 408 after ` +
              `${n(f.badClients.slowloris.cutAfterMs.p50)} ms (median); good traffic p99 ${ms(f.badClients.load.latencyMs.p99)}`,
          ),
          row(
            `${n(f.idleConnections.idle.requested)} idle connections`,
            f.idleConnections,
            `${n(f.idleConnections.idle.opened)} opened in ${n(f.idleConnections.idle.openMs)} ms; server saw ` +
              `${n(f.idleConnections.idle.serverConnectionsGauge)} connections, RSS ${f.idleConnections.idle.serverRssMb} MB; ` +
              `decisions p99 ${ms(f.idleConnections.load.latencyMs.p99)}; ` +
              `${n(f.idleConnections.idle.opened - f.idleConnections.idle.stillOpenAfterLoad)} closed by the server's header timeout ` +
              `(they never sent a request) before the load ended, the other ${n(f.idleConnections.idle.stillOpenAfterLoad)} by the drain ` +
              `(${n(f.idleConnections.idle.closedOnShutdown)})`,
          ),
        ],
      ),
      '',
    );
  }
  out.push(
    m.raisedUlimitFrom === null
      ? `\`ulimit -n\` was ${m.ulimitN}, enough for the idle connections (the script raises it up to the hard limit when it is not).`
      : `The script raised \`ulimit -n\` from ${m.raisedUlimitFrom} to ${m.ulimitN} for the idle connections.`,
    '',
  );
  out.push(`Total run time: ${r.totalSeconds} s.`, '');
  return out.join('\n');
}
