/**
 * usePushPrompt: the engine in a React Native app with Expo's notifications permission API
 * and the client kit, the history kept in AsyncStorage.
 *
 *   const prompt = usePushPrompt(rules);             // rules: a preset or your own rule set
 *   await prompt.moment('order_placed');              // a key action: record it, decide with it
 *   if (prompt.decision?.action === 'show-soft-prompt') show your primer: prompt.accept() / prompt.notNow()
 *
 * Swap Expo for react-native-permissions with ./rnPermissions.ts (same shape).
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import * as Notifications from 'expo-notifications';
import { type ContextInput, createDecider, type Decision, type RuleSet } from 'push-prompt-engine';
import {
  type AskInput,
  denialsOnRecord,
  migrate,
  outcomeFromExpo,
  type PromptHistory,
  permissionFromExpo,
  recordAction,
  recordAsk,
  recordSession,
  toContext,
} from 'push-prompt-engine/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AppState, Linking, Platform } from 'react-native';

const STORAGE_KEY = 'push-prompt-history';
/** Back after this long in the background: a new session. */
const NEW_SESSION_AFTER_MS = 30 * 60_000;

export interface PushPrompt {
  /** The latest decision (null before the first one, or where push is unavailable). */
  readonly decision: Decision | null;
  /** The stored history is loaded. */
  readonly ready: boolean;
  /** A key action happened: record it and decide with it as the moment. */
  moment(trigger: string): Promise<Decision | null>;
  /** Decide now, without a key action. */
  decide(): Promise<Decision | null>;
  /** The soft prompt's "Yes": request the OS permission and record how it went. */
  accept(): Promise<void>;
  /** The soft prompt's "Not now". */
  notNow(): Promise<void>;
  /** The settings link was tapped: record it and open the app's settings. */
  openSettings(): Promise<void>;
}

export interface PushPromptOptions {
  readonly storageKey?: string;
  /**
   * iOS provisional-first (rules/ios-provisional.json): at the first launch, request
   * provisional authorization silently (no dialog; notifications arrive quietly), so the
   * rules see `provisional` and can offer the upgrade later.
   */
  readonly provisionalFirst?: boolean;
}

/** What the rules read about this device. Android's targetSdk is left out: absent counts as 33+. */
export function devicePlatform(): ContextInput['platform'] {
  return Platform.OS === 'ios'
    ? { os: 'ios', osVersion: String(Platform.Version) }
    : { os: 'android', apiLevel: Number(Platform.Version) };
}

const IOS_ALERTS = { allowAlert: true, allowBadge: true, allowSound: true };

export function usePushPrompt(rules: RuleSet | object, options: PushPromptOptions = {}): PushPrompt {
  const decider = useMemo(() => createDecider(rules), [rules]);
  const key = options.storageKey ?? STORAGE_KEY;
  const provisionalFirst = options.provisionalFirst === true;
  const history = useRef<PromptHistory | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [ready, setReady] = useState(false);

  /** Applies a kit update and persists the result (the kit never changes the old state). */
  const update = useCallback(
    async (change: (s: PromptHistory) => PromptHistory): Promise<PromptHistory | null> => {
      if (history.current === null) return null;
      history.current = change(history.current);
      await AsyncStorage.setItem(key, JSON.stringify(history.current));
      return history.current;
    },
    [key],
  );
  const record = useCallback((ask: AskInput) => update((s) => recordAsk(s, ask)), [update]);

  // Load the history, count this session (and a new one after 30 minutes away).
  useEffect(() => {
    let cancelled = false;
    let backgroundSince: number | null = null;
    void (async () => {
      const saved = await AsyncStorage.getItem(key);
      if (cancelled) return;
      history.current = migrate(parse(saved));
      const s = await update((h) => recordSession(h, new Date()));
      if (provisionalFirst && Platform.OS === 'ios' && s?.sessions.count === 1) {
        const before = await Notifications.getPermissionsAsync();
        if (before.ios?.status === Notifications.IosAuthorizationStatus.NOT_DETERMINED) {
          const at = new Date();
          const after = await Notifications.requestPermissionsAsync({
            ios: { ...IOS_ALERTS, allowProvisional: true },
          });
          const outcome = outcomeFromExpo(after, before, 0);
          if (outcome !== null) await record({ kind: 'system-prompt', outcome, at });
        }
      }
      setReady(true);
    })();
    const subscription = AppState.addEventListener('change', (next) => {
      if (next !== 'active') {
        backgroundSince ??= Date.now();
        return;
      }
      if (backgroundSince !== null && Date.now() - backgroundSince > NEW_SESSION_AFTER_MS) {
        void update((h) => recordSession(h, new Date()));
      }
      backgroundSince = null;
    });
    return () => {
      cancelled = true;
      subscription.remove();
    };
  }, [key, provisionalFirst, record, update]);

  const decide = useCallback(
    async (trigger?: string): Promise<Decision | null> => {
      const h = history.current;
      if (h === null) return null;
      const reading = permissionFromExpo(await Notifications.getPermissionsAsync());
      if ('unsupported' in reading) {
        setDecision(null);
        return null;
      }
      const d = decider.decide(
        toContext(h, {
          now: new Date(), // at the device's offset: quiet hours are the user's
          platform: devicePlatform(),
          ...reading,
          ...(trigger !== undefined && { trigger }),
        }),
      );
      setDecision(d);
      return d;
    },
    [decider],
  );

  return {
    decision,
    ready,
    moment: async (trigger) => {
      await update((h) => recordAction(h, trigger, new Date()));
      return decide(trigger);
    },
    decide: () => decide(),
    accept: async () => {
      const s = await record({ kind: 'soft-prompt', outcome: 'accepted', at: new Date() });
      setDecision(null);
      const before = await Notifications.getPermissionsAsync();
      const at = new Date();
      const after = await Notifications.requestPermissionsAsync({ ios: IOS_ALERTS });
      const outcome = outcomeFromExpo(after, before, s === null ? 0 : denialsOnRecord(s));
      if (outcome !== null) await record({ kind: 'system-prompt', outcome, at });
    },
    notNow: async () => {
      await record({ kind: 'soft-prompt', outcome: 'declined', at: new Date() });
      setDecision(null);
    },
    openSettings: async () => {
      await record({ kind: 'settings-link', outcome: 'opened', at: new Date() });
      setDecision(null);
      await Linking.openSettings();
    },
  };
}

/** A stored history, or null for nothing or something unreadable (migrate starts afresh). */
function parse(saved: string | null): unknown {
  if (saved === null) return null;
  try {
    return JSON.parse(saved);
  } catch {
    return null;
  }
}
