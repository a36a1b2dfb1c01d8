/**
 * Synthetic decision logs (DESIGN.md section 10) with known answers, for the report's tests
 * and bench. Deterministic: the same spec (seed included) gives the same lines, byte for
 * byte. Each simulated user is assigned to arms by weight, decides to opt in or not with
 * the true rate of their arm in the first experiment they are enrolled in, and leaves the
 * lines an app would log on the way: decisions whose contexts carry the asks so far (so
 * asks appear twice, as ask records and inside later contexts), soft- and system-prompt
 * asks, permission records for opt-ins outside the prompt and later opt-outs, asks from
 * before the experiment started (which must not count as prompted), users seen again in
 * another arm (a salt change), users in no experiment, bad lines and blank lines.
 *
 * The truth (`GeneratedLog.truth`) is tallied from the simulation itself, not by reading
 * the lines back, so it checks the report independently.
 */
import { REASONS } from '../../src/rules/catalog.js';

/** One arm: its weight, whether it is a holdout, and the simulated behaviour. */
export interface ArmSpec {
  readonly name: string;
  readonly weight: number;
  readonly holdout?: boolean;
  /** True probability that an enrolled user ends up opted in. */
  readonly optInRate: number;
}

export interface ExperimentSpec {
  readonly id: string;
  readonly arms: readonly ArmSpec[];
  /** Share of users enrolled (the audience); default 1. */
  readonly audience?: number;
}

export interface LogSpec {
  readonly seed: number;
  readonly users: number;
  readonly experiments: readonly ExperimentSpec[];
  /** Opt-in rate of users in no experiment; default 0.3. */
  readonly baseOptInRate?: number;
  /** Share of non-holdout users shown the soft prompt; default 0.7. */
  readonly promptRate?: number;
  /** Share of opted-in users who later turn notifications off (a `denied` permission record); default 0.03. */
  readonly optOutRate?: number;
  /** Share of users with a soft-prompt ask before their enrollment; default 0.05. */
  readonly preExperimentAskRate?: number;
  /** Share of enrolled users seen again, later, in another arm of their first experiment; default 0.01. */
  readonly conflictRate?: number;
  /** Bad lines mixed in; default 0. */
  readonly badLines?: number;
  /** Blank lines mixed in (neither records nor skipped); default 0. */
  readonly blankLines?: number;
  /** First enrollment instant (ISO); users enroll over the following 30 days. */
  readonly start?: string;
  /** Users per batch whose lines are shuffled together (logs interleave users); default 200. */
  readonly batch?: number;
}

export interface ArmTruth {
  users: number;
  prompted: number;
  softAccepted: number;
  optedIn: number;
  denied: number;
}

export interface Truth {
  /** Lines that are records, skipped and blank. */
  records: number;
  skipped: number;
  blank: number;
  /** Distinct user ids. */
  users: number;
  experiments: Record<string, { users: number; conflicts: number; arms: Record<string, ArmTruth> }>;
}

/** mulberry32: a small, fast, seeded 32-bit generator (tests and bench only). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The reason a holdout user's decision carries: 'holdout' once the catalog has it (DESIGN.md
 * section 5; issue 10's runtime half), until then a reason the record schema accepts.
 */
const HOLDOUT_REASON = (REASONS as readonly string[]).includes('holdout') ? 'holdout' : 'no-rule-matched';

const OFFSETS = [0, 60, -300, 330, 540];
const PLATFORMS = [
  { os: 'ios', osVersion: '18.1' },
  { os: 'android', osVersion: '14', apiLevel: 34, targetSdk: 34 },
  { os: 'web', browser: 'chrome', hostOs: 'windows' },
] as const;
const TRIGGERS = ['order_placed', 'add_to_wishlist', 'follow_topic', 'article_read'];

/** An RFC 3339 timestamp of `ms` written in a fixed offset (minutes). */
export function isoAt(ms: number, offsetMinutes = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  if (offsetMinutes === 0) return `${local}Z`;
  const a = Math.abs(offsetMinutes);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

function pickArm(arms: readonly ArmSpec[], r: number): ArmSpec {
  const total = arms.reduce((s, a) => s + a.weight, 0);
  let x = r * total;
  for (const a of arms) {
    x -= a.weight;
    if (x < 0) return a;
  }
  return arms[arms.length - 1]!;
}

/** The bad lines the generator mixes in (each fails the record schema differently). */
export const BAD_LINES = [
  '{oops',
  '[1,2,3]',
  '{"type":"ask","at":"2026-03-01T09:30:00Z","ask":{"kind":"soft-prompt","at":"2026-03-01T09:30:00Z","outcome":"accepted"}}',
  '{"type":"permission","at":"2026-03-01T09:30:00Z","userId":"u-bad","permission":"maybe"}',
  '{"type":"click","at":"2026-03-01T09:30:00Z","userId":"u-bad"}',
  '{"type":"permission","at":"2026-03-01 09:30:00","userId":"u-bad","permission":"granted"}',
  '"just a string"',
];

/**
 * Generates a log: `emit` receives each line (without its newline) in log order; returns
 * the truth the report must find.
 *
 * @example
 * const lines: string[] = [];
 * const truth = generateLog({ seed: 1, users: 1000, experiments: [copy] }, (l) => lines.push(l));
 */
export function generateLog(spec: LogSpec, emit: (line: string) => void): Truth {
  const rand = seededRandom(spec.seed);
  const start = Date.parse(spec.start ?? '2026-03-01T00:00:00Z');
  const truth: Truth = { records: 0, skipped: 0, blank: 0, users: spec.users, experiments: {} };
  for (const e of spec.experiments) {
    const arms: Record<string, ArmTruth> = {};
    for (const a of e.arms) arms[a.name] = { users: 0, prompted: 0, softAccepted: 0, optedIn: 0, denied: 0 };
    truth.experiments[e.id] = { users: 0, conflicts: 0, arms };
  }
  const batchSize = spec.batch ?? 200;
  let bad = spec.badLines ?? 0;
  let blank = spec.blankLines ?? 0;
  let batch: string[] = [];
  const flush = () => {
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    for (const l of batch) emit(l);
    truth.records += batch.length;
    batch = [];
    if (bad > 0 && rand() < 0.5) {
      emit(BAD_LINES[bad % BAD_LINES.length]!);
      bad--;
      truth.skipped++;
    }
    if (blank > 0 && rand() < 0.5) {
      emit('');
      blank--;
      truth.blank++;
    }
  };
  for (let u = 0; u < spec.users; u++) {
    simulateUser(spec, u, start + Math.floor(rand() * 30 * 86_400_000), rand, truth, (l) => batch.push(l));
    if (batch.length >= batchSize * 4) flush();
  }
  flush();
  for (; bad > 0; bad--, truth.skipped++) emit(BAD_LINES[bad % BAD_LINES.length]!);
  for (; blank > 0; blank--, truth.blank++) emit('');
  return truth;
}

type Ask = { kind: string; at: string; outcome: string };

/** One user's lines; tallies the user into `truth`. */
function simulateUser(
  spec: LogSpec,
  u: number,
  t0: number,
  rand: () => number,
  truth: Truth,
  push: (line: string) => void,
): void {
  const userId = `u-${u.toString(36).padStart(5, '0')}`;
  const offset = OFFSETS[u % OFFSETS.length]!;
  const platform = PLATFORMS[u % PLATFORMS.length]!;
  const assignments: { e: ExperimentSpec; arm: ArmSpec }[] = [];
  for (const e of spec.experiments) {
    if (rand() < (e.audience ?? 1)) assignments.push({ e, arm: pickArm(e.arms, rand()) });
  }
  const first = assignments[0]?.arm;
  const holdout = assignments.some((a) => a.arm.holdout === true);
  const optIn = rand() < (first?.optInRate ?? spec.baseOptInRate ?? 0.3);
  const prompted = !holdout && rand() < (spec.promptRate ?? 0.7);
  const optOut = optIn && rand() < (spec.optOutRate ?? 0.03);
  const conflict = assignments.length > 0 && rand() < (spec.conflictRate ?? 0.01);

  const asks: Ask[] = [];
  const askLine = (ask: Ask) => {
    asks.push(ask);
    push(JSON.stringify({ type: 'ask', at: ask.at, userId, ask }));
  };
  const permissionLine = (ms: number, permission: string) =>
    push(JSON.stringify({ type: 'permission', at: isoAt(ms, offset), userId, permission }));
  let status = 'not-determined';
  const decision = (ms: number, experiments: { id: string; arm: string }[], show: boolean) => {
    const now = isoAt(ms, offset);
    const context = {
      now,
      userId,
      platform,
      permission: status,
      sessions: { count: 1 + (u % 7), firstSeenAt: isoAt(t0 - 7 * 86_400_000, offset) },
      trigger: TRIGGERS[u % TRIGGERS.length],
      ...(asks.length > 0 && { asks: [...asks] }),
    };
    const inHoldout = experiments.some((x) =>
      spec.experiments.some((e) => e.id === x.id && e.arms.some((a) => a.name === x.arm && a.holdout)),
    );
    const d = show
      ? { action: 'show-soft-prompt', reason: 'rule-matched', ruleId: 'after-first-order' }
      : { action: 'wait', reason: inHoldout ? HOLDOUT_REASON : 'no-rule-matched' };
    push(
      JSON.stringify({
        type: 'decision',
        at: now,
        userId,
        ruleSet: 'default@3f9c2a1b',
        context,
        decision: {
          ...d,
          retryAt: null,
          ruleSet: 'default@3f9c2a1b',
          ...(experiments.length > 0 && { experiments }),
        },
      }),
    );
  };

  // An ask from before any experiment: in later contexts, never counted as prompted.
  if (rand() < (spec.preExperimentAskRate ?? 0.05))
    askLine({ kind: 'soft-prompt', at: isoAt(t0 - 3 * 86_400_000, offset), outcome: 'dismissed' });

  const listed = assignments.map((a) => ({ id: a.e.id, arm: a.arm.name }));
  decision(t0, listed, prompted);
  let softAccepted = false;
  if (prompted) {
    softAccepted = optIn || rand() < 0.3;
    const soft = softAccepted ? 'accepted' : rand() < 0.5 ? 'declined' : 'dismissed';
    askLine({ kind: 'soft-prompt', at: isoAt(t0 + 2_000, offset), outcome: soft });
    if (softAccepted) {
      const system = optIn ? (platform.os === 'ios' && rand() < 0.2 ? 'provisional' : 'granted') : 'denied';
      askLine({ kind: 'system-prompt', at: isoAt(t0 + 5_000, offset), outcome: system });
      status = system;
    }
  }
  if (optIn && !softAccepted) {
    // Opted in outside the prompt (a feature's own request, or Settings).
    status = 'granted';
    permissionLine(t0 + 86_400_000, status);
  } else if (!optIn && !softAccepted && rand() < 0.2) {
    status = 'denied';
    permissionLine(t0 + 86_400_000, status);
  }
  // A later session: the context reports the current status and carries the asks so far.
  const later = conflict
    ? listed.map((x, i) => (i === 0 ? { id: x.id, arm: otherArm(assignments[0]!.e, x.arm) } : x))
    : listed;
  decision(t0 + 2 * 86_400_000, later, false);
  if (optOut) {
    status = 'denied';
    permissionLine(t0 + 10 * 86_400_000, status);
  }

  for (const [i, a] of assignments.entries()) {
    const e = truth.experiments[a.e.id]!;
    const t = e.arms[a.arm.name]!;
    e.users++;
    if (i === 0 && conflict && later[0]!.arm !== a.arm.name) e.conflicts++;
    t.users++;
    if (prompted) t.prompted++;
    if (softAccepted) t.softAccepted++;
    if (status === 'granted' || status === 'provisional') t.optedIn++;
    if (status === 'denied') t.denied++;
  }
}

function otherArm(e: ExperimentSpec, arm: string): string {
  return e.arms.find((a) => a.name !== arm)?.name ?? arm;
}
