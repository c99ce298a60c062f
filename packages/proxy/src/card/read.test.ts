import { DEFAULT_WIRE_PROFILE, resolveWireProfile } from '@ayokit/core/snap';
import { describe, expect, it, vi } from 'vitest';
import { readCallbackCard, readCardRecords, readCardView } from './read';

const defaults = DEFAULT_WIRE_PROFILE.card.responseFields;

describe('reading card answers through the profile', () => {
  it('reads the sandbox’s (reference-shaped) names by default', () => {
    const view = readCardView(defaults, {
      responseCode: '2005400',
      referenceNo: 'INV123',
      partnerReferenceNo: 'order-1',
      transactionStatus: 'AUTHORIZED',
      capturedAmount: { value: '10000.00', currency: 'IDR' },
      authorizationExpiresAt: '2031-01-08T10:00:00+07:00',
    });
    expect(view).toMatchObject({
      referenceNo: 'INV123',
      partnerReferenceNo: 'order-1',
      transactionStatus: 'AUTHORIZED',
      capturedAmount: { value: '10000.00', currency: 'IDR' },
      authorizationExpiresAt: '2031-01-08T10:00:00+07:00',
    });
    expect(view.refundedAmount).toBeUndefined();
  });

  it('reads renamed fields where a profile override says, and ignores the old names', () => {
    const fields = resolveWireProfile({
      card: { responseFields: { transactionStatus: ['result.state'], referenceNo: ['result.invoice'] } },
    }).card.responseFields;
    const view = readCardView(fields, {
      transactionStatus: 'SUCCESS',
      result: { state: 'FAILED', invoice: 'INV9' },
    });
    expect(view.transactionStatus).toBe('FAILED');
    expect(view.referenceNo).toBe('INV9');
  });

  it('turns malformed answers into missing fields, never a throw', () => {
    for (const body of [null, 42, 'text', [], { referenceNo: { $ne: 1 }, transactionStatus: ['SUCCESS'] }]) {
      const view = readCardView(defaults, body);
      expect(view.referenceNo).toBeUndefined();
      expect(view.transactionStatus).toBeUndefined();
    }
    expect(readCardRecords(defaults, { cards: 'not a list' })).toEqual([]);
    expect(readCallbackCard(defaults, { card: 'nope' })).toBeNull();
  });

  it('takes a date that is none (an epoch, a typo, no offset, year 0) as missing, and says so', () => {
    const log = vi.fn();
    for (const bad of [
      '1796415973',
      'not-a-date',
      '2031-13-08T10:00:00+07:00',
      '2031-01-08 10:00:00',
      '0000-01-01T00:00:00Z',
    ]) {
      expect(
        readCardView(defaults, { authorizationExpiresAt: bad }, log).authorizationExpiresAt,
      ).toBeUndefined();
    }
    expect(log).toHaveBeenCalledTimes(5);
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('could not be read'), {
      field: 'authorizationExpiresAt',
      value: '1796415973',
    });
    const good = '2031-01-08T10:00:00.250Z';
    expect(readCardView(defaults, { authorizationExpiresAt: good }, log).authorizationExpiresAt).toBe(good);
    expect(log).toHaveBeenCalledTimes(5);
  });

  it('reads card records from the list answer and the registration callback', () => {
    const record = {
      referenceNo: 'REG1',
      registrationStatus: 'SUCCESS',
      cardToken: 't'.repeat(40),
      brand: 'VISA',
      maskedCardNumber: '411111******1111',
      expiryMonth: '12',
      expiryYear: '2031',
    };
    expect(readCardRecords(defaults, { cards: [record] })).toEqual([{ ...record, failureReason: undefined }]);
    expect(readCallbackCard(defaults, { card: record })?.cardToken).toBe('t'.repeat(40));
    const fields = resolveWireProfile({ card: { responseFields: { cards: ['data.items'] } } }).card
      .responseFields;
    expect(readCardRecords(fields, { data: { items: [record] } })[0]?.referenceNo).toBe('REG1');
  });
});
