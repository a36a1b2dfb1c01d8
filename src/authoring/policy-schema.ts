/**
 * The zod schema of a rule set's `policy` block: the JSON Schema's source for editors. The
 * loader validates the same block by hand (src/rules/policy.ts, same bounds); a
 * differential test keeps the two equal.
 */
import * as z from 'zod/mini';
import { POLICY_BOUNDS } from '../rules/policy.js';

const B = POLICY_BOUNDS;
const hour = z.number().check(z.int(), z.minimum(0), z.maximum(B.maxHour));
const count = z.number().check(z.int(), z.minimum(0), z.maximum(B.maxCount));
const cooldownDays = z
  .array(z.number().check(z.minimum(0), z.maximum(B.maxCooldownDays)))
  .check(z.maxLength(B.maxLadder));

/** Soft-prompt or settings-link policy. */
const kindPolicy = z.strictObject({
  cooldownDays: z.optional(cooldownDays),
  maxShows: z.optional(count),
  maxPerSession: z.optional(count),
});

/**
 * The zod schema of the `policy` block (zod/mini), for tooling.
 *
 * @example
 * PolicySchema.safeParse({ quietHours: { from: 22, to: 8 } }).success; // true
 */
export const PolicySchema = z.strictObject({
  softPrompt: z.optional(kindPolicy),
  settingsLink: z.optional(kindPolicy),
  quietHours: z.optional(
    z
      .strictObject({ from: hour, to: hour })
      .check(z.refine((q) => q.from !== q.to, { message: '"from" and "to" must differ' })),
  ),
});
