import { describe, expect, it } from 'vitest';
import { formatIdr, fromSnapAmount, isValidAmount, toSnapAmount } from './money';

describe('money', () => {
  it('speaks whole rupiah to the browser and "x.00" to SNAP', () => {
    expect(toSnapAmount(150_000)).toEqual({ value: '150000.00', currency: 'IDR' });
    expect(fromSnapAmount('150000.00')).toBe(150_000);
    expect(fromSnapAmount('150000.5')).toBeNull();
    expect(fromSnapAmount('150000.50')).toBeNull();
    expect(fromSnapAmount('-1.00')).toBeNull();
    expect(fromSnapAmount(150000)).toBeNull();
  });

  it('accepts only safe positive whole amounts', () => {
    expect(isValidAmount(1)).toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1', null]) {
      expect(isValidAmount(bad)).toBe(false);
    }
  });

  it('formats IDR with Intl in both languages', () => {
    expect(formatIdr(150_000, 'id').replace(/\s/g, ' ')).toBe('Rp 150.000');
    expect(formatIdr(150_000, 'en').replace(/\s/g, ' ')).toBe('Rp 150,000');
  });
});
