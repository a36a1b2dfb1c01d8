/**
 * Hot reload of the rules file: a good file is swapped in atomically, a bad, missing or
 * oversized one keeps the last good rule set serving and shows on /healthz and in the
 * metrics; the `name@hash` in responses changes exactly when the rule set does; a request
 * keeps the rule set it started with.
 */
import { renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';
import { HealthSchema } from '../../src/server/index.js';
import {
  CONTEXT_TEXT,
  DEFAULT_RULES,
  metric,
  post,
  raw,
  request,
  type Started,
  startServer,
  until,
  variantRules,
} from './helpers.js';

const A = createDecider(JSON.parse(DEFAULT_RULES)).ruleSet.id;
const B_TEXT = variantRules('reloaded');
const B = createDecider(JSON.parse(B_TEXT)).ruleSet.id;

let s: Started | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function health(url: string) {
  return HealthSchema.parse((await request(`${url}/healthz`)).json);
}

async function servedId(url: string): Promise<string> {
  return ((await post(`${url}/v1/decide`, CONTEXT_TEXT)).json as { ruleSet: string }).ruleSet;
}

/** Replaces the file the way editors and deploy tools do: write a new file, rename it over. */
function replaceByRename(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

describe('hot reload (watching the file)', () => {
  it('good → bad → good: the last good rule set serves meanwhile; the hash changes exactly once', async () => {
    expect(A).not.toBe(B);
    s = await startServer({ watch: true });
    const url = s.url;
    const seen: string[] = [await servedId(url)];

    writeFileSync(s.rulesFile, '{ "name": "default", "rules": [ ');
    await until(async () => (await health(url)).lastReloadError !== null);
    const bad = await health(url);
    expect(bad.status).toBe('degraded');
    expect(bad.ruleSet).toBe(A);
    expect(bad.lastReloadError?.message).toContain('invalid rule set');
    expect(bad.lastReloadError?.issues[0]).toMatch(/^\$: not valid JSON/);
    seen.push(await servedId(url));

    replaceByRename(s.rulesFile, B_TEXT);
    await until(async () => (await health(url)).ruleSet === B);
    const good = await health(url);
    expect(good).toMatchObject({ status: 'ok', lastReloadError: null });
    seen.push(await servedId(url));

    // The same rule set written again (only whitespace differs): nothing changes.
    writeFileSync(s.rulesFile, JSON.stringify(JSON.parse(B_TEXT)));
    await until(
      async () =>
        metric(
          (await request(`${url}/metrics`)).text,
          'push_prompt_rule_set_reloads_total{result="unchanged"}',
        ) === 1,
    );
    seen.push(await servedId(url));

    expect(seen).toStrictEqual([A, A, B, B]);
    const m = (await request(`${url}/metrics`)).text;
    expect(metric(m, 'push_prompt_rule_set_reloads_total{result="swapped"}')).toBe(1);
    expect(metric(m, 'push_prompt_rule_set_reloads_total{result="error"}')).toBeGreaterThanOrEqual(1);
    expect(metric(m, 'push_prompt_rule_set_reload_failing')).toBe(0);
    const reloads = s.events.filter((e) => e.event === 'reload');
    expect(reloads.filter((e) => e.result === 'swapped')).toStrictEqual([
      { level: 'info', event: 'reload', result: 'swapped', ruleSet: B, previous: A },
    ]);
    expect(reloads.some((e) => e.result === 'error' && e.level === 'error')).toBe(true);
  });

  it('a deleted file keeps the rule set serving and reports ENOENT; the file coming back clears it', async () => {
    s = await startServer({ watch: true });
    const url = s.url;
    rmSync(s.rulesFile);
    await until(async () => (await health(url)).lastReloadError !== null);
    const gone = await health(url);
    expect(gone.lastReloadError?.message).toContain('ENOENT');
    expect(await servedId(url)).toBe(A);
    expect(metric((await request(`${url}/metrics`)).text, 'push_prompt_rule_set_reload_failing')).toBe(1);
    writeFileSync(s.rulesFile, DEFAULT_RULES);
    await until(async () => (await health(url)).lastReloadError === null);
    expect((await health(url)).ruleSet).toBe(A);
  });
});

describe('reload() (what the watcher calls)', () => {
  it('an invalid rule set lists its first issues, one line each, with JSON paths', async () => {
    s = await startServer();
    const json = JSON.parse(DEFAULT_RULES);
    json.rules[0].conditions = { all: [{ fact: 'sesionCount', operator: 'equal', value: 1 }] };
    writeFileSync(s.rulesFile, JSON.stringify(json));
    const r = await s.app.reload();
    expect(r.result).toBe('error');
    const h = await health(s.url);
    expect(h.lastReloadError?.issues[0]).toMatch(
      /^\$\.rules\[0\]\.conditions\.all\[0\]\.fact: .*sessionCount/,
    );
    expect(h.ruleSet).toBe(A);
  });

  it('a file over the size limit is refused without being read', async () => {
    s = await startServer();
    truncateSync(s.rulesFile, 16_000_000); // sparse: no 16 MB written
    const r = await s.app.reload();
    expect(r).toMatchObject({ result: 'error', ruleSet: A });
    expect((await health(s.url)).lastReloadError?.message).toContain('EFBIG');
  });

  it('a request keeps the rule set it started with; the next one gets the new one', async () => {
    s = await startServer();
    const head = `POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${CONTEXT_TEXT.length}\r\nconnection: close\r\n\r\n`;
    const half = CONTEXT_TEXT.length >> 1;
    const started = raw(s.url, [head + CONTEXT_TEXT.slice(0, half), CONTEXT_TEXT.slice(half)], 300);
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(join(s.dir, 'rules.json'), B_TEXT);
    expect(await s.app.reload()).toMatchObject({ result: 'swapped', ruleSet: B, previous: A });
    const reply = await started;
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    expect(reply).toContain(`"ruleSet":"${A}"`);
    expect(await servedId(s.url)).toBe(B);
  });
});
