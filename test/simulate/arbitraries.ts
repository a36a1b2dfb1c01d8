/**
 * Generated populations for the simulator's property tests: every platform family (iOS,
 * Android 11-15 with both target SDKs, Chromium, Firefox, Safari, iOS web in and out of
 * the Home Screen), any response probabilities (0 and 1 included), key actions named like
 * the generated rule sets' triggers, any offsets and hours. Always valid for the loader.
 */
import fc from 'fast-check';
import { TRIGGERS } from '../support/arbitraries.js';

type Json = { [k: string]: unknown };

const PLATFORMS: readonly Json[] = [
  { os: 'ios', osVersion: '18.2' },
  { os: 'ios', osVersion: '16.1' },
  { os: 'android', apiLevel: 35, targetSdk: 35 },
  { os: 'android', apiLevel: 33, targetSdk: 32 },
  { os: 'android', apiLevel: 31 },
  { os: 'android' },
  { os: 'web', browser: 'chrome', hostOs: 'windows' },
  { os: 'web', browser: 'edge', hostOs: 'macos' },
  { os: 'web', browser: 'firefox', hostOs: 'linux' },
  { os: 'web', browser: 'safari', hostOs: 'macos' },
  { os: 'web', browser: 'safari', hostOs: 'ios', osVersion: '17.4', installedToHomeScreen: true },
  { os: 'web', browser: 'safari', hostOs: 'ios', osVersion: '16.3', installedToHomeScreen: true },
  { os: 'web', browser: 'chrome', hostOs: 'ios', osVersion: '18.0', installedToHomeScreen: false },
];

const cite = (value: number): Json => ({ value, assumption: true, reason: 'generated' });
/** A number in [lo, hi] in steps of 1/1000 (fc.double favours subnormals, which model nothing). */
const num = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((n) => n / 1000);
/** Probabilities biased to the edges, where the model's branches are. */
const prob = fc.oneof({ weight: 3, arbitrary: num(0, 1) }, fc.constantFrom(0, 1, 0.5)).map(cite);
const weight = fc.oneof(num(0.01, 5), fc.constant(1)).map(cite);
const factor = num(0, 3).map(cite);
/** Mostly in [lo, hi] (lives long enough to meet the rules twice), sometimes anything. */
const mostly = (lo: number, hi: number) => fc.oneof({ weight: 4, arbitrary: num(lo, hi).map(cite) }, prob);

/**
 * A dialog model; `dismissive` users rarely allow and never deny, so they pile up the
 * dismissals and ignores behind Chromium's auto-block.
 */
const dialog = (kind: 'two' | 'android' | 'browser', dismissive = false): fc.Arbitrary<Json> => {
  const base = { allow: dismissive ? num(0, 0.1).map(cite) : prob };
  const deny = dismissive ? fc.constant(cite(0)) : weight;
  const rest =
    kind === 'two'
      ? {}
      : kind === 'android'
        ? { deny, dismiss: weight }
        : { deny, dismiss: weight, ignore: weight };
  return fc.record({ primed: fc.record({ ...base, ...rest }), cold: fc.record({ ...base, ...rest }) });
};

const keyAction = fc.record({
  name: fc.constantFrom(...TRIGGERS, 'content_viewed', 'page_view'),
  moment: fc.constantFrom('intent', 'neutral', 'task', 'asked'),
  when: fc.constantFrom('any', 'first-session'),
  perSession: num(0, 3).map(cite),
});

/**
 * A valid population over the given platforms (default: any non-empty subset of all).
 *
 * @example
 * fc.assert(fc.property(populationArb(), (pop) => { loadPopulation(pop); }));
 */
export function populationArb(
  platforms: readonly Json[] = PLATFORMS,
  options: { readonly dismissive?: boolean } = {},
): fc.Arbitrary<Json> {
  const d = options.dismissive === true;
  return fc
    .record({
      chosen: fc.subarray([...platforms], { minLength: 1 }),
      shares: fc.array(weight, { minLength: platforms.length, maxLength: platforms.length }),
      offsets: fc.uniqueArray(fc.constantFrom(-600, -300, 0, 60, 330, 345, 540, 780), {
        minLength: 1,
        maxLength: 4,
      }),
      hours: fc.array(num(0, 5), { minLength: 24, maxLength: 24 }),
      keyActions: fc.uniqueArray(keyAction, { maxLength: 5, selector: (a) => a.name }),
      sessions: fc.record({
        returnRate: mostly(0.6, 1),
        activeDayRate: mostly(0.3, 1),
        dailyChurn: mostly(0, 0.1),
        perActiveDay: num(1, 4).map(cite),
      }),
      soft: fc.record({
        accept: mostly(0.3, 1),
        notNowShare: prob,
        moments: fc.record({ start: factor, intent: factor, neutral: factor, task: factor, asked: factor }),
        firstSession: factor,
        repeat: factor,
      }),
      dialogs: fc.record({
        ios: dialog('two'),
        android: dialog('android', d),
        chromium: dialog('browser', d),
        firefox: dialog('browser', d),
        safari: dialog('two'),
      }),
      link: fc.record({ open: prob, enable: prob }),
      optOutDaily: prob,
    })
    .map((g) => ({
      name: 'generated',
      platforms: g.chosen.map((platform, i) => ({ name: `p${i}`, share: g.shares[i], platform })),
      offsets: g.offsets.map((minutes) => ({ minutes, share: cite(1) })),
      sessions: {
        ...g.sessions,
        hours: {
          weights: g.hours.map((h, i) => (i === 12 ? h + 1 : h)),
          assumption: true,
          reason: 'generated',
        },
      },
      keyActions: g.keyActions,
      responses: {
        softPrompt: g.soft,
        systemDialog: g.dialogs,
        settingsLink: g.link,
        optOutDaily: g.optOutDaily,
      },
    }));
}

export const IOS_ONLY = PLATFORMS.filter((p) => p.os === 'ios');
export const ANDROID_ONLY = PLATFORMS.filter((p) => p.os === 'android');
export const WEB_ONLY = PLATFORMS.filter((p) => p.os === 'web');
