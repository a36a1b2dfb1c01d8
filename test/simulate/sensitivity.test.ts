/**
 * Sensitivity: `--vary` parsing, setting a parameter by its dotted path, and finding where
 * the ranking of strategies flips.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../src/authoring/simulate/results.js';
import {
  parseVary,
  rankStrategies,
  sensitivity,
  withParameter,
} from '../../src/authoring/simulate/sensitivity.js';
import { cli } from '../cli/helpers.js';

const IOS = JSON.parse(readFileSync('populations/ios.json', 'utf8'));

/** A result with only what the ranking reads. */
const result = (rates: Record<string, [number, number]>): SimulationResult =>
  ({
    strategies: Object.entries(rates).map(([name, [optInRate, burnedRate]]) => ({
      name,
      optInRate,
      burnedRate,
    })),
  }) as unknown as SimulationResult;

describe('sensitivity', () => {
  it('parses name=lo..hi[:steps] into evenly spaced values, ends included', () => {
    expect(parseVary('sessions.returnRate=0.3..0.7')).toEqual({
      path: 'sessions.returnRate',
      values: [0.3, 0.4, 0.5, 0.6, 0.7],
    });
    expect(parseVary('responses.softPrompt.accept=0.5..0.6:3').values).toEqual([0.5, 0.55, 0.6]);
    for (const bad of ['x', 'a=1..0', 'a=0..1:1', 'a=0..1:x', 'a=..1'])
      expect(() => parseVary(bad), bad).toThrow(/--vary/);
  });

  it('sets a parameter or an hour weight by its dotted path, leaving the original alone', () => {
    const copy = withParameter(IOS, 'responses.softPrompt.accept', 0.45) as typeof IOS;
    expect(copy.responses.softPrompt.accept).toEqual({ ...IOS.responses.softPrompt.accept, value: 0.45 });
    expect(IOS.responses.softPrompt.accept.value).toBe(0.6);
    expect(
      (withParameter(IOS, 'sessions.hours.weights.20', 9) as typeof IOS).sessions.hours.weights[20],
    ).toBe(9);
    expect((withParameter(IOS, 'platforms.0.share', 2) as typeof IOS).platforms[0].share.value).toBe(2);
    for (const bad of [
      'responses.softPrompt',
      'nope.accept',
      'responses.softPrompt.accept.source',
      '__proto__.x',
    ])
      expect(() => withParameter(IOS, bad, 1), bad).toThrow(/names no parameter/);
  });

  it('ranks by opt-in (or fewest burned), and reports each flip between neighbouring values', () => {
    expect(rankStrategies(result({ a: [0.3, 0.1], b: [0.4, 0.5] }), 'optInRate')).toEqual(['b', 'a']);
    expect(rankStrategies(result({ a: [0.3, 0.1], b: [0.4, 0.5] }), 'burnedRate')).toEqual(['a', 'b']);
    const runs = [
      { value: 0.3, result: result({ a: [0.2, 0], b: [0.4, 0.6] }) },
      { value: 0.5, result: result({ a: [0.3, 0], b: [0.4, 0.6] }) },
      { value: 0.7, result: result({ a: [0.5, 0], b: [0.4, 0.6] }) },
    ];
    const s = sensitivity('sessions.returnRate', runs, 'optInRate');
    expect(s.holds).toBe(false);
    expect(s.flips).toEqual([{ between: [0.5, 0.7], from: ['b', 'a'], to: ['a', 'b'] }]);
    expect(sensitivity('x', runs, 'burnedRate')).toMatchObject({ holds: true, flips: [] });
  });

  it('runs the simulation once per value and reports the ranking at each', async () => {
    const r = await cli([
      'simulate',
      '--population',
      'ios',
      '--rules',
      'rules/default.json',
      '--baseline',
      'first-launch',
      '--users',
      '400',
      '--days',
      '30',
      '--workers',
      '1',
      '--json',
      '--vary',
      'sessions.returnRate=0.2..1:3',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sensitivity.runs.map((x: { value: number }) => x.value)).toEqual([0.2, 0.6, 1]);
    // More returning users, more of them reach the default rules' moments; first-launch asks everyone at once anyway.
    const d = j.sensitivity.runs.map((x: { optInRate: Record<string, number> }) => x.optInRate.default);
    expect(d[0]).toBeLessThan(d[2]);
    const text = await cli([
      'simulate',
      '--population',
      'ios',
      '--baseline',
      'first-launch',
      '--users',
      '50',
      '--days',
      '5',
      '--workers',
      '1',
      '--vary',
      'responses.systemDialog.ios.cold.allow=0..1:2',
    ]);
    expect(text.out).toContain('Sensitivity to responses.systemDialog.ios.cold.allow');
    expect(text.out).toContain('The ranking holds');
  });
});
