/**
 * Shared fixtures: the default rule set, the sample contexts, a typical context (a late
 * rule of the default set matches after a history check), and generators for the scaling
 * scenarios. Deterministic: no clock, no randomness.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** rules/default.json as parsed JSON. */
export const defaultRules = readJson('rules/default.json');

/** The typical context: matches `content-consumed` (7th of 8 rules) after a cooldown check. */
export const typicalContext = readJson('bench/fixtures/typical-context.json');

/** examples/contexts/*.json, sorted by name. */
export const sampleContexts: { readonly name: string; readonly json: unknown }[] = readdirSync(
  'examples/contexts',
)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), json: readJson(join('examples/contexts', f)) }));

/**
 * A rule set of `n` rules in priority order where only the last one matches the typical
 * context: every rule but the last needs a key action nobody did, so all `n` are evaluated
 * (two conditions each). Not keyed on the trigger on purpose: the decider skips rules whose
 * trigger conjunct cannot hold without evaluating them, which would hide the per-rule cost.
 */
export function generatedRules(n: number): unknown {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    rules.push({
      id: `rule-${i}`,
      priority: n - i,
      conditions: {
        all: [
          { fact: 'sessionCount', operator: 'greaterThanInclusive', value: 2 },
          {
            fact: 'keyActions',
            path: `$.${last ? 'content_viewed' : `action_${i}`}.count`,
            operator: 'greaterThanInclusive',
            value: 1,
          },
          { fact: 'softPromptShows', operator: 'lessThan', value: 3 },
        ],
      },
      event: { type: 'show-soft-prompt', params: { variant: `v${i % 10}` } },
    });
  }
  return { name: `generated-${n}`, rules };
}

const KINDS = [
  ['soft-prompt', ['declined', 'dismissed', 'accepted']],
  ['system-prompt', ['dismissed', 'ignored']],
  ['settings-link', ['opened', 'dismissed']],
] as const;

/**
 * The typical context with `n` prior asks spread over the two years before `now`
 * (distinct, in no particular order). The decision stays a `wait` on the soft prompt once
 * the asks pile up (caps), which is what a long history does.
 */
export function contextWithAsks(n: number): unknown {
  const base = typicalContext as Record<string, unknown>;
  const start = Date.UTC(2024, 10, 23, 12, 0, 0);
  const span = 2 * 365 * 86_400_000;
  const asks = [];
  for (let i = 0; i < n; i++) {
    const [kind, outcomes] = KINDS[i % 3] as (typeof KINDS)[number];
    // A fixed permutation of times (multiplicative step) so the input is unsorted.
    const slot = (i * 7919) % Math.max(n, 1);
    const at = new Date(start + Math.floor((slot / Math.max(n, 1)) * span) + i).toISOString();
    asks.push({ kind, at, outcome: outcomes[i % outcomes.length] });
  }
  return { ...base, asks };
}
