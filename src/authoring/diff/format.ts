/**
 * The readable form of a diff or replay report: the totals, the changes grouped by
 * transition and by rule, then each listed change on one line.
 */
import type { Change, ChangeReport, SkipReason } from './report.js';

const SKIP_WORDS: Readonly<Record<SkipReason, readonly [string, string]>> = {
  'rule-set': ['rule set', 'rule sets'],
  'json-schema': ['JSON Schema', 'JSON Schemas'],
  'not-a-context': ['document that is not a context', 'documents that are not contexts'],
  'other-record': ['ask or permission record', 'ask or permission records'],
  'bad-line': ['bad line', 'bad lines'],
  'empty-list': ['empty list', 'empty lists'],
  'context-without-decision': ['context without a logged decision', 'contexts without a logged decision'],
};

const count = (n: number, [one, many]: readonly [string, string]): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const plural = (n: number, word: string): string => count(n, [word, `${word}s`]);

/** `show-soft-prompt (after-save, saved-item-alerts)` or `wait (cooldown, after-save, until …)`. */
function describeDecision(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (d.reason !== 'rule-matched') parts.push(String(d.reason));
  if (typeof d.ruleId === 'string') parts.push(d.ruleId);
  const params = d.params as { variant?: unknown } | undefined;
  if (params !== undefined && typeof params.variant === 'string') parts.push(`variant ${params.variant}`);
  if (typeof d.retryAt === 'string') parts.push(`until ${d.retryAt}`);
  return parts.length === 0 ? String(d.action) : `${String(d.action)} (${parts.join(', ')})`;
}

/**
 * One change on one line.
 *
 * @example
 * formatChange({ source: 'test/cases.json:12', before: { action: 'show-soft-prompt', … }, after: { action: 'wait', … } });
 * // 'test/cases.json:12  show-soft-prompt (after-save) → wait (no-rule-matched)'
 */
export function formatChange(c: Change, width = 0): string {
  return `${c.source.padEnd(width)}  ${describeDecision(c.before)} → ${describeDecision(c.after)}`;
}

function table(title: string, counts: Readonly<Record<string, number>>): string[] {
  const rows = Object.entries(counts);
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ['', `${title}:`, ...rows.map(([k, n]) => `  ${k.padEnd(width)}  ${n.toLocaleString('en-US')}`)];
}

/**
 * The whole report as text (ends with a newline).
 *
 * @example
 * io.out(formatChangeReport(report, 'rules/default.json → rules/next.json'));
 */
export function formatChangeReport(r: ChangeReport, heading: string): string {
  const lines = [heading, ''];
  const share = r.total === 0 ? '' : ` (${((100 * r.changed) / r.total).toFixed(1)}%)`;
  lines.push(
    r.changed === 0
      ? `No change: ${plural(r.total, 'context')} decided the same.`
      : `${r.changed.toLocaleString('en-US')} of ${plural(r.total, 'context')} change${share}.`,
  );
  lines.push(...table('By transition', r.byTransition), ...table('By rule (before → after)', r.byRule));
  if (r.changes.length > 0) {
    const width = Math.min(48, Math.max(...r.changes.map((c) => c.source.length)));
    lines.push('', 'Changes:', ...r.changes.map((c) => `  ${formatChange(c, width)}`));
    if (r.unlisted > 0)
      lines.push(`  … and ${plural(r.unlisted, 'more change')} (raise --limit to list them)`);
  }
  const skipped = Object.entries(r.skipped) as [SkipReason, number][];
  if (skipped.length > 0) {
    lines.push('', `Skipped: ${skipped.map(([k, n]) => count(n, SKIP_WORDS[k])).join(', ')}.`);
    for (const b of r.badLines) lines.push(`  ${b.source}:${b.line}  ${b.message}`);
  }
  return `${lines.join('\n')}\n`;
}
