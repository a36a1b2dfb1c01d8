/**
 * The web example: the engine decides, the client kit keeps the history in localStorage,
 * and the soft prompt's accept click requests the browser permission inside that click
 * handler (Firefox and Safari show their dialog only from a user gesture).
 *
 * It imports the built, client-safe bundles (`node examples/web/serve.mjs` makes them from
 * dist/ into ./vendor/); in an app with a bundler, import from 'push-prompt-engine' and
 * 'push-prompt-engine/client' instead.
 */
import { createDecider } from './vendor/push-prompt-engine.js';
import {
  migrate,
  outcomeFromWeb,
  permissionFromWeb,
  recordAction,
  recordAsk,
  recordSession,
  toContext,
} from './vendor/push-prompt-engine-client.js';

const KEY = 'push-prompt-history';
const $ = (id) => document.getElementById(id);

const decider = createDecider(await (await fetch('./vendor/web.json')).json());
let state = migrate(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
const save = () => localStorage.setItem(KEY, JSON.stringify(state));

/** What the rules read about the browser (a coarse user-agent reading is enough here). */
function platform() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'edge'
    : /OPR\//.test(ua)
      ? 'opera'
      : /SamsungBrowser\//.test(ua)
        ? 'samsung'
        : /Firefox\//.test(ua)
          ? 'firefox'
          : /Chrome\//.test(ua)
            ? 'chrome'
            : /Safari\//.test(ua)
              ? 'safari'
              : 'other';
  const hostOs = /iPad/.test(ua)
    ? 'ipados'
    : /iPhone|iPod/.test(ua)
      ? 'ios'
      : /Android/.test(ua)
        ? 'android'
        : /CrOS/.test(ua)
          ? 'chromeos'
          : /Mac OS X/.test(ua)
            ? 'macos'
            : /Windows/.test(ua)
              ? 'windows'
              : /Linux/.test(ua)
                ? 'linux'
                : 'other';
  const standalone = matchMedia('(display-mode: standalone)').matches;
  return { os: 'web', browser, hostOs, installedToHomeScreen: standalone };
}

const browserPermission = () => (typeof Notification === 'undefined' ? undefined : Notification.permission);

/** Asks the engine, and shows what it says. */
function decide(trigger) {
  const reading = permissionFromWeb(browserPermission());
  $('permission').textContent = browserPermission() ?? 'unsupported';
  if ('unsupported' in reading) {
    $('decision').textContent = 'wait (unsupported: no Notification API here)';
    return;
  }
  const context = toContext(state, {
    now: new Date(), // written at the device's offset: quiet hours are the visitor's
    platform: platform(),
    ...reading,
    ...(trigger !== undefined && { trigger }),
  });
  const d = decider.decide(context);
  $('decision').textContent = `${d.action} (${d.reason}${d.ruleId ? `, ${d.ruleId}` : ''})`;
  $('decision').dataset.action = d.action;
  $('decision').dataset.reason = d.reason;
  $('soft-prompt').hidden = d.action !== 'show-soft-prompt';
  $('settings-link').hidden = d.action !== 'show-settings-link';
  if (d.action === 'show-settings-link') {
    state = recordAsk(state, { kind: 'settings-link', outcome: 'opened', at: new Date() });
    save();
  }
}

$('read-more').addEventListener('click', () => {
  state = recordAction(state, 'page_view', new Date());
  save();
  decide('page_view');
});

$('notify-me').addEventListener('click', () => {
  state = recordAction(state, 'notify_me_clicked', new Date());
  save();
  decide('notify_me_clicked');
});

$('accept').addEventListener('click', async () => {
  state = recordAsk(state, { kind: 'soft-prompt', outcome: 'accepted', at: new Date() });
  save();
  $('soft-prompt').hidden = true;
  // Inside the click handler: this click is the user gesture the browser needs.
  document.body.dataset.requestedInGesture = String(navigator.userActivation?.isActive ?? 'unknown');
  const asked = new Date();
  const result = await Notification.requestPermission();
  const outcome = outcomeFromWeb(result);
  if (outcome !== null) state = recordAsk(state, { kind: 'system-prompt', outcome, at: asked });
  save();
  decide();
});

$('not-now').addEventListener('click', () => {
  state = recordAsk(state, { kind: 'soft-prompt', outcome: 'declined', at: new Date() });
  save();
  $('soft-prompt').hidden = true;
  decide();
});

$('settings-done').addEventListener('click', () => {
  $('settings-link').hidden = true;
});

// A page load is a session here (an app would count a return after 30 minutes away).
state = recordSession(state, new Date());
save();
decide('page_view');
document.body.dataset.ready = 'true';
