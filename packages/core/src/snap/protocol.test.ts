import { describe, expect, it } from 'vitest';
import { parseResponseCode, responseCode } from './protocol';
import { parseSnapTimestamp, snapTimestamp } from './time';

describe('response codes', () => {
  it('composes http status, service code and case', () => {
    expect(responseCode('refund', 'success')).toBe('2005800');
    expect(responseCode('payment', 'insufficientFunds')).toBe('4035414');
    expect(responseCode('binding', 'conflictExternalId')).toBe('4090700');
  });

  it('parses codes back to their case', () => {
    expect(parseResponseCode('4045501')).toEqual({
      httpStatus: 404,
      serviceCode: '55',
      caseCode: '01',
      case: 'transactionNotFound',
    });
    expect(parseResponseCode('5005899')?.case).toBeNull();
    expect(parseResponseCode('20058')).toBeNull();
    expect(parseResponseCode(2005800)).toBeNull();
  });
});

describe('timestamps', () => {
  it('formats Jakarta time with offset and parses it back', () => {
    const ms = Date.UTC(2026, 10, 23, 12, 4, 5);
    expect(snapTimestamp(ms)).toBe('2026-11-23T19:04:05+07:00');
    expect(parseSnapTimestamp(snapTimestamp(ms))).toBe(ms);
    expect(parseSnapTimestamp('2026-11-23 19:04:05')).toBeNull();
    expect(parseSnapTimestamp('')).toBeNull();
  });
});
