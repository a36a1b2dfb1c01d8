#!/usr/bin/env node
/**
 * Runs the web example locally:
 *
 *   npm run build && node examples/web/serve.mjs      # then open http://127.0.0.1:8080
 *
 * `vendorInto(dir)` writes what the page imports into `dir`: the package's built entries
 * (dist/index.js, dist/client.js) as self-contained browser modules (esbuild bundles their
 * dependencies, as an app's bundler would) and the web preset. The example's test
 * (test/package/web-example.test.ts, `npm run test:example-web`) uses it too.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');

/** Writes vendor/push-prompt-engine.js, vendor/push-prompt-engine-client.js and vendor/web.json into `dir`. */
export async function vendorInto(dir) {
  for (const f of ['dist/index.js', 'dist/client.js']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  mkdirSync(dir, { recursive: true });
  const bundle = (entry, outfile) =>
    build({
      entryPoints: [join(root, entry)],
      outfile: join(dir, outfile),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
    });
  await bundle('dist/index.js', 'push-prompt-engine.js');
  await bundle('dist/client.js', 'push-prompt-engine-client.js');
  copyFileSync(join(root, 'rules/web.json'), join(dir, 'web.json'));
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await vendorInto(join(here, 'vendor'));
  const port = Number(process.env.PORT ?? 8080);
  createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = resolve(here, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(here) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
    });
    res.end(readFileSync(file));
  }).listen(port, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${port}\n`));
}
