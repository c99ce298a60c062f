import { describe, expect, it } from 'vitest';
import { createPaymentRequest, liveEventSchema, normalizePhoneNumber, phoneNumberSchema } from './api';

describe('browser contract', () => {
  it('rejects unknown fields and wrong types in a payment request', () => {
    const ok = createPaymentRequest.safeParse({ instrumentId: 'ins_abcdefghijklmnopqrstuvwx', amount: 1000 });
    expect(ok.success).toBe(true);
    expect(
      createPaymentRequest.safeParse({ instrumentId: 'ins_abcdefghijklmnopqrstuvwx', amount: 1000, x: 1 })
        .success,
    ).toBe(false);
    expect(createPaymentRequest.safeParse({ instrumentId: 'ins_short', amount: 1000 }).success).toBe(false);
    expect(
      createPaymentRequest.safeParse({ instrumentId: 'ins_abcdefghijklmnopqrstuvwx', amount: 0 }).success,
    ).toBe(false);
  });

  it('normalises Indonesian mobile numbers to 62…', () => {
    expect(phoneNumberSchema.safeParse('081234567890').success).toBe(true);
    expect(phoneNumberSchema.safeParse('+6281234567890').success).toBe(true);
    expect(phoneNumberSchema.safeParse('12345').success).toBe(false);
    expect(normalizePhoneNumber('081234567890')).toBe('6281234567890');
    expect(normalizePhoneNumber('+6281234567890')).toBe('6281234567890');
  });

  it('validates live events by type', () => {
    expect(liveEventSchema.safeParse({ type: 'payment', data: {} }).success).toBe(false);
  });
});
