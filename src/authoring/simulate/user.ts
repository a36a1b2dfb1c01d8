/**
 * One simulated user's life, drawn from the population: platform, offset, install time,
 * sessions day by day (return, activity, churn), and the key actions in each session.
 * Drawn from the user's own `life` stream only, so every strategy meets the same users at
 * the same moments (common random numbers: differences between strategies are the
 * strategies', not the draws').
 */
import { MS_DAY, MS_HOUR, MS_MINUTE } from './clock.js';
import type { Moment, Population } from './population.js';
import type { PopulationPlatform } from './population-schema.js';
import { geometric, pick, poisson, type Rng } from './prng.js';
import type { Device } from './world.js';

/** A moment the app asks the engine: a session start (no trigger) or a key action. */
export interface SimMoment {
  readonly at: number;
  /** Index into `population.keyActions`; -1 for the session start. */
  readonly action: number;
  readonly moment: Moment;
}

export interface SimSession {
  /** 1-based: `sessions.count` in the context. */
  readonly number: number;
  readonly startedAt: number;
  readonly moments: readonly SimMoment[];
}

export interface SimUser {
  readonly index: number;
  readonly id: string;
  readonly platformIndex: number;
  readonly platform: PopulationPlatform;
  readonly device: Device;
  readonly offsetMinutes: number;
  readonly installedAt: number;
  /** Local midnight of the user's install day (day 0). */
  readonly dayZero: number;
  readonly sessions: readonly SimSession[];
}

/** Sessions on one day start at least this far apart. */
const SESSION_GAP_MS = 20 * MS_MINUTE;
/** A key action follows the session start (or the previous action) by 30 s to 3 min. */
const ACTION_GAP_MIN_S = 30;
const ACTION_GAP_SPAN_S = 150;

/** A local time of day (ms after local midnight) drawn from the population's hours. */
function timeOfDay(rng: Rng, pop: Population): number {
  const hour = pick(rng, pop.hourWeights);
  return hour * MS_HOUR + Math.floor(rng.next() * 3600) * 1000;
}

function sessionMoments(rng: Rng, pop: Population, number: number, startedAt: number): SimMoment[] {
  const actions: number[] = [];
  pop.keyActions.forEach((a, i) => {
    const n = a.firstSessionOnly
      ? number === 1 && rng.next() < a.perSession
        ? 1
        : 0
      : poisson(rng, a.perSession, 20);
    for (let k = 0; k < n; k++) actions.push(i);
  });
  // Fisher-Yates: the order of a session's actions is random.
  for (let i = actions.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [actions[i], actions[j]] = [actions[j] as number, actions[i] as number];
  }
  const moments: SimMoment[] = [{ at: startedAt, action: -1, moment: 'start' }];
  let t = startedAt;
  for (const i of actions) {
    t += (ACTION_GAP_MIN_S + Math.floor(rng.next() * ACTION_GAP_SPAN_S)) * 1000;
    moments.push({ at: t, action: i, moment: pop.keyActions[i]?.moment ?? 'neutral' });
  }
  return moments;
}

/** Session start times on one active day (local ms after midnight), sorted and spaced. */
function dayStarts(rng: Rng, pop: Population): number[] {
  const n = 1 + poisson(rng, pop.perActiveDay - 1, 19);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(timeOfDay(rng, pop));
  times.sort((a, b) => a - b);
  const spaced: number[] = [];
  for (const t of times) {
    const prev = spaced[spaced.length - 1];
    const at = prev === undefined ? t : Math.max(t, prev + SESSION_GAP_MS);
    if (at < MS_DAY) spaced.push(at);
  }
  return spaced;
}

/**
 * Draws one user's life over `days` days from `start` (epoch ms of the first day, 00:00 UTC).
 *
 * @example
 * const user = drawUser(pop, 7, userRng(seed, 7, STREAMS.life), startMs, 60);
 * user.sessions[0].number; // 1: every user has a first session, on install
 */
export function drawUser(pop: Population, index: number, rng: Rng, start: number, days: number): SimUser {
  const platformIndex = pick(rng, pop.platformWeights);
  const kind = pop.platforms[platformIndex] as Population['platforms'][number];
  const offsetMinutes = pop.offsets[pick(rng, pop.offsetWeights)] as number;
  const dayZero = start - offsetMinutes * MS_MINUTE;
  const installedAt = dayZero + timeOfDay(rng, pop);
  const sessions: SimSession[] = [];
  const add = (at: number) => {
    const number = sessions.length + 1;
    sessions.push({ number, startedAt: at, moments: sessionMoments(rng, pop, number, at) });
  };
  add(installedAt);
  if (rng.next() < pop.returnRate) {
    // The first return: the first active day after install. From then on, each day the
    // user may leave for good (churn), else uses the app with the active-day rate.
    let day = 1 + geometric(rng, pop.activeDayRate, days);
    let first = true;
    while (day < days) {
      if (!first && rng.next() < pop.dailyChurn) break;
      if (first || rng.next() < pop.activeDayRate)
        for (const t of dayStarts(rng, pop)) add(dayZero + day * MS_DAY + t);
      first = false;
      day++;
    }
  }
  return {
    index,
    id: `sim-${index}`,
    platformIndex,
    platform: kind.platform,
    device: kind.device,
    offsetMinutes,
    installedAt,
    dayZero,
    sessions,
  };
}
