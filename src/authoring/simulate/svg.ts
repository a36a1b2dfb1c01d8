/**
 * The opt-in chart: opt-in rate (y) over days since install (x), one line per strategy,
 * with axes, grid, labels and a legend. Hand-written SVG (no dependency), every number
 * rounded to one decimal, so the same results give the same bytes.
 */
import type { SimulationResult } from './results.js';

/** Okabe-Ito: distinguishable with every common colour-vision deficiency. */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3'];

const W = 800;
const H = 440;
const M = { top: 48, right: 250, bottom: 58, left: 64 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const f = (n: number): string => (Math.round(n * 10) / 10).toString();
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round step giving about `target` ticks over [0, max]. */
function niceStep(max: number, target: number): number {
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/**
 * The chart as SVG text (ends with a newline).
 *
 * @example
 * writeFileSync('opt-in.svg', renderOptInSvg(result));
 */
export function renderOptInSvg(result: SimulationResult): string {
  const days = result.days;
  const top = Math.max(0.05, ...result.strategies.flatMap((s) => s.optInCurve));
  const yStep = niceStep(top, 5);
  const yMax = Math.ceil(top / yStep - 1e-9) * yStep;
  const xStep = days <= 14 ? 1 : days <= 30 ? 5 : days <= 90 ? 10 : niceStep(days, 6);
  const x = (d: number): number => M.left + (d / days) * PW;
  const y = (r: number): number => M.top + PH - (r / yMax) * PH;
  const title = `Opt-in over time: population ${result.population}`;
  // For screen readers: what the chart shows, in words.
  const summary = result.strategies
    .map(
      (s) =>
        `${s.name}: ${f(s.optInRate * 100)}% opted in after ${days} days, ${f(s.burnedRate * 100)}% burned`,
    )
    .join('; ');
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<desc>${esc(summary)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="22" font-size="15" font-weight="600" fill="#222">${esc(title)}</text>`,
    `<text x="${M.left}" y="39" fill="#555">${esc(`${result.users.toLocaleString('en-US')} simulated users, ${days} days, seed ${result.seed}`)}</text>`,
  );
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    const yy = f(y(v));
    out.push(
      `<line x1="${M.left}" y1="${yy}" x2="${M.left + PW}" y2="${yy}" stroke="#e3e3e3"/>`,
      `<text x="${M.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#444">${f(v * 100)}%</text>`,
    );
  }
  for (let d = 0; d <= days; d += xStep) {
    const xx = f(x(d));
    out.push(
      `<line x1="${xx}" y1="${M.top + PH}" x2="${xx}" y2="${M.top + PH + 5}" stroke="#444"/>`,
      `<text x="${xx}" y="${M.top + PH + 19}" text-anchor="middle" fill="#444">${d}</text>`,
    );
  }
  out.push(
    `<line x1="${M.left}" y1="${M.top + PH}" x2="${M.left + PW}" y2="${M.top + PH}" stroke="#444"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + PH}" stroke="#444"/>`,
    `<text x="${f(M.left + PW / 2)}" y="${H - 14}" text-anchor="middle" fill="#222">Days since install</text>`,
    `<text transform="translate(18 ${f(M.top + PH / 2)}) rotate(-90)" text-anchor="middle" fill="#222">Opted in (share of all users)</text>`,
  );
  result.strategies.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] as string;
    const dash = DASHES[Math.floor(i / COLORS.length) % DASHES.length] as string;
    const pts = s.optInCurve.map((r, d) => `${f(x(d + 1))},${f(y(r))}`).join(' ');
    out.push(
      `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2.2" stroke-linejoin="round"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`,
    );
    const ly = M.top + 8 + i * 36;
    const lx = M.left + PW + 18;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="3"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`,
      `<text x="${lx + 30}" y="${ly}" dominant-baseline="middle" fill="#222">${esc(s.name)}</text>`,
      `<text x="${lx + 30}" y="${ly + 15}" dominant-baseline="middle" fill="#666" font-size="11">${f(s.optInRate * 100)}% opted in, ${f(s.burnedRate * 100)}% burned</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
