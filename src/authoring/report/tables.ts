/**
 * The report's state while it streams a log: a few numbers per user and per enrollment,
 * in typed arrays (struct of arrays) so a million users cost megabytes, not hundreds of
 * them. Nothing depends on the order lines arrive in: every field is a maximum or a
 * minimum under a total order (latest `at`, then a fixed tie-break), so shuffled or
 * duplicated lines give the same state.
 *
 * Kept per user: the latest soft-prompt ask, the latest accepted soft-prompt ask, and the
 * latest permission observation (its instant and a one-byte code). Kept per (user,
 * experiment): the first arm, the first enrollment instant, and whether another arm was
 * ever seen. Nothing else; the lines themselves are dropped as soon as they are read.
 */

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

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number, fill?: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  if (fill !== undefined) next.fill(fill, a.length);
  return next;
}

/** Users by id, with their latest asks and permission observation. */
export class UserTable {
  private readonly index = new Map<string, number>();
  /** Latest soft-prompt ask (epoch ms), -Infinity when none. */
  softAt = new Float64Array(1024).fill(Number.NEGATIVE_INFINITY);
  /** Latest accepted soft-prompt ask. */
  acceptedAt = new Float64Array(1024).fill(Number.NEGATIVE_INFINITY);
  /** Latest permission observation: instant, and source rank * 8 + status code. */
  permissionAt = new Float64Array(1024).fill(Number.NEGATIVE_INFINITY);
  permissionKey = new Uint8Array(1024);

  get size(): number {
    return this.index.size;
  }

  /** The user's row, added on first sight. */
  row(userId: string): number {
    let i = this.index.get(userId);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(userId, i);
      if (i >= this.softAt.length) {
        const n = i + 1;
        this.softAt = grow(this.softAt, n, Number.NEGATIVE_INFINITY);
        this.acceptedAt = grow(this.acceptedAt, n, Number.NEGATIVE_INFINITY);
        this.permissionAt = grow(this.permissionAt, n, Number.NEGATIVE_INFINITY);
        this.permissionKey = grow(this.permissionKey, n);
      }
    }
    return i;
  }

  softPrompt(row: number, atMs: number, accepted: boolean): void {
    if (atMs > this.softAt[row]!) this.softAt[row] = atMs;
    if (accepted && atMs > this.acceptedAt[row]!) this.acceptedAt[row] = atMs;
  }

  permission(row: number, atMs: number, source: number, status: number): void {
    const key = source * 8 + status;
    const at = this.permissionAt[row]!;
    if (atMs > at || (atMs === at && key > this.permissionKey[row]!)) {
      this.permissionAt[row] = atMs;
      this.permissionKey[row] = key;
    }
  }

  /** The status code of the user's latest observation; 0 when none. */
  status(row: number): number {
    return this.permissionKey[row]! % 8;
  }
}

/** The enrollments of one experiment: first arm, first instant, conflicts. */
export class EnrollmentTable {
  readonly arms: string[] = [];
  private readonly armIndex = new Map<string, number>();
  private readonly slotOf = new Map<number, number>();
  user = new Int32Array(256);
  arm = new Int32Array(256);
  at = new Float64Array(256);
  /** 1 when the user was also seen in another arm. */
  conflict = new Uint8Array(256);

  get size(): number {
    return this.slotOf.size;
  }

  /** Records that `row` was in `armName` at `atMs`; the earliest (then alphabetically first) arm wins. */
  enroll(row: number, armName: string, atMs: number): void {
    let a = this.armIndex.get(armName);
    if (a === undefined) {
      a = this.arms.length;
      this.arms.push(armName);
      this.armIndex.set(armName, a);
    }
    const slot = this.slotOf.get(row);
    if (slot === undefined) {
      const s = this.slotOf.size;
      this.slotOf.set(row, s);
      if (s >= this.user.length) {
        this.user = grow(this.user, s + 1);
        this.arm = grow(this.arm, s + 1);
        this.at = grow(this.at, s + 1);
        this.conflict = grow(this.conflict, s + 1);
      }
      this.user[s] = row;
      this.arm[s] = a;
      this.at[s] = atMs;
      return;
    }
    const current = this.arm[slot]!;
    const currentAt = this.at[slot]!;
    if (a !== current) this.conflict[slot] = 1;
    if (atMs < currentAt || (atMs === currentAt && armName < this.arms[current]!)) {
      this.arm[slot] = a;
      this.at[slot] = atMs;
    }
  }
}
