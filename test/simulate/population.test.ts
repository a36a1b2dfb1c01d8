/**
 * Population files: the shipped ones load, every number in them cites a source or says it
 * is an assumption, the JSON Schema beside them is fresh, and a bad file gets every issue
 * with its JSON path (and, from the CLI, its line and column).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadPopulation,
  PopulationError,
  PopulationSchema,
  parametersOf,
  renderPopulationJsonSchema,
} from '../../src/authoring/index.js';
import { cli } from '../cli/helpers.js';

const FILES = readdirSync('populations').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const read = (f: string) => JSON.parse(readFileSync(`populations/${f}`, 'utf8'));
const IOS = read('ios.json');

const issuesOf = (json: unknown) => {
  try {
    loadPopulation(json);
  } catch (e) {
    if (e instanceof PopulationError)
      return e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw e;
  }
  return [];
};
// biome-ignore lint/suspicious/noExplicitAny: the tests edit the population JSON at arbitrary depths
const edit = (fn: (j: Record<string, any>) => void) => {
  const j = structuredClone(IOS);
  fn(j);
  return j;
};

describe('shipped populations', () => {
  it('ships ios, android, web and a mixed app, each of which loads', () => {
    expect(FILES.sort()).toEqual(['android.json', 'ecommerce-app.json', 'ios.json', 'web.json']);
    for (const f of FILES) expect(() => loadPopulation(read(f)), f).not.toThrow();
  });

  it('give every number a source or mark it an assumption with a reason', () => {
    for (const f of FILES) {
      const params = parametersOf(read(f));
      expect(params.length, f).toBeGreaterThan(20);
      for (const p of params) expect(p.note.trim().length, `${f} ${p.path}`).toBeGreaterThan(5);
      // The schema is what enforces it: a bare number is refused.
      expect(PopulationSchema.safeParse(read(f)).success).toBe(true);
    }
  });

  it('cite the published figures where the field has them', () => {
    const cited = (f: string) =>
      Object.fromEntries(
        parametersOf(read(f))
          .filter((p) => !p.assumption)
          .map((p) => [p.path, p.value]),
      );
    expect(cited('ios.json')).toMatchObject({
      'responses.softPrompt.accept': 0.6,
      'responses.systemDialog.ios.primed.allow': 0.85,
      'responses.systemDialog.ios.cold.allow': 0.4,
    });
    expect(cited('web.json')).toMatchObject({
      'responses.systemDialog.chromium.cold.allow': 0.0669,
      'responses.systemDialog.chromium.cold.deny': 0.092,
      'responses.systemDialog.chromium.cold.dismiss': 0.3576,
      'responses.systemDialog.chromium.cold.ignore': 0.4719,
      'responses.systemDialog.firefox.cold.allow': 0.01,
    });
  });

  it('populations/population.schema.json is fresh (run `npm run schema`)', () => {
    expect(readFileSync('populations/population.schema.json', 'utf8')).toBe(renderPopulationJsonSchema());
  });
});

describe('loading a population', () => {
  it('refuses a number without a source or an assumption, at its path', () => {
    expect(issuesOf(edit((j) => (j.responses.softPrompt.accept = { value: 0.6 })))).toEqual([
      {
        path: 'responses.softPrompt.accept',
        message: expect.stringContaining('"source"'),
      },
    ]);
    expect(issuesOf(edit((j) => (j.sessions.returnRate = 0.5)))[0]?.path).toBe('sessions.returnRate');
  });

  it('reports every issue at once: a probability above 1, an unknown key, a wrong platform value', () => {
    const issues = issuesOf(
      edit((j) => {
        j.responses.softPrompt.accept.value = 1.5;
        j.sessions.retrunRate = j.sessions.returnRate;
        j.platforms[1].platform.os = 'windows';
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['platforms.1.platform.os', 'responses.softPrompt.accept.value', 'sessions.retrunRate'].sort(),
    );
  });

  it('needs a dialog model for every platform it has', () => {
    const issues = issuesOf(
      edit((j) => {
        j.platforms.push({
          name: 'Chrome',
          share: { value: 1, source: 'x' },
          platform: { os: 'web', browser: 'chrome' },
        });
      }),
    );
    expect(issues).toEqual([
      { path: 'responses.systemDialog.chromium', message: expect.stringContaining('platforms[3] (Chrome)') },
    ]);
  });

  it('refuses duplicate key actions and weights that sum to 0', () => {
    const issues = issuesOf(
      edit((j) => {
        j.keyActions.push({ ...j.keyActions[0] });
        for (const o of j.offsets) o.share.value = 0;
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['offsets', `keyActions.${IOS.keyActions.length}.name`]);
  });

  it('the CLI prints each issue at its file:line:column with the JSON path', async () => {
    const text = JSON.stringify(
      edit((j) => (j.responses.systemDialog.ios.primed.allow.value = 8.5)),
      null,
      2,
    );
    const r = await cli(['simulate', '--population', 'bad.json', '--baseline', 'first-launch'], {
      files: { 'bad.json': text },
    });
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('"value": 8.5')) + 1;
    expect(r.err).toMatch(
      new RegExp(
        `^bad\\.json:${line}:\\d+  error  \\$\\.responses\\.systemDialog\\.ios\\.primed\\.allow\\.value  `,
      ),
    );
  });
});
