import { AyoError, formatIdr, PAYMENT_OTP_THRESHOLD_IDR } from '@ayokit/core';
import { describe, expect, it } from 'vitest';
import { BackendError } from './backend';
import { problemText } from './problem';
import { STRINGS } from './strings';

describe('problemText', () => {
  it("puts a failure in the demo's own words and the reader's language, with the error's code, never its English message", () => {
    const id = STRINGS.id;
    const payments = new AyoError('UPSTREAM_UNAVAILABLE', 'The payment provider is unavailable');
    expect(problemText(id, id.loadFailed, payments)).toBe(
      'Gagal memuat. Silakan coba lagi. (kode kesalahan: UPSTREAM_UNAVAILABLE)',
    );
    const sandbox = new BackendError(400, 'invalid_request', 'seconds must be positive');
    expect(problemText(id, id.failedAction, sandbox)).toBe(
      'Sandbox menolak permintaan itu (kode kesalahan: invalid_request)',
    );
    const en = STRINGS.en;
    expect(problemText(en, en.loadFailed, payments)).toBe(
      'This could not be loaded. Please try again. (error code: UPSTREAM_UNAVAILABLE)',
    );
    // A failure with no code (the network: fetch's TypeError) is the words alone.
    expect(problemText(id, id.loadFailed, new TypeError('Failed to fetch'))).toBe(id.loadFailed);
  });
});

describe('the test data', () => {
  it('writes the OTP threshold as each language groups money', () => {
    const row = (locale: 'en' | 'id') => STRINGS[locale].testDataRows.find((r) => r.startsWith('Rp'));
    expect(row('en')).toMatch(/^Rp\s?1,000,000 or more asks for an OTP/);
    expect(row('en')).toContain(formatIdr(PAYMENT_OTP_THRESHOLD_IDR, 'en'));
    expect(row('id')).toMatch(/^Rp\s?1\.000\.000 atau lebih meminta OTP/);
  });
});
