import { describe, expect, it } from 'vitest';
import { formatIdr, fromSnapAmount, isValidAmount, MAX_AMOUNT_IDR, parseIdr, toSnapAmount } from './money';

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

  it.each([
    // [typed, locale, read]
    ['50000', 'en', 50_000],
    ['50000', 'id', 50_000],
    ['50,000', 'en', 50_000],
    ['50.000', 'id', 50_000],
    ['1,500,000', 'en', 1_500_000],
    ['1.500.000', 'id', 1_500_000],
    ['Rp 1.500.000', 'id', 1_500_000],
    ['Rp\u00a01,500,000', 'en', 1_500_000],
    ['rp50000 ', 'id', 50_000],
    ['50000.00', 'en', 50_000],
    ['50.000,00', 'id', 50_000],
    ['50,000.0', 'en', 50_000],
    // a decimal part with sen, or a separator where the locale does not write one: refused, never a guess
    ['50000.00', 'id', null],
    ['2500.5', 'en', null],
    ['2500,5', 'id', null],
    ['50.000', 'en', null],
    ['50,000', 'id', null],
    ['50.00', 'id', null],
    ['5,0000', 'en', null],
    ['1,500,000.50', 'en', null],
    ['', 'en', null],
    ['Rp', 'id', null],
    ['-5000', 'en', null],
    ['5e3', 'en', null],
    ['５０００', 'en', null],
    ['9'.repeat(20), 'en', null],
  ] as const)('reads %j typed in %s as %s', (typed, locale, read) => {
    expect(parseIdr(typed, locale)).toBe(read);
  });

  it('reads back what formatIdr writes, in both languages', () => {
    for (const locale of ['id', 'en'] as const)
      for (const n of [1, 999, 1000, 150_000, 1_234_567, MAX_AMOUNT_IDR])
        expect(parseIdr(formatIdr(n, locale), locale)).toBe(n);
  });
});
