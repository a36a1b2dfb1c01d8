/**
 * What the simulated app does at each moment: ask the engine (a rule set), or follow one of
 * the built-in baselines the field compares against.
 *
 * - `first-launch`: the system dialog at the start of the first session, no soft prompt
 *   (a request at launch: no user gesture, so Firefox and Safari show nothing).
 * - `primer-first-launch`: a soft prompt at the start of the first session, then the dialog
 *   on "Allow" (from the click: a user gesture).
 *
 * Both skip users for whom the app can see there is nothing to ask (already granted,
 * web push unsupported), as any app checking the permission first would.
 */
import { createDecider, type Decision } from '../../index.js';

/** What the app does now. */
export type Act = 'wait' | 'soft-prompt' | 'settings-link' | 'system-prompt';

/** What a strategy sees at a moment. */
export interface MomentView {
  /** 1-based session number. */
  readonly session: number;
  /** True at a session start, false at a key action. */
  readonly sessionStart: boolean;
  /** The permission as the OS/browser reports it (the context's `permission`). */
  readonly permission: string;
  /** Whether web push exists at all here (an app can test `'Notification' in window`). */
  readonly supported: boolean;
  /** The context the engine is sent (null for strategies that do not read it). */
  readonly context: Record<string, unknown> | null;
}

export interface Strategy {
  readonly name: string;
  /** The rule set's `name@hash`; null for a baseline. */
  readonly ruleSet: string | null;
  /** Whether `act` reads the context (only then is it built). */
  readonly readsContext: boolean;
  act(view: MomentView): { readonly act: Act; readonly decision?: Decision };
}

export const BASELINES = ['first-launch', 'primer-first-launch'] as const;
export type Baseline = (typeof BASELINES)[number];

const WAIT = { act: 'wait' } as const;
const SYSTEM = { act: 'system-prompt' } as const;
const SOFT = { act: 'soft-prompt' } as const;

/**
 * A built-in baseline strategy.
 *
 * @example
 * baselineStrategy('first-launch').act(view); // { act: 'system-prompt' } at the first session's start
 */
export function baselineStrategy(name: Baseline): Strategy {
  const move = name === 'first-launch' ? SYSTEM : SOFT;
  return {
    name,
    ruleSet: null,
    readsContext: false,
    act: (v) =>
      v.session === 1 && v.sessionStart && v.supported && v.permission !== 'granted' ? move : WAIT,
  };
}

const ACTS: Readonly<Record<Decision['action'], Act>> = {
  'show-soft-prompt': 'soft-prompt',
  'show-settings-link': 'settings-link',
  wait: 'wait',
};

/**
 * A strategy that asks the engine with a rule set at every moment.
 *
 * @example
 * ruleSetStrategy('default', JSON.parse(readFileSync('rules/default.json', 'utf8')));
 */
export function ruleSetStrategy(name: string, ruleSet: unknown): Strategy {
  const decider = createDecider(ruleSet);
  return {
    name,
    ruleSet: decider.ruleSet.id,
    readsContext: true,
    act: (v) => {
      const decision = decider.decideUnknown(v.context);
      return { act: ACTS[decision.action], decision };
    },
  };
}
