/**
 * The simulated OS (src/authoring/simulate/world.ts), each rule against its platform's
 * documentation: when the dialog shows, what the permission API reports, what an answer does.
 */
import { describe, expect, it } from 'vitest';
import {
  answerDialog,
  deviceOf,
  dialogState,
  enableInSettings,
  newOsState,
  reportedPermission,
  revoke,
  showsDialog,
} from '../../src/authoring/simulate/world.js';

const DAY = 86_400_000;
const t0 = 1_772_409_600_000;

describe('the simulated OS', () => {
  it('iOS: one alert per install; either answer ends it', () => {
    const ios = deviceOf({ os: 'ios', osVersion: '18.2' });
    for (const outcome of ['granted', 'denied'] as const) {
      const os = newOsState(ios);
      expect(reportedPermission(ios, os, t0)).toBe('not-determined');
      expect(showsDialog(ios, os, t0, false)).toBe(true);
      answerDialog(ios, os, outcome, t0);
      expect(showsDialog(ios, os, t0 + DAY, true)).toBe(false);
      expect(dialogState(ios, os, t0)).toBe(outcome === 'granted' ? 'granted' : 'gone');
      expect(reportedPermission(ios, os, t0)).toBe(outcome);
    }
  });

  it('Android 13+: a second denial ends the dialog; a dismissal is not a denial; targetSdk 32 gets one', () => {
    const android = deviceOf({ os: 'android', apiLevel: 34, targetSdk: 34 });
    const os = newOsState(android);
    answerDialog(android, os, 'dismissed', t0);
    answerDialog(android, os, 'dismissed', t0);
    expect(dialogState(android, os, t0)).toBe('available');
    answerDialog(android, os, 'denied', t0);
    expect(reportedPermission(android, os, t0)).toBe('denied');
    expect(dialogState(android, os, t0)).toBe('available');
    answerDialog(android, os, 'denied', t0);
    expect(dialogState(android, os, t0)).toBe('gone');

    const legacy = deviceOf({ os: 'android', apiLevel: 34, targetSdk: 32 });
    const once = newOsState(legacy);
    answerDialog(legacy, once, 'denied', t0);
    expect(dialogState(legacy, once, t0)).toBe('gone');
  });

  it('Android 12 and below: on by default, no dialog; turned off it stays off until settings', () => {
    const old = deviceOf({ os: 'android', apiLevel: 31 });
    const os = newOsState(old);
    expect(reportedPermission(old, os, t0)).toBe('granted');
    revoke(os);
    expect(dialogState(old, os, t0)).toBe('gone');
    enableInSettings(os);
    expect(reportedPermission(old, os, t0)).toBe('granted');
  });

  it("Chromium: 3 dismissals or 4 ignores auto-block for 7 days, reading 'denied' meanwhile; each later dismissal starts 7 more", () => {
    const chrome = deviceOf({ os: 'web', browser: 'chrome', hostOs: 'windows' });
    const os = newOsState(chrome);
    answerDialog(chrome, os, 'dismissed', t0);
    answerDialog(chrome, os, 'dismissed', t0 + 1);
    expect(dialogState(chrome, os, t0 + 2)).toBe('available');
    answerDialog(chrome, os, 'dismissed', t0 + 2);
    expect(dialogState(chrome, os, t0 + 3)).toBe('embargoed');
    expect(reportedPermission(chrome, os, t0 + 3)).toBe('denied');
    expect(dialogState(chrome, os, t0 + 2 + 7 * DAY)).toBe('available');
    expect(reportedPermission(chrome, os, t0 + 2 + 7 * DAY)).toBe('not-determined');
    answerDialog(chrome, os, 'dismissed', t0 + 10 * DAY);
    expect(dialogState(chrome, os, t0 + 16 * DAY)).toBe('embargoed');

    const ignored = newOsState(chrome);
    for (let i = 0; i < 3; i++) answerDialog(chrome, ignored, 'ignored', t0);
    expect(dialogState(chrome, ignored, t0)).toBe('available');
    answerDialog(chrome, ignored, 'ignored', t0);
    expect(dialogState(chrome, ignored, t0 + 1)).toBe('embargoed');

    const blocked = newOsState(chrome);
    answerDialog(chrome, blocked, 'denied', t0);
    expect(dialogState(chrome, blocked, t0 + 365 * DAY)).toBe('gone');
  });

  it('Firefox and Safari show the dialog only from a user gesture; Firefox dismissals never auto-block', () => {
    for (const browser of ['firefox', 'safari'] as const) {
      const d = deviceOf({ os: 'web', browser, hostOs: 'macos' });
      const os = newOsState(d);
      expect(showsDialog(d, os, t0, false)).toBe(false);
      expect(showsDialog(d, os, t0, true)).toBe(true);
    }
    const firefox = deviceOf({ os: 'web', browser: 'firefox', hostOs: 'linux' });
    const os = newOsState(firefox);
    for (let i = 0; i < 5; i++) answerDialog(firefox, os, 'dismissed', t0);
    expect(dialogState(firefox, os, t0)).toBe('available');
  });

  it('iOS web: push only in a Home Screen web app on 16.4+', () => {
    const states = [
      [{ osVersion: '18.2', installedToHomeScreen: false }, 'unsupported'],
      [{ osVersion: '16.3', installedToHomeScreen: true }, 'unsupported'],
      [{ osVersion: '16.4', installedToHomeScreen: true }, 'available'],
      [{ osVersion: '17.0', installedToHomeScreen: true }, 'available'],
    ] as const;
    for (const [p, expected] of states) {
      const d = deviceOf({ os: 'web', browser: 'safari', hostOs: 'ios', ...p });
      expect(dialogState(d, newOsState(d), t0), JSON.stringify(p)).toBe(expected);
    }
  });
});
