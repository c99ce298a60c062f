import { describe, expect, it } from 'vitest';
import { canAdvance, isTerminal } from './flows';

describe('state machines only move forward', () => {
  it('lets a payment go processing → succeeded but never back', () => {
    expect(canAdvance('payment', 'processing', 'succeeded')).toBe(true);
    expect(canAdvance('payment', 'succeeded', 'processing')).toBe(false);
    expect(canAdvance('payment', 'failed', 'succeeded')).toBe(false);
    expect(canAdvance('payment', 'succeeded', 'failed')).toBe(false);
    expect(canAdvance('payment', 'requires_otp', 'requires_otp')).toBe(false);
  });

  it('ends bindings and refunds in terminal states', () => {
    expect(isTerminal('binding', 'succeeded')).toBe(true);
    expect(isTerminal('binding', 'verification_pending')).toBe(false);
    expect(canAdvance('binding', 'verification_pending', 'in_progress')).toBe(false);
    expect(isTerminal('refund', 'failed')).toBe(true);
    expect(canAdvance('instrument', 'unbound', 'active')).toBe(false);
    expect(canAdvance('instrument', 'expired', 'active')).toBe(true);
  });
});
