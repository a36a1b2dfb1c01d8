import { defineConfig } from 'tsup';

// The library entries (the client-safe runtime, the authoring tools, the json-rules-engine adapter), and the
// Node-only decision endpoint and CLI in their own builds so client bundles never carry them.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      authoring: 'src/authoring/index.ts',
      client: 'src/client/index.ts',
      'json-rules-engine': 'src/adapter/json-rules-engine.ts',
      presets: 'src/presets/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // The builds run at once: this one's clean must not delete what the others write.
    clean: ['!cli.js', '!cli.js.map', '!server.*', '!simulate-worker.js', '!simulate-worker.js.map'],
    sourcemap: true,
    target: 'es2022',
    external: ['json-rules-engine'],
  },
  {
    // The decision endpoint (push-prompt-engine/server): Node only, so its own build.
    entry: { server: 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['json-rules-engine'],
  },
  {
    // The simulator's worker threads load their own script, beside cli.js.
    entry: { cli: 'src/cli/main.ts', 'simulate-worker': 'src/cli/simulate-worker.ts' },
    // Each file whole (no shared chunks), so the library build's clean never removes a CLI part.
    splitting: false,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
    external: ['json-rules-engine'],
  },
]);
