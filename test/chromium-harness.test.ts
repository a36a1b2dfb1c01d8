/**
 * The static server of the browser harness (test/support/chromium.ts): files inside the
 * folder only, the headers asked for on every answer. The browser half runs in
 * test/package/runtimes.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STRICT_CSP, serveFolder } from './support/chromium.js';

const root = mkdtempSync(join(tmpdir(), 'ppe-harness-'));
mkdirSync(join(root, 'site'));
writeFileSync(join(root, 'site', 'index.html'), '<p>hi</p>');
writeFileSync(join(root, 'site', 'app.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'not served');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A raw GET (no URL normalization, so `..` reaches the server as sent). */
function get(
  url: string,
  path: string,
): Promise<{ status: number; type: string; csp: string; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${url}${path}`, { path }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          csp: String(res.headers['content-security-policy'] ?? ''),
          body,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveFolder', () => {
  it('serves the folder with the given headers, and nothing outside it', async () => {
    const s = await serveFolder(join(root, 'site'), { headers: { 'content-security-policy': STRICT_CSP } });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await get(s.url, '/')).toMatchObject({ status: 200, body: '<p>hi</p>', csp: STRICT_CSP });
      expect(await get(s.url, '/app.js')).toMatchObject({
        status: 200,
        type: 'text/javascript; charset=utf-8',
      });
      expect(await get(s.url, '/../secret.txt')).toMatchObject({ status: 404, csp: STRICT_CSP });
      expect(await get(s.url, '/%2e%2e/secret.txt')).toMatchObject({ status: 404 });
      expect(await get(s.url, '/favicon.ico')).toMatchObject({ status: 204 });
      expect(s.requests).toContain('/app.js');
    } finally {
      await s.close();
    }
  });

  it('keeps a strict CSP without unsafe-eval or inline scripts', () => {
    expect(STRICT_CSP).toContain("script-src 'self'");
    expect(STRICT_CSP).not.toMatch(/unsafe-(eval|inline)/);
  });
});
