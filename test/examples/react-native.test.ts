/**
 * examples/react-native is type-checked, not run: `tsc --noEmit` over its own tsconfig
 * (React's real types from @types/react; hand-written declarations for expo-notifications,
 * react-native-permissions, AsyncStorage and react-native in examples/react-native/types,
 * copied from those packages' own types), against the package's source entries.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('examples/react-native', () => {
  it('type-checks: usePushPrompt (Expo), the react-native-permissions variant, the banner', () => {
    const r = spawnSync(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '--noEmit',
        '-p',
        'examples/react-native/tsconfig.json',
        '--listFilesOnly',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // It really checked the example's files (and the kit it imports).
    for (const f of ['usePushPrompt.ts', 'rnPermissions.ts', 'PushPromptBanner.tsx', 'src/client/index.ts']) {
      expect(r.stdout).toContain(f);
    }
    const check = spawnSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'examples/react-native/tsconfig.json'],
      { encoding: 'utf8' },
    );
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
