/** Versions compare as versions, never as floats: 16.10 is after 16.4. */
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../src/index.js';
import { isVersion, majorVersion } from '../src/shared/version.js';

describe('compareVersions', () => {
  it.each([
    ['16.10', '16.4', 1],
    ['16.4', '16.10', -1],
    ['16.4', '16.4', 0],
    ['16.4', '16.4.0', 0],
    ['17', '17.0.0', 0],
    ['16.4.1', '16.4', 1],
    ['16.3.9', '16.4', -1],
    ['10.15.7', '11', -1],
    ['9', '10', -1],
    ['100', '99.99', 1],
    ['1.2.3.4', '1.2.3.5', -1],
    ['016.4', '16.4', 0],
  ] as const)('compareVersions(%j, %j) === %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it('is antisymmetric', () => {
    const vs = ['9', '12', '13.0', '15.8', '16', '16.3', '16.4', '16.4.1', '16.10', '17.2', '10.15.7'];
    for (const a of vs) for (const b of vs) expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
  });
});

describe('isVersion', () => {
  it.each(['1', '17.2', '10.15.7', '1.2.3.4'])('accepts %j', (v) => {
    expect(isVersion(v)).toBe(true);
  });

  it.each(['', '17.x', '17.', '.17', '1.2.3.4.5', 'v17', '17 .2', '-1', '1e3'])('refuses %j', (v) => {
    expect(isVersion(v)).toBe(false);
  });
});

describe('majorVersion', () => {
  it.each([
    ['17.2', 17],
    ['9', 9],
    ['10.15.7', 10],
  ])('majorVersion(%j) === %i', (v, n) => {
    expect(majorVersion(v)).toBe(n);
  });
});
