#!/usr/bin/env node
/**
 * Bad clients for the load script's fault phase, in their own process: malformed JSON
 * (autocannon, 8 connections), 2 MiB bodies (four at a time) and 300 slowloris connections
 * (a header line every 500 ms, never finishing). Prints one JSON result on stdout.
 *
 *   node bench/server/bad-clients.mjs <url> <seconds>
 */
import { connect } from 'node:net';
import { cannon, JSON_HEADERS, summarize } from './load.mjs';

const [url, seconds] = [process.argv[2], Number(process.argv[3])];
const end = performance.now() + seconds * 1000;
const malformed = cannon({ url: `${url}/v1/decide`, body: '{"now":', connections: 8, duration: seconds });
const [bad, big, loris] = await Promise.all([
  malformed.done,
  oversizeLoop(url, end),
  slowloris(url, 300, end),
]);
process.stdout.write(JSON.stringify({ bad: summarize(bad), big, loris }));

/** 2 MiB bodies, four at a time, until `end`: each must be refused with 413. */
async function oversizeLoop(url, end) {
  const body = `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`;
  const out = { sent: 0, answered413: 0, resets: 0, other: 0 };
  const worker = async () => {
    while (performance.now() < end) {
      out.sent++;
      try {
        const r = await fetch(`${url}/v1/decide`, { method: 'POST', headers: JSON_HEADERS, body });
        await r.text();
        if (r.status === 413) out.answered413++;
        else out.other++;
      } catch {
        // The server closes the connection after its 413 without reading the rest: the
        // client may see the reset before the response. Counted, not a failure.
        out.resets++;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

/** `n` connections that send a header line every 500 ms and never finish. */
async function slowloris(url, n, end) {
  const { hostname, port } = new URL(url);
  const cut = [];
  let answered408 = 0;
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve) => {
          const s = connect(Number(port), hostname);
          let text = '';
          let timer = null;
          let connectedAt = performance.now();
          s.setEncoding('utf8');
          s.on('connect', () => {
            connectedAt = performance.now();
            s.write('POST /v1/decide HTTP/1.1\r\nhost: x\r\n');
            timer = setInterval(() => {
              if (performance.now() > end + 5000) s.destroy();
              else s.write('x-slow: 1\r\n');
            }, 500);
          });
          s.on('data', (d) => {
            text += d;
          });
          s.on('error', () => {});
          s.on('close', () => {
            clearInterval(timer);
            if (text.startsWith('HTTP/1.1 408')) answered408++;
            cut.push(performance.now() - connectedAt); // from its own connect to the server's cut
            resolve();
          });
        }),
    ),
  );
  cut.sort((a, b) => a - b);
  return {
    sockets: n,
    answered408,
    cutAfterMs: { p50: Math.round(cut[n >> 1]), max: Math.round(cut[n - 1]) },
  };
}
