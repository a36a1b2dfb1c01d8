/**
 * What every Decision must look like, whatever went in.
 */
import { expect } from 'vitest';
import { ACTIONS, type Decision, REASONS } from '../../src/index.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Asserts the shape and the legal combinations of a decision. */
export function expectValidDecision(d: Decision, ruleSetId: string): void {
  expect(ACTIONS).toContain(d.action);
  expect(REASONS).toContain(d.reason);
  expect(d.ruleSet).toBe(ruleSetId);
  if (d.retryAt !== null) {
    expect(d.retryAt).toMatch(ISO);
    expect(new Date(d.retryAt).toISOString()).toBe(d.retryAt);
  }
  if (d.action !== 'wait') expect(d.reason).toBe('rule-matched');
  if (d.reason === 'invalid-context') {
    expect(d.retryAt).toBeNull();
    expect(d.issues.length).toBeGreaterThan(0);
    for (const i of d.issues) expectValidIssue(i);
  } else {
    expect('issues' in d).toBe(false);
  }
  if (d.reason === 'rule-matched') {
    expect(typeof d.ruleId).toBe('string');
    expect(d.retryAt).toBeNull();
  }
  // A decision is plain data: it survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(d))).toEqual(d);
}

/** Every issue has a code, a path of strings and numbers, and a message. */
export function expectValidIssue(i: { code: unknown; path: unknown; message: unknown }): void {
  expect(typeof i.code).toBe('string');
  expect(Array.isArray(i.path)).toBe(true);
  for (const seg of i.path as unknown[]) expect(['string', 'number']).toContain(typeof seg);
  expect(typeof i.message).toBe('string');
  expect((i.message as string).length).toBeGreaterThan(0);
}
