/**
 * Loading a population file: the schema's checks, then the checks across fields (every
 * platform has a dialog model), each issue with its JSON path; then the numbers the
 * simulation draws from, laid out for speed (cumulative weights, plain numbers).
 */
import type { core } from 'zod';
import { formatPath, type Issue } from '../../shared/errors.js';
import { fromZodIssues } from '../zod-issues.js';
import { type PopulationJson, type PopulationPlatform, PopulationSchema } from './population-schema.js';
import { type Device, deviceOf, type Family } from './world.js';

/** A population file that does not load: every issue, each with its JSON path. */
export class PopulationError extends Error {
  override readonly name = 'PopulationError';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`invalid population: ${first ? `${formatPath(first.path)}: ${first.message}` : 'invalid'}${more}`);
    this.issues = issues;
  }
}

/** A dialog's answer model: `allow`, then the other answers' cumulative shares of the rest. */
export interface DialogModel {
  readonly allow: number;
  /** Cumulative weights of [denied, dismissed, ignored] among those who do not allow. */
  readonly rest: readonly [number, number, number];
}

export type Moment = 'start' | 'intent' | 'neutral' | 'task' | 'asked';

/** A loaded population, ready to draw from. */
export interface Population {
  readonly name: string;
  readonly json: PopulationJson;
  readonly platforms: readonly {
    readonly name: string;
    readonly platform: PopulationPlatform;
    readonly device: Device;
  }[];
  readonly platformWeights: readonly number[];
  readonly offsets: readonly number[];
  readonly offsetWeights: readonly number[];
  readonly returnRate: number;
  readonly activeDayRate: number;
  readonly dailyChurn: number;
  readonly perActiveDay: number;
  readonly hourWeights: readonly number[];
  readonly keyActions: readonly {
    readonly name: string;
    readonly moment: Exclude<Moment, 'start'>;
    readonly firstSessionOnly: boolean;
    readonly perSession: number;
  }[];
  readonly soft: {
    readonly accept: number;
    readonly notNowShare: number;
    readonly moments: Readonly<Record<Moment, number>>;
    readonly firstSession: number;
    readonly repeat: number;
  };
  readonly dialogs: Readonly<
    Partial<Record<Family, { readonly primed: DialogModel; readonly cold: DialogModel }>>
  >;
  readonly link: { readonly open: number; readonly enable: number };
  readonly optOutDaily: number;
}

type ZodIssue = core.$ZodIssue;

/** A parameter that neither cites a source nor says it is an assumption reads as such. */
function paramIssue(issue: ZodIssue): boolean {
  if (issue.code !== 'invalid_union') return false;
  const keys = issue.errors.flatMap((branch) => branch.map((i) => String(i.path[0])));
  return keys.includes('source') && keys.includes('assumption');
}

function issuesOf(zodIssues: readonly ZodIssue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of zodIssues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (paramIssue(issue)) {
      out.push({
        code: 'invalid-value',
        path,
        message:
          'a parameter is { "value": n, "source": "…" } or { "value": n, "assumption": true, "reason": "…" }',
      });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that came closest (fewest issues).
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      out.push(...issuesOf(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))));
    } else {
      out.push(...fromZodIssues([issue]));
    }
  }
  return out;
}

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

function dialogModel(m: {
  allow: { value: number };
  deny?: { value: number };
  dismiss?: { value: number };
  ignore?: { value: number };
}): DialogModel {
  const deny = m.deny?.value ?? 1;
  const dismiss = m.dismiss?.value ?? 0;
  const ignore = m.ignore?.value ?? 0;
  return { allow: m.allow.value, rest: [deny, deny + dismiss, deny + dismiss + ignore] };
}

/** Checks that span fields: weights that sum to something, a dialog model for every platform. */
function crossChecks(p: PopulationJson): Issue[] {
  const issues: Issue[] = [];
  const positive = (weights: number[], path: (string | number)[], what: string) => {
    if (!(weights.reduce((a, b) => a + b, 0) > 0))
      issues.push({ code: 'invalid-value', path, message: `${what}: the weights sum to 0` });
  };
  positive(
    p.platforms.map((x) => x.share.value),
    ['platforms'],
    'platform shares',
  );
  positive(
    p.offsets.map((x) => x.share.value),
    ['offsets'],
    'offset shares',
  );
  positive(p.sessions.hours.weights, ['sessions', 'hours', 'weights'], 'session hours');
  p.platforms.forEach((x, i) => {
    const family = deviceOf(x.platform).family;
    if (p.responses.systemDialog[family] === undefined)
      issues.push({
        code: 'missing',
        path: ['responses', 'systemDialog', family],
        message: `platforms[${i}] (${x.name}) shows the ${family} dialog, which has no response model here`,
      });
  });
  for (const [family, model] of Object.entries(p.responses.systemDialog)) {
    for (const kind of ['primed', 'cold'] as const) {
      const m = model?.[kind] as Record<string, { value: number }> | undefined;
      if (m === undefined || m.allow === undefined || m.allow.value >= 1) continue;
      const rest = ['deny', 'dismiss', 'ignore'].reduce((a, k) => a + (m[k]?.value ?? 0), 0);
      if ('deny' in m && !(rest > 0))
        issues.push({
          code: 'invalid-value',
          path: ['responses', 'systemDialog', family, kind],
          message: 'deny, dismiss and ignore sum to 0 but allow is below 1',
        });
    }
  }
  const seen = new Set<string>();
  p.keyActions.forEach((a, i) => {
    if (seen.has(a.name))
      issues.push({
        code: 'duplicate-id',
        path: ['keyActions', i, 'name'],
        message: `duplicate key action "${a.name}"`,
      });
    seen.add(a.name);
  });
  return issues;
}

/**
 * Validates a population file and lays it out for the simulation. Throws
 * {@link PopulationError} with every issue and its JSON path.
 *
 * @example
 * const pop = loadPopulation(JSON.parse(readFileSync('populations/ios.json', 'utf8')));
 * pop.soft.accept; // 0.6
 */
export function loadPopulation(json: unknown): Population {
  const parsed = PopulationSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new PopulationError(issuesOf(parsed.error.issues));
  const p = parsed.data;
  const cross = crossChecks(p);
  if (cross.length > 0) throw new PopulationError(cross);
  const s = p.responses.softPrompt;
  const dialogs: Partial<Record<Family, { primed: DialogModel; cold: DialogModel }>> = {};
  for (const [family, m] of Object.entries(p.responses.systemDialog)) {
    if (m !== undefined)
      dialogs[family as Family] = { primed: dialogModel(m.primed), cold: dialogModel(m.cold) };
  }
  return {
    name: p.name,
    json: p,
    platforms: p.platforms.map((x) => ({ name: x.name, platform: x.platform, device: deviceOf(x.platform) })),
    platformWeights: cumulative(p.platforms.map((x) => x.share.value)),
    offsets: p.offsets.map((o) => o.minutes),
    offsetWeights: cumulative(p.offsets.map((o) => o.share.value)),
    returnRate: p.sessions.returnRate.value,
    activeDayRate: p.sessions.activeDayRate.value,
    dailyChurn: p.sessions.dailyChurn.value,
    perActiveDay: p.sessions.perActiveDay.value,
    hourWeights: cumulative(p.sessions.hours.weights),
    keyActions: p.keyActions.map((a) => ({
      name: a.name,
      moment: a.moment,
      firstSessionOnly: a.when === 'first-session',
      perSession: a.perSession.value,
    })),
    soft: {
      accept: s.accept.value,
      notNowShare: s.notNowShare.value,
      moments: {
        start: s.moments.start.value,
        intent: s.moments.intent.value,
        neutral: s.moments.neutral.value,
        task: s.moments.task.value,
        asked: s.moments.asked.value,
      },
      firstSession: s.firstSession.value,
      repeat: s.repeat.value,
    },
    dialogs,
    link: { open: p.responses.settingsLink.open.value, enable: p.responses.settingsLink.enable.value },
    optOutDaily: p.responses.optOutDaily.value,
  };
}

/**
 * Every parameter of a population, by dotted path (`responses.softPrompt.accept`), with
 * whether it is an assumption: the list `--vary` takes names from and the docs print.
 *
 * @example
 * parametersOf(json).find((p) => p.path === 'responses.softPrompt.accept'); // { value: 0.6, assumption: false, source: '…' }
 */
export function parametersOf(
  json: unknown,
): { path: string; value: number; assumption: boolean; note: string }[] {
  const out: { path: string; value: number; assumption: boolean; note: string }[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, String(i)]);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.value === 'number' || Array.isArray(o.weights)) {
        const assumption = o.assumption === true;
        const note = String(assumption ? o.reason : o.source);
        if (typeof o.value === 'number') out.push({ path: path.join('.'), value: o.value, assumption, note });
        else
          for (const [i, w] of (o.weights as number[]).entries())
            out.push({ path: [...path, 'weights', String(i)].join('.'), value: w, assumption, note });
        return;
      }
      for (const [k, x] of Object.entries(o)) walk(x, [...path, k]);
    }
  };
  walk(json, []);
  return out;
}
