/**
 * `push-prompt serve` arguments: help, usage errors (exit 2), a bad rules file reported with
 * line:column (exit 1), a port in use (exit 1). The running server is tested in test/server.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('push-prompt serve', () => {
  it('--help lists the routes and every option', async () => {
    const r = await cli(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const word of ['/v1/decide/batch', '/healthz', '/metrics', '--log', '--max-batch', '--no-watch']) {
      expect(r.out).toContain(word);
    }
    expect((await cli(['--help'])).out).toContain('serve --rules <file>');
  });

  it('usage errors exit 2', async () => {
    for (const argv of [
      ['serve'],
      ['serve', '--rules', 'rules/default.json', '--port', 'eighty'],
      ['serve', '--rules', 'rules/default.json', '--port', '70000'],
      ['serve', '--rules', 'rules/default.json', '--max-batch', '0'],
      [
        'serve',
        '--rules',
        'rules/default.json',
        '--headers-timeout-ms',
        '9000',
        '--request-timeout-ms',
        '10',
      ],
      ['serve', '--rules', 'rules/default.json', '--bogus'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^push-prompt: /);
    }
  });

  it('a bad rules file is reported with line:column and exits 1 without listening', async () => {
    const r = await cli(['serve', '--rules', 'bad.json', '--port', '0'], {
      files: { 'bad.json': '{\n  "name": "x",\n  "rules": 5\n}\n' },
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.json:3:\d+ {2}error {2}\$\.rules/);
    expect(r.err).not.toContain('listening');
  });

  it('a port in use: one JSON error line, exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await cli(['serve', '--rules', 'rules/default.json', '--port', String(port)]);
      expect(r.code).toBe(1);
      const line = JSON.parse(r.err.trim());
      expect(line).toMatchObject({ level: 'error', event: 'listen-failed' });
      expect(line.message).toContain('EADDRINUSE');
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
