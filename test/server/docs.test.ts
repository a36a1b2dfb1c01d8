/**
 * docs/server.md states what the server does: every error code with its status, every
 * metric family, every `serve` option, the default limits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVE_HELP } from '../../src/cli/serve.js';
import { DEFAULT_SERVER_LIMITS, ERROR_STATUS } from '../../src/server/index.js';
import { createServerMetrics } from '../../src/server/server-metrics.js';

const doc = readFileSync('docs/server.md', 'utf8');

describe('docs/server.md', () => {
  it('lists every error code with its status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      if (code === 'internal') continue; // never expected; the docs say 5xx should not happen
      expect(doc, code).toMatch(new RegExp(`\\| ${status} \\| \`${code}\` \\|`));
    }
  });

  it('describes every metric family', () => {
    const m = createServerMetrics({
      inFlight: () => 0,
      connections: () => 0,
      ruleSet: () => 'x@1',
      reloadFailing: () => false,
      log: () => null,
    });
    const names = [...m.registry.render().matchAll(/^# TYPE (\S+) /gm)].map((x) => x[1] as string);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(doc, name).toContain(name.replace(/_total$/, ''));
  });

  it('names every serve option and the default limits', () => {
    for (const flag of SERVE_HELP.matchAll(/^ {2}(--[a-z-]+)/gm))
      expect(doc, flag[1]).toContain(flag[1] as string);
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({
      maxBodyBytes: 1024 * 1024,
      maxBatchBodyBytes: 8 * 1024 * 1024,
      maxBatchSize: 1000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      shutdownTimeoutMs: 30_000,
    });
    for (const text of ['1 MiB', '8 MiB', '1,000', '10 s', '30 s', '5 s']) expect(doc).toContain(text);
  });
});
