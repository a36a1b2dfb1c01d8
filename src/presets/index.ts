/**
 * push-prompt-engine/presets: the shipped rule sets (rules/*.json) as typed, frozen
 * objects, ready for `createDecider`. A separate entry, so the runtime entry's bundle never
 * carries them: an app that imports one preset through this entry carries all of them
 * (about 5 kB each before gzip); to ship exactly one, import its JSON file instead
 * (`push-prompt-engine/rules/web.json`).
 *
 * The JSON files stay the one source: tsup inlines them at build time, and TypeScript
 * infers each object's type from its file, so there is no generated copy to keep fresh.
 */
import defaultRules from '../../rules/default.json' with { type: 'json' };
import delivery from '../../rules/delivery.json' with { type: 'json' };
import ecommerce from '../../rules/ecommerce.json' with { type: 'json' };
import fintech from '../../rules/fintech.json' with { type: 'json' };
import iosProvisional from '../../rules/ios-provisional.json' with { type: 'json' };
import news from '../../rules/news.json' with { type: 'json' };
import primerExperiment from '../../rules/primer-experiment.json' with { type: 'json' };
import saas from '../../rules/saas.json' with { type: 'json' };
import web from '../../rules/web.json' with { type: 'json' };

/** A JSON value, read-only all the way down. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

function freeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/**
 * Every shipped rule set by name: `default` (any app), and the presets for `ecommerce`,
 * `news`, `saas`, `fintech`, `delivery`, `web` (a web site), `primer-experiment` (primer
 * copy tested against a 10% never-prompted holdout) and `ios-provisional` (iOS
 * provisional-first). Frozen: copy one
 * (`structuredClone`) to edit it.
 *
 * @example
 * import { createDecider } from 'push-prompt-engine';
 * import { presets } from 'push-prompt-engine/presets';
 * const decider = createDecider(presets.ecommerce);
 * presets.ecommerce.rules.map((r) => r.id); // ['never-mid-task', 'value-first-session', …]
 */
export const presets = freeze({
  default: defaultRules,
  ecommerce,
  news,
  saas,
  fintech,
  delivery,
  web,
  'primer-experiment': primerExperiment,
  'ios-provisional': iosProvisional,
});

/** The name of a shipped rule set. */
export type PresetName = keyof typeof presets;

/** One shipped rule set, as its JSON file holds it. */
export type Preset = (typeof presets)[PresetName];

/**
 * The names of the shipped rule sets, `default` first.
 *
 * @example
 * PRESET_NAMES.includes('web'); // true
 */
export const PRESET_NAMES: readonly PresetName[] = Object.freeze(Object.keys(presets) as PresetName[]);
