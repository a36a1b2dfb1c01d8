import { defineConfig } from 'vitest/config';

/**
 * The package as users get it (test/package/): the packed tarball in consumer projects, and
 * the built dist/ in other runtimes (Chromium, Hermes). Needs `npm run build` first; CI runs
 * each file as its own step so their times show.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
