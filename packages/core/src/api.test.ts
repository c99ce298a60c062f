import { describe, expect, it } from 'vitest';
import {
  createCheckoutRequest,
  liveEventSchema,
  normalizePhoneNumber,
  payCheckoutRequest,
  phoneNumberSchema,
} from './api';

describe('browser contract', () => {
  it('lets the browser name only an instrument when paying a checkout: no amount, order or mode', () => {
    const ins = 'ins_abcdefghijklmnopqrstuvwx';
    expect(payCheckoutRequest.safeParse({ instrumentId: ins }).success).toBe(true);
    for (const extra of [{ amount: 1 }, { orderId: 'order-1' }, { mode: 'authorize' }, { currency: 'USD' }]) {
      expect(payCheckoutRequest.safeParse({ instrumentId: ins, ...extra }).success).toBe(false);
    }
    expect(payCheckoutRequest.safeParse({ instrumentId: 'ins_short' }).success).toBe(false);
  });

  it('validates a checkout made by the merchant server', () => {
    const ok = { userId: 'shopper-ani', amount: 350_000, orderId: 'order-batik-350000' };
    expect(createCheckoutRequest.safeParse(ok).success).toBe(true);
    expect(createCheckoutRequest.safeParse({ ...ok, amount: 0 }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, amount: 1.5 }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, userId: '' }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, orderId: 'has space' }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, mode: 'later' }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, expiresInSeconds: 10 }).success).toBe(false);
    expect(createCheckoutRequest.safeParse({ ...ok, x: 1 }).success).toBe(false);
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
