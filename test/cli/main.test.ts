import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from './helpers.js';

describe('push-prompt', () => {
  it('prints the commands and exit codes with --help (exit 0) and without a command (exit 2)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['validate', 'decide', 'lint', 'schema']) expect(help.out).toContain(`  ${c} `);
    expect(help.out).toContain('Exit codes:');
    expect((await cli([])).code).toBe(2);
  });

  it('refuses an unknown command with exit 2', async () => {
    const r = await cli(['valdate', 'rules/default.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "valdate"');
  });

  it('schema prints the checked-in JSON Schema', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync('rules/rule-set.schema.json', 'utf8'));
    expect((await cli(['schema', 'extra'])).code).toBe(2);
    expect((await cli(['schema', '--help'])).out).toContain('Usage: push-prompt schema');
  });

  it('runs as a real process: exit codes and streams (node --import tsx src/cli/main.ts)', () => {
    const ok = spawnCli(['validate', 'rules/default.json']);
    expect(ok).toMatchObject({ code: 0, err: '' });
    const ctx = readFileSync('examples/contexts/ios-after-order.json', 'utf8');
    const d = spawnCli(['decide', '--rules', 'rules/default.json', '--context', '-', '--json'], ctx);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.out)).toMatchObject({ action: 'show-soft-prompt' });
    const usage = spawnCli(['decide']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('decide needs --rules');
  });
});
