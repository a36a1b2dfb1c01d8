/**
 * One simulated user under one strategy: at each moment of the user's life the strategy
 * (the engine, or a baseline) decides; the user's answers come from the population's
 * response model; the simulated OS (world.ts) decides whether a dialog shows and keeps
 * its own state; every answer is appended to the asks later contexts carry.
 */
import type { Decision } from '../../index.js';
import { isoAt, MS_DAY } from './clock.js';
import type { LogSink, SimAsk } from './log.js';
import type { DialogModel, Moment, Population } from './population.js';
import { geometric, type Rng } from './prng.js';
import type { Strategy } from './strategy.js';
import type { Anomalies } from './tally.js';
import type { SimMoment, SimUser } from './user.js';
import {
  answerDialog,
  type DialogOutcome,
  dialogState,
  enableInSettings,
  newOsState,
  type OsState,
  reportedPermission,
  revoke,
  showsDialog,
} from './world.js';

/** What happened to one user under one strategy. */
export interface UserOutcome {
  readonly optedIn: boolean;
  /** Not opted in, and the OS will never show the dialog again. */
  readonly burned: boolean;
  readonly unsupported: boolean;
  readonly defaultOn: boolean;
  /** Milliseconds from install to the first opt-in through a dialog or a settings link. */
  readonly firstOptInAfter: number | null;
  readonly softPromptsShown: number;
  readonly softAccepted: number;
  readonly systemPromptsShown: number;
  readonly settingsLinksShown: number;
  readonly optedOut: number;
  /** Opted in at the end of each local day (1) or not (0). */
  readonly optedInByDay: Uint8Array;
  readonly anomalies: Anomalies;
  /** Experiment assignments seen in the user's decisions: [experiment id, arm]. */
  readonly arms: readonly (readonly [string, string])[];
}

/** Seconds between a prompt, its answer and the dialog it leads to. */
const ANSWER_MS = 5_000;

const DIALOG_REST: readonly DialogOutcome[] = ['denied', 'dismissed', 'ignored'];

function drawDialog(rng: Rng, m: DialogModel): DialogOutcome {
  if (rng.next() < m.allow) return 'granted';
  const total = m.rest[2];
  const u = rng.next() * total;
  for (let i = 0; i < 2; i++) if (u < m.rest[i]!) return DIALOG_REST[i] as DialogOutcome;
  return 'ignored';
}

interface Run {
  readonly user: SimUser;
  readonly pop: Population;
  readonly rng: Rng;
  readonly sink: LogSink | undefined;
  readonly horizon: number;
  readonly os: OsState;
  readonly asks: SimAsk[];
  /** Grant (1) and loss (0) events: [at, state, at, state, …]. */
  readonly changes: number[];
  readonly anomalies: Anomalies;
  optOutAt: number;
  firstOptInAt: number | null;
  soft: number;
  softAccepted: number;
  dialogs: number;
  links: number;
  optedOut: number;
}

function addAsk(r: Run, kind: SimAsk['kind'], at: number, outcome: string): void {
  const ask = { kind, at: isoAt(at, r.user.offsetMinutes), outcome };
  r.asks.push(ask);
  r.sink?.ask(r.user.id, ask);
}

function granted(r: Run, at: number, days: number): void {
  r.changes.push(at, 1);
  r.firstOptInAt ??= at;
  // Later opt-outs: each day, a chance of turning notifications off in settings.
  const k = geometric(r.rng, r.pop.optOutDaily, days + 1);
  r.optOutAt = k > days ? Number.POSITIVE_INFINITY : at + (k + 1) * MS_DAY;
}

function optOut(r: Run): void {
  const at = r.optOutAt;
  r.optOutAt = Number.POSITIVE_INFINITY;
  revoke(r.os);
  r.optedOut++;
  r.changes.push(at, 0);
  r.sink?.permission(r.user.id, isoAt(at, r.user.offsetMinutes), 'denied');
}

/** A permission request; the OS shows the dialog only if it would. */
function request(r: Run, at: number, gesture: boolean, primed: boolean, days: number): void {
  const { device } = r.user;
  if (!showsDialog(device, r.os, at, gesture)) return;
  r.dialogs++;
  const model = r.pop.dialogs[device.family];
  if (model === undefined) return; // unreachable: the loader requires a model for every platform
  const outcome = drawDialog(r.rng, primed ? model.primed : model.cold);
  answerDialog(device, r.os, outcome, at);
  addAsk(r, 'system-prompt', at, outcome);
  if (outcome === 'granted') granted(r, at, days);
}

function softPrompt(r: Run, at: number, session: number, moment: Moment, days: number): void {
  r.soft++;
  if (dialogState(r.user.device, r.os, at) !== 'available') r.anomalies.softPromptWithoutDialog++;
  const s = r.pop.soft;
  const p = s.accept * s.moments[moment] * (session === 1 ? s.firstSession : 1) * s.repeat ** (r.soft - 1);
  const answeredAt = at + ANSWER_MS;
  if (r.rng.next() < p) {
    r.softAccepted++;
    addAsk(r, 'soft-prompt', answeredAt, 'accepted');
    request(r, answeredAt + ANSWER_MS, true, true, days);
  } else {
    addAsk(r, 'soft-prompt', answeredAt, r.rng.next() < s.notNowShare ? 'declined' : 'dismissed');
  }
}

function settingsLink(r: Run, at: number, days: number): void {
  r.links++;
  const state = dialogState(r.user.device, r.os, at);
  // During Chromium's auto-block the dialog is only paused: the engine waits it out.
  if (state === 'available' || state === 'granted' || state === 'embargoed')
    r.anomalies.settingsLinkWhileAskable++;
  const opened = r.rng.next() < r.pop.link.open;
  const answeredAt = at + ANSWER_MS;
  addAsk(r, 'settings-link', answeredAt, opened ? 'opened' : 'dismissed');
  if (opened && r.os.setting !== 'granted' && r.rng.next() < r.pop.link.enable) {
    enableInSettings(r.os);
    r.sink?.permission(r.user.id, isoAt(answeredAt + ANSWER_MS, r.user.offsetMinutes), 'granted');
    granted(r, answeredAt + ANSWER_MS, days);
  }
}

/** The key-action counts a context carries, kept up to date as actions happen. */
type KeyActions = Record<string, { count: number; lastAt: string }>;

function contextOf(
  r: Run,
  at: number,
  permission: string,
  session: number,
  life: Life,
  trigger: string | undefined,
): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    now: isoAt(at, r.user.offsetMinutes),
    userId: r.user.id,
    platform: r.user.platform,
    permission,
    sessions: { count: session, firstSeenAt: life.installIso, currentStartedAt: life.sessionIso },
  };
  if (life.keyActions !== undefined) ctx.keyActions = life.keyActions;
  if (trigger !== undefined) ctx.trigger = trigger;
  if (r.asks.length > 0) ctx.asks = r.asks;
  return ctx;
}

function recordArms(arms: Map<string, string>, decision: Decision | undefined): void {
  const list = (decision as { experiments?: readonly { id: string; arm: string }[] } | undefined)
    ?.experiments;
  if (list === undefined) return;
  for (const e of list) if (!arms.has(e.id)) arms.set(e.id, e.arm);
}

/**
 * Simulates one user under one strategy for `days` local days.
 *
 * @example
 * const user = drawUser(pop, 0, userRng(seed, 0, STREAMS.life), start, 60);
 * const out = runUser(user, ruleSetStrategy('default', rules), pop, userRng(seed, 0, STREAMS.responses), 60);
 * out.optedIn; // true or false
 */
export function runUser(
  user: SimUser,
  strategy: Strategy,
  pop: Population,
  rng: Rng,
  days: number,
  sink?: LogSink,
): UserOutcome {
  const { device } = user;
  const r: Run = {
    user,
    pop,
    rng,
    sink,
    horizon: user.dayZero + days * MS_DAY,
    os: newOsState(device),
    asks: [],
    changes: [],
    anomalies: {
      softPromptWithoutDialog: 0,
      settingsLinkWhileAskable: 0,
      promptWhileGranted: 0,
      invalidContext: 0,
    },
    optOutAt: Number.POSITIVE_INFINITY,
    firstOptInAt: null,
    soft: 0,
    softAccepted: 0,
    dialogs: 0,
    links: 0,
    optedOut: 0,
  };
  if (r.os.setting === 'granted') {
    granted(r, user.installedAt, days);
    r.firstOptInAt = null; // on by default is not an opt-in the strategy earned
    sink?.permission(user.id, isoAt(user.installedAt, user.offsetMinutes), 'granted');
  }
  const life: Life = {
    installIso: isoAt(user.installedAt, user.offsetMinutes),
    sessionIso: '',
    counts: {},
    keyActions: undefined,
    arms: new Map(),
  };
  for (const session of user.sessions) {
    if (session.startedAt >= r.horizon) break;
    life.sessionIso = isoAt(session.startedAt, user.offsetMinutes);
    for (const m of session.moments) {
      if (m.at >= r.horizon) break;
      atMoment(r, strategy, life, session.number, m, days);
    }
  }
  if (r.optOutAt < r.horizon) optOut(r);
  return finish(r, days, life.arms);
}

/** What a user's contexts carry across moments. */
interface Life {
  readonly installIso: string;
  sessionIso: string;
  /** Key-action counts, updated as actions happen (`keyActions` once there is one). */
  readonly counts: KeyActions;
  keyActions: KeyActions | undefined;
  readonly arms: Map<string, string>;
}

/** One moment: the strategy acts, the user and the OS answer. */
function atMoment(r: Run, strategy: Strategy, life: Life, session: number, m: SimMoment, days: number): void {
  const { user } = r;
  if (r.optOutAt <= m.at) optOut(r);
  const action = m.action >= 0 ? r.pop.keyActions[m.action] : undefined;
  if (action !== undefined) {
    const prev = life.counts[action.name];
    life.counts[action.name] = { count: (prev?.count ?? 0) + 1, lastAt: isoAt(m.at, user.offsetMinutes) };
    life.keyActions = life.counts;
  }
  const permission = reportedPermission(user.device, r.os, m.at);
  const context = strategy.readsContext ? contextOf(r, m.at, permission, session, life, action?.name) : null;
  const { act, decision } = strategy.act({
    session,
    sessionStart: m.action < 0,
    permission,
    supported: user.device.supported,
    context,
  });
  if (decision !== undefined && context !== null) {
    r.sink?.decision(context, decision);
    if (decision.reason === 'invalid-context') r.anomalies.invalidContext++;
    recordArms(life.arms, decision);
  }
  if (act === 'wait') return;
  if (r.os.setting === 'granted' && act !== 'system-prompt') r.anomalies.promptWhileGranted++;
  if (act === 'soft-prompt') softPrompt(r, m.at, session, m.moment, days);
  else if (act === 'settings-link') settingsLink(r, m.at, days);
  else request(r, m.at, false, false, days);
}

function finish(r: Run, days: number, arms: Map<string, string>): UserOutcome {
  const { user } = r;
  const byDay = new Uint8Array(days);
  let state = 0;
  let next = 0;
  for (let d = 0; d < days; d++) {
    const end = user.dayZero + (d + 1) * MS_DAY;
    while (next < r.changes.length && (r.changes[next] as number) < end) {
      state = r.changes[next + 1] as number;
      next += 2;
    }
    byDay[d] = state;
  }
  const end = dialogState(user.device, r.os, r.horizon);
  const optedIn = r.os.setting === 'granted';
  return {
    optedIn,
    burned: !optedIn && end === 'gone',
    unsupported: end === 'unsupported',
    defaultOn: user.device.defaultOn,
    firstOptInAfter: r.firstOptInAt === null ? null : r.firstOptInAt - user.installedAt,
    softPromptsShown: r.soft,
    softAccepted: r.softAccepted,
    systemPromptsShown: r.dialogs,
    settingsLinksShown: r.links,
    optedOut: r.optedOut,
    optedInByDay: byDay,
    anomalies: r.anomalies,
    arms: [...arms],
  };
}
