/**
 * `systemPrompt(context)`: will the OS or browser permission dialog show if the app
 * requests it now? The question apps ask most (across the issue trackers of
 * react-native-permissions, Expo, OneSignal and notifee), answered from the same platform
 * model `decide` uses (platform.ts over the history summary of history.ts, where each
 * platform fact is cited), so the two can never disagree.
 */
import { type Context, type ContextInput, safeParseContext } from '../context/parse.js';
import type { Issue } from '../shared/errors.js';
import { formatTimestamp } from '../shared/time.js';
import { summarizeHistory } from './history.js';
import { assessPlatform, requiresUserGesture } from './platform.js';

/**
 * The answer. `asksLeft`: how many more denials the platform takes before its dialog is
 * gone (dismissals do not count; iOS 1, Android 13+ 2 minus those on record, web 1: a
 * "Block" is sticky). `retryAt`: when an embargo ends. `requiresUserGesture`: the request
 * must come from inside a click handler (Firefox, Safari, every browser on iOS).
 */
export type SystemPrompt =
  /** The dialog shows if requested now. */
  | {
      readonly status: 'available';
      readonly asksLeft: number;
      readonly retryAt: null;
      readonly requiresUserGesture: boolean;
    }
  /** Notifications are off and the dialog will not show again: only settings can turn them on. */
  | {
      readonly status: 'exhausted';
      readonly asksLeft: 0;
      readonly retryAt: null;
      readonly requiresUserGesture: boolean;
    }
  /** Chromium auto-blocks the origin's dialog until `retryAt` (after repeated dismissals or ignores). */
  | {
      readonly status: 'embargoed';
      readonly asksLeft: number;
      readonly retryAt: string;
      readonly requiresUserGesture: boolean;
    }
  /** Notifications are on (`granted`), or push is impossible here (`unsupported`). */
  | {
      readonly status: 'granted' | 'unsupported';
      readonly asksLeft: null;
      readonly retryAt: null;
      readonly requiresUserGesture: boolean;
    }
  /** The context failed validation (fail closed: do not request); `issues` says why. */
  | {
      readonly status: 'invalid-context';
      readonly asksLeft: null;
      readonly retryAt: null;
      readonly requiresUserGesture: false;
      readonly issues: Issue[];
    };

/**
 * Whether the system permission dialog shows if requested now, and how many denials it has
 * left. Takes a context document (validated like `decide`'s) or a Context from
 * `parseContext` (recognized by its numeric `now`, trusted as `decideParsed` trusts it).
 * Never throws: an invalid context gives status `invalid-context` with the issues.
 *
 * @example
 * systemPrompt({ now: '2026-03-01T19:00:00+01:00', platform: { os: 'android', apiLevel: 34 },
 *   permission: 'denied', canAskAgain: false, sessions: { count: 2 },
 *   asks: [{ kind: 'system-prompt', at: '2026-02-27T10:00:00Z', outcome: 'dismissed' }] });
 * // { status: 'available', asksLeft: 1, retryAt: null, requiresUserGesture: false }
 */
export function systemPrompt(context: ContextInput | Context): SystemPrompt {
  try {
    if (typeof context === 'object' && context !== null && typeof context.now === 'number') {
      return answer(context as Context);
    }
    const r = safeParseContext(context);
    return r.success ? answer(r.data) : invalid(r.issues);
  } catch {
    // Unreachable for a context from parseContext or for any JSON; kept so that this never throws.
    return invalid([{ code: 'invalid-type', path: [], message: 'context could not be read' }]);
  }
}

function answer(ctx: Context): SystemPrompt {
  const p = assessPlatform(ctx, summarizeHistory(ctx));
  const requiresGesture = requiresUserGesture(ctx);
  const embargo = p.embargoUntil;
  const status =
    p.status !== 'off'
      ? p.status
      : p.systemPromptAvailable
        ? 'available'
        : embargo !== null
          ? 'embargoed'
          : 'exhausted';
  // The platform model gives each state its asks left (null when on or unsupported, 0 when
  // exhausted, 1 during an embargo), so the fields combine as SystemPrompt declares.
  return {
    status,
    asksLeft: p.asksLeft,
    retryAt: embargo === null ? null : formatTimestamp(embargo),
    requiresUserGesture: requiresGesture,
  } as SystemPrompt;
}

function invalid(issues: Issue[]): SystemPrompt {
  return { status: 'invalid-context', asksLeft: null, retryAt: null, requiresUserGesture: false, issues };
}
