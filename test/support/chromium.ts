/**
 * A page in a real browser, for tests: serve a folder from 127.0.0.1 (node:http, with the
 * headers a test asks for, such as a strict Content-Security-Policy) and run a page in
 * Debian's headless Chromium, driven by playwright-core. Reusable: the runtime matrix
 * (test/package/runtimes.test.ts) uses it, and so can a test of examples/web.
 *
 *   const server = await serveFolder('examples/web', { headers: { 'content-security-policy': STRICT_CSP } });
 *   const page = await openPage(`${server.url}/index.html`, { waitFor: '#result' });
 *   page.text('#result'); …; await page.close(); await server.close();
 *
 * `.ci/run` installs Chromium (`apt-get install -y chromium`) when it is missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's package puts it here; CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No 'unsafe-eval' (and no inline script): what a careful site sends. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface Served {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Paths requested so far, in order (to check what a page fetched). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 (a free port) with `headers` on every response. Only files
 * inside `dir`; `/` serves `index.html`; a missing `/favicon.ico` is a 204; anything else is
 * a 404.
 *
 * @example
 * const s = await serveFolder('examples/web', { headers: { 'content-security-policy': STRICT_CSP } });
 */
export async function serveFolder(
  dir: string,
  options: { headers?: Readonly<Record<string, string>> } = {},
): Promise<Served> {
  const root = resolve(dir);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    const inside = file === root || file.startsWith(root + sep);
    if (path === '/favicon.ico' && !existsSync(file)) {
      // Browsers ask for one unprompted; a 404 would be a console error on every page.
      res.writeHead(204, options.headers).end();
      return;
    }
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...options.headers }).end('not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...options.headers,
      })
      .end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface OpenPage {
  readonly page: Page;
  /** Console messages and uncaught errors, as `type: text`. */
  readonly console: readonly string[];
  /** Content-Security-Policy violations the page reported (directive and blocked URI). */
  cspViolations(): Promise<string[]>;
  /** The text of the first element matching `selector`. */
  text(selector: string): Promise<string>;
  /** Closes the page and the browser, and removes the fresh profile. */
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh headless Chromium (its own `--user-data-dir`, removed on close)
 * and waits for `waitFor` (a CSS selector) to appear.
 *
 * @example
 * const p = await openPage(`${server.url}/index.html`, { waitFor: '#done' });
 * JSON.parse(await p.text('#out'));
 */
export async function openPage(
  url: string,
  options: { waitFor: string; timeoutMs?: number },
): Promise<OpenPage> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // Loaded only here: playwright-core bundles its own zod, and zod 4 keeps its locale on
  // globalThis, so merely importing it changes the messages of every zod in the process.
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ppe-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const messages: string[] = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
    // Recorded from the first script on, before the page's own code runs.
    await page.addInitScript({
      content: `window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.effectiveDirective + ' ' + e.blockedURI));`,
    });
    await page.goto(url);
    await page.waitForSelector(options.waitFor, { state: 'attached', timeout: options.timeoutMs ?? 30_000 });
    const opened = context;
    return {
      page,
      console: messages,
      cspViolations: () => page.evaluate('window.__csp') as Promise<string[]>,
      text: async (selector) => (await page.textContent(selector)) ?? '',
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}
