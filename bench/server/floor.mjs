#!/usr/bin/env node
/**
 * The HTTP floor: the same `node:http` server, limits and response headers as
 * `push-prompt serve`, reading the whole body and answering a constant decision (the real
 * decision's JSON for the bench context, so the bytes on the wire are the same). What is
 * left between this and the real server is the endpoint's own work: JSON.parse, the
 * decision, the metrics, the log record.
 *
 *   node bench/server/floor.mjs <port> <constant-json-file>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port = '0', file] = process.argv.slice(2);
const body = readFileSync(file, 'utf8').trim();
const length = Buffer.byteLength(body);

const server = createServer(
  {
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16 * 1024,
    connectionsCheckingInterval: 1_000,
  },
  (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': length,
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  },
);
server.keepAliveTimeout = 5_000;
server.listen(Number(port), '127.0.0.1', () => {
  const { port: bound } = server.address();
  process.stderr.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${bound}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
