import { defineConfig } from 'tsup';

// Two library entries: the client-safe core and the json-rules-engine adapter.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'json-rules-engine': 'src/adapter/json-rules-engine.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    external: ['json-rules-engine'],
  },
]);
