/**
 * examples/web, run the way a visitor would: the page served from 127.0.0.1 (the package's
 * built bundles, so `npm run build` first; test/support/chromium.ts), in headless Chromium
 * with a fresh profile (`npm run test:example-web`, a CI step after Chromium is installed), at a
 * fixed time in Tokyo (so quiet hours are known and the kit's local offset is visible). The
 * browser grants or denies notifications through its own permission settings; a dismissal,
 * which headless Chromium cannot produce (it answers denied), is a stubbed
 * `Notification.requestPermission` resolving "default".
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorInto } from '../../examples/web/serve.mjs';
import { type OpenPage, openPage, type Served, serveFolder } from '../support/chromium.js';

const READY = 'body[data-ready]';
const DAY = 86_400_000;
let dir: string;
let server: Served;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ppe-web-example-'));
  cpSync('examples/web', dir, { recursive: true, filter: (f) => !f.includes('/vendor') });
  await vendorInto(join(dir, 'vendor'));
  server = await serveFolder(dir);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** The example at 12:00 in Tokyo on 2026-03-04, history empty; `init` runs before the page's scripts. */
async function visit(init?: string): Promise<OpenPage> {
  const p = await openPage(`${server.url}/index.html`, { waitFor: READY });
  const cdp = await p.page.context().newCDPSession(p.page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Tokyo' });
  await p.page.clock.install({ time: new Date('2026-03-04T03:00:00Z') });
  if (init !== undefined) await p.page.addInitScript({ content: init });
  await p.page.evaluate('localStorage.clear()');
  await p.page.reload();
  await p.page.waitForSelector(READY, { state: 'attached' });
  return p;
}

async function history(p: OpenPage) {
  const raw = (await p.page.evaluate("localStorage.getItem('push-prompt-history')")) as string | null;
  return JSON.parse(raw ?? 'null') as {
    sessions: { count: number; currentStartedAt: string };
    asks: { kind: string; outcome: string; at: string }[];
  };
}

const decision = (p: OpenPage) => p.page.getAttribute('#decision', 'data-reason');
const outcomes = async (p: OpenPage) => (await history(p)).asks.map((a) => `${a.kind}/${a.outcome}`);

async function acceptSoftPrompt(p: OpenPage) {
  await p.page.click('#notify-me');
  expect(await p.page.getAttribute('#decision', 'data-action')).toBe('show-soft-prompt');
  expect(await p.page.isVisible('#soft-prompt')).toBe(true);
}

describe('examples/web in headless Chromium', () => {
  it('grant: the accept click requests the permission in the gesture, and the history records it', async () => {
    const p = await visit();
    try {
      // First visit: value first, no ask.
      expect(await p.text('#decision')).toBe('wait (rule-matched, value-first-session)');
      await acceptSoftPrompt(p);
      await p.page.context().grantPermissions(['notifications'], { origin: server.url });
      await p.page.click('#accept');
      await p.page.waitForFunction(
        "document.getElementById('decision').dataset.reason === 'already-granted'",
      );
      expect(await p.page.getAttribute('body', 'data-requested-in-gesture')).toBe('true');
      expect(await p.text('#permission')).toBe('granted');
      const h = await history(p);
      expect(h.asks.map((a) => `${a.kind}/${a.outcome}`)).toEqual([
        'soft-prompt/accepted',
        'system-prompt/granted',
      ]);
      // The kit wrote the visitor's local time, not UTC.
      expect(h.sessions.currentStartedAt).toMatch(/^2026-03-04T12:00:00(\.\d+)?\+09:00$/);
      // The history survives a reload (a new session).
      await p.page.reload();
      await p.page.waitForSelector(READY, { state: 'attached' });
      expect(await decision(p)).toBe('already-granted');
      expect((await history(p)).sessions.count).toBe(2);
      expect(p.console).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('deny: the browser blocks, and the next "notify me" gets unblock instructions', async () => {
    const p = await visit();
    try {
      await acceptSoftPrompt(p);
      const cdp = await p.page.context().newCDPSession(p.page);
      await cdp.send('Browser.setPermission', {
        permission: { name: 'notifications' },
        setting: 'denied',
        origin: server.url,
      });
      await p.page.click('#accept');
      await p.page.waitForFunction("document.getElementById('permission').textContent === 'denied'");
      expect(await outcomes(p)).toEqual(['soft-prompt/accepted', 'system-prompt/denied']);
      await p.page.click('#notify-me');
      expect(await p.page.getAttribute('#decision', 'data-action')).toBe('show-settings-link');
      expect(await p.page.isVisible('#settings-link')).toBe(true);
      expect(await outcomes(p)).toContain('settings-link/opened');
    } finally {
      await p.close();
    }
  });

  it('dismissal: an accepted soft prompt whose dialog was closed backs off like a "Not now"', async () => {
    const p = await visit('Notification.requestPermission = () => Promise.resolve("default");');
    try {
      await acceptSoftPrompt(p);
      await p.page.click('#accept');
      await p.page.waitForFunction(
        "JSON.parse(localStorage.getItem('push-prompt-history')).asks.length === 2",
      );
      expect(await outcomes(p)).toEqual(['soft-prompt/accepted', 'system-prompt/dismissed']);
      // Next visit, a day later: still inside the 3-day back-off.
      await p.page.clock.fastForward(DAY);
      await p.page.reload();
      await p.page.waitForSelector(READY, { state: 'attached' });
      await p.page.click('#notify-me');
      expect(await decision(p)).toBe('cooldown');
      expect(await p.page.isVisible('#soft-prompt')).toBe(false);
      // Four days after the dismissal it may ask again.
      await p.page.clock.fastForward(3 * DAY);
      await p.page.reload();
      await p.page.waitForSelector(READY, { state: 'attached' });
      await p.page.click('#notify-me');
      expect(await p.page.getAttribute('#decision', 'data-action')).toBe('show-soft-prompt');
    } finally {
      await p.close();
    }
  });
});
