/**
 * The report's state while it streams a log: a few numbers per user and per enrollment,
 * in typed arrays (struct of arrays) so a million users cost megabytes, not hundreds of
 * them. Nothing depends on the order lines arrive in: every field is a maximum or a
 * minimum under a total order (latest `at`, then a fixed tie-break), so shuffled or
 * duplicated lines give the same state.
 *
 * Kept per user (29 bytes, plus the id in a Map): the latest soft-prompt ask, the
 * latest accepted soft-prompt ask, the latest permission observation (its instant and a
 * one-byte code), and the head of the user's enrollments. Kept per (user, experiment)
 * (21 bytes): the experiment, the first arm, the first enrollment instant, whether
 * another arm was ever seen, and the link to the user's next enrollment. Nothing else; the
 * lines themselves are dropped as soon as they are read.
 */

import { Column } from './columns.js';

/** Where a permission observation came from; at the same instant the higher one wins. */
export const SOURCE_RANK = { context: 1, systemPrompt: 2, permissionRecord: 3 } as const;

/**
 * Permission statuses as codes; at the same instant and source the higher code wins (an
 * arbitrary but fixed order, so duplicates in any order give one answer).
 */
export const STATUS_CODE = {
  'not-determined': 1,
  default: 1,
  denied: 2,
  provisional: 3,
  ephemeral: 4,
  granted: 5,
} as const;

export type StatusName = keyof typeof STATUS_CODE;
/** Codes that count as opted in (DESIGN.md section 11: granted, provisional or ephemeral). */
export const isOptedIn = (code: number): boolean => code >= STATUS_CODE.provisional;
export const isDenied = (code: number): boolean => code === STATUS_CODE.denied;

/** Users by id, with their latest asks and permission observation. */
export class UserTable {
  private readonly index = new Map<string, number>();
  /** Latest soft-prompt ask (epoch ms), -Infinity when none. */
  readonly softAt = new Column(Float64Array, Number.NEGATIVE_INFINITY);
  /** Latest accepted soft-prompt ask. */
  readonly acceptedAt = new Column(Float64Array, Number.NEGATIVE_INFINITY);
  /** Latest permission observation: its instant, and source rank * 8 + status code. */
  private readonly permissionAt = new Column(Float64Array, Number.NEGATIVE_INFINITY);
  private readonly permissionKey = new Column(Uint8Array);
  /** The user's most recent enrollment slot + 1 (0: none); see {@link Enrollments}. */
  readonly firstSlot = new Column(Int32Array);

  get size(): number {
    return this.index.size;
  }

  /** The user's row, added on first sight. */
  row(userId: string): number {
    let i = this.index.get(userId);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(userId, i);
      this.firstSlot.set(i, 0);
      this.softAt.set(i, Number.NEGATIVE_INFINITY);
      this.acceptedAt.set(i, Number.NEGATIVE_INFINITY);
      this.permissionAt.set(i, Number.NEGATIVE_INFINITY);
      this.permissionKey.set(i, 0);
    }
    return i;
  }

  softPrompt(row: number, atMs: number, accepted: boolean): void {
    if (atMs > this.softAt.get(row)) this.softAt.set(row, atMs);
    if (accepted && atMs > this.acceptedAt.get(row)) this.acceptedAt.set(row, atMs);
  }

  permission(row: number, atMs: number, source: number, status: number): void {
    const key = source * 8 + status;
    const at = this.permissionAt.get(row);
    if (atMs > at || (atMs === at && key > this.permissionKey.get(row))) {
      this.permissionAt.set(row, atMs);
      this.permissionKey.set(row, key);
    }
  }

  /** The status code of the user's latest observation; 0 when none. */
  status(row: number): number {
    return this.permissionKey.get(row) % 8;
  }
}

/**
 * Every (user, experiment) enrollment: first arm, first instant, conflict. A user's slots
 * form a linked list from {@link UserTable.firstSlot} (a user is in a handful of
 * experiments at most), so no hash table per experiment is needed.
 */
export class Enrollments {
  /** Experiment ids and, per experiment, its arm names, by index. */
  readonly experiments: string[] = [];
  readonly arms: string[][] = [];
  private readonly experimentIndex = new Map<string, number>();
  private readonly armIndex: Map<string, number>[] = [];
  size = 0;
  readonly experiment = new Column(Int32Array);
  readonly arm = new Column(Int32Array);
  readonly at = new Column(Float64Array);
  /** 1 when the user was also seen in another arm. */
  readonly conflict = new Column(Uint8Array);
  /** The user's next slot + 1 (0: end of the list). */
  readonly next = new Column(Int32Array);

  constructor(private readonly users: UserTable) {}

  /** The index of an experiment id, added on first sight. */
  experimentOf(id: string): number {
    let e = this.experimentIndex.get(id);
    if (e === undefined) {
      e = this.experiments.length;
      this.experiments.push(id);
      this.arms.push([]);
      this.armIndex.push(new Map());
      this.experimentIndex.set(id, e);
    }
    return e;
  }

  private armOf(e: number, name: string): number {
    const index = this.armIndex[e]!;
    let a = index.get(name);
    if (a === undefined) {
      a = index.size;
      index.set(name, a);
      this.arms[e]!.push(name);
    }
    return a;
  }

  /** Records that `row` was in `armName` of `experimentId` at `atMs`; the earliest (then alphabetically first) arm wins. */
  enroll(row: number, experimentId: string, armName: string, atMs: number): void {
    const e = this.experimentOf(experimentId);
    const a = this.armOf(e, armName);
    let slot = this.users.firstSlot.get(row) - 1;
    while (slot >= 0 && this.experiment.get(slot) !== e) slot = this.next.get(slot) - 1;
    if (slot < 0) {
      const s = this.size++;
      this.experiment.set(s, e);
      this.arm.set(s, a);
      this.at.set(s, atMs);
      this.conflict.set(s, 0);
      this.next.set(s, this.users.firstSlot.get(row));
      this.users.firstSlot.set(row, s + 1);
      return;
    }
    const current = this.arm.get(slot);
    const currentAt = this.at.get(slot);
    if (a !== current) this.conflict.set(slot, 1);
    if (atMs < currentAt || (atMs === currentAt && armName < this.arms[e]![current]!)) {
      this.arm.set(slot, a);
      this.at.set(slot, atMs);
    }
  }
}
