/**
 * The readable form of a simulation: one row per strategy, warnings for any invariant the
 * simulated OS saw broken, experiment arms, and the sensitivity runs.
 */
import type { SimulationResult, StrategyResult } from './results.js';
import type { SensitivityResult } from './sensitivity.js';

const pct = (r: number): string => `${(r * 100).toFixed(1)}%`;
const int = (n: number): string => n.toLocaleString('en-US');

/** Columns padded to their widest cell: text columns left-aligned, the others right-aligned. */
function table(rows: string[][], left: (column: number) => boolean = (c) => c === 0): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (left(c) ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function anomalyLines(s: StrategyResult): string[] {
  const a = s.anomalies;
  const out: string[] = [];
  if (a.softPromptWithoutDialog > 0)
    out.push(
      `${s.name}: ${int(a.softPromptWithoutDialog)} soft prompts while the simulated OS would not show the dialog`,
    );
  if (a.settingsLinkWhileAskable > 0)
    out.push(
      `${s.name}: ${int(a.settingsLinkWhileAskable)} settings links while the dialog could still be shown (or notifications were on)`,
    );
  if (a.promptWhileGranted > 0)
    out.push(`${s.name}: ${int(a.promptWhileGranted)} prompts to users whose notifications were on`);
  if (a.invalidContext > 0)
    out.push(`${s.name}: ${int(a.invalidContext)} contexts the engine refused as invalid (see --log)`);
  return out;
}

/**
 * The results as text (ends with a newline).
 *
 * @example
 * io.out(formatSimulation(result));
 */
export function formatSimulation(r: SimulationResult, sens?: SensitivityResult): string {
  const days = Object.keys(r.strategies[0]?.optInByDay ?? {}).filter((d) => d !== String(r.days));
  const head = [
    'strategy',
    `opt-in d${r.days}`,
    ...days.map((d) => `d${d}`),
    'burned',
    'soft prompts',
    'dialogs',
    'settings links',
    'median days',
  ];
  const rows = r.strategies.map((s) => [
    s.name,
    pct(s.optInRate),
    ...days.map((d) => pct(s.optInByDay[d] ?? 0)),
    pct(s.burnedRate),
    int(s.softPromptsShown),
    int(s.systemPromptsShown),
    int(s.settingsLinksShown),
    s.medianDaysToOptIn === null ? '-' : s.medianDaysToOptIn.toFixed(1),
  ]);
  const lines = [
    `Simulated ${int(r.users)} users of population "${r.population}" for ${r.days} days (seed ${r.seed}, from ${r.start}).`,
    '',
    ...table([head, ...rows]),
    '',
    'opt-in: opted in at the end of the day; burned: not opted in and the OS will never show the dialog again;',
    'median days: from install to opting in, among those who did (through a dialog or a settings link).',
  ];
  const warnings = r.strategies.flatMap(anomalyLines);
  if (warnings.length > 0)
    lines.push('', 'Invariant breaches seen by the simulated OS:', ...warnings.map((w) => `  ${w}`));
  for (const s of r.strategies) {
    if (s.experiments === undefined) continue;
    for (const [id, arms] of Object.entries(s.experiments)) {
      lines.push('', `Experiment ${id} (${s.name}):`);
      lines.push(
        ...table([
          ['arm', 'users', 'opt-in', 'soft prompts', 'dialogs'],
          ...Object.entries(arms).map(([arm, a]) => [
            arm,
            int(a.users),
            pct(a.optInRate),
            int(a.softPromptsShown),
            int(a.systemPromptsShown),
          ]),
        ]).map((l) => `  ${l}`),
      );
    }
  }
  if (sens !== undefined) lines.push('', ...formatSensitivity(sens));
  return `${lines.join('\n')}\n`;
}

/**
 * The sensitivity runs as text lines.
 *
 * @example
 * formatSensitivity(s); // ['Sensitivity to sessions.returnRate (ranked by opt-in): …', …]
 */
export function formatSensitivity(s: SensitivityResult): string[] {
  const by = s.metric === 'optInRate' ? 'opt-in' : 'fewest burned';
  const names = s.runs[0]?.ranking ?? [];
  const order = [...names].sort();
  const rows = [
    [s.parameter, ...order.flatMap((n) => [`${n} opt-in`, 'burned']), 'ranking'],
    ...s.runs.map((run) => [
      String(run.value),
      ...order.flatMap((n) => [pct(run.optInRate[n] ?? 0), pct(run.burnedRate[n] ?? 0)]),
      run.ranking.join(' > '),
    ]),
  ];
  const last = (rows[0]?.length ?? 1) - 1;
  const out = [
    `Sensitivity to ${s.parameter} (ranked by ${by}):`,
    ...table(rows, (c) => c === 0 || c === last).map((l) => `  ${l}`),
  ];
  if (s.holds)
    out.push(
      `The ranking holds across ${s.parameter} = ${s.runs[0]?.value}..${s.runs[s.runs.length - 1]?.value}.`,
    );
  for (const f of s.flips)
    out.push(
      `The ranking flips between ${s.parameter} = ${f.between[0]} and ${f.between[1]}: ${f.from.join(' > ')} becomes ${f.to.join(' > ')}.`,
    );
  return out;
}
