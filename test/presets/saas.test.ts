import { describe, expect, it } from 'vitest';
import { ctx, declinedAgo, hoursAgo, iosDenied, plusDays, preset, variantOf } from './helpers.js';

const saas = preset('saas');
const web = { platform: { os: 'web', hostOs: 'macos', osVersion: '14.5', browser: 'chrome' } };

describe('saas preset', () => {
  it('asks for security alerts when two-factor is turned on (web app on a Mac)', () => {
    const d = saas.decideUnknown(ctx({ ...web, trigger: 'two_factor_enabled' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'security-alerts' });
    expect(variantOf(d)).toBe('security-alerts');
  });

  it('offers to notify when a long job starts', () => {
    const d = saas.decideUnknown(ctx({ ...web, trigger: 'export_started' }));
    expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'job-finished' });
    expect(variantOf(d)).toBe('job-finished');
  });

  it('asks when setup is complete, from the second session', () => {
    expect(saas.decideUnknown(ctx({ trigger: 'setup_completed' }))).toMatchObject({
      ruleId: 'setup-complete',
    });
    expect(saas.decideUnknown(ctx({ trigger: 'setup_completed', sessions: { count: 1 } }))).toMatchObject({
      action: 'wait',
      ruleId: 'value-first-session',
    });
  });

  it('never interrupts editing', () => {
    expect(saas.decideUnknown(ctx({ trigger: 'document_editing' }))).toMatchObject({
      ruleId: 'never-mid-task',
    });
  });

  it('holds a job-finished ask during the cooldown', () => {
    const d = saas.decideUnknown(ctx({ trigger: 'export_started', asks: declinedAgo(30) }));
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', ruleId: 'job-finished' });
    expect(d.retryAt).toBe(plusDays(hoursAgo(30), 3));
  });

  it('gives a denied user a settings link at a security moment only', () => {
    const d = saas.decideUnknown(iosDenied({ trigger: 'password_changed' }));
    expect(d).toMatchObject({ action: 'show-settings-link', ruleId: 'denied-security' });
    expect(variantOf(d)).toBe('security-settings');
    expect(saas.decideUnknown(iosDenied({ trigger: 'export_started' }))).toMatchObject({
      action: 'wait',
      reason: 'permission-blocked',
    });
  });
});
