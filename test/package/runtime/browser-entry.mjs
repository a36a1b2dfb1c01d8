// Chromium: the app bundle (the ESM build bundled by esbuild, as an app's bundler would).
// The page's CSP has no 'unsafe-eval'; after deciding, a probe checks that the CSP is
// really in force (new Function must be refused), so a pass cannot come from a lax page.
import { createDecider } from 'push-prompt-engine';
import data from './data.json';
import { decideAll } from './decide-all.mjs';

const out = document.getElementById('out');
try {
  out.textContent = decideAll(createDecider, data);
} catch (e) {
  out.textContent = `error: ${e?.stack}`;
}
let evalBlocked = false;
try {
  new Function('return 1')();
} catch {
  evalBlocked = true;
}
const done = document.createElement('p');
done.id = 'done';
done.textContent = JSON.stringify({ evalBlocked });
document.body.append(done);
