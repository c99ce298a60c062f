import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../testData';
import { createTestEnv } from '../testing';

describe('card registration (01), list (03) and unbinding (04)', () => {
  it('creates a PENDING registration with a 300 s page session', async () => {
    const env = await createTestEnv();
    const res = await env.card.startRegistration('cust-0001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      responseCode: '2000100',
      responseMessage: 'Successful',
      referenceNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      webviewUrl: expect.stringMatching(/^http:\/\/sandbox\.test\/webview\/card\/[A-Za-z0-9]{32}$/),
      registrationStatus: 'PENDING',
      sessionExpiresAt: '2026-01-15T10:05:00+07:00',
    });
    const list = await env.card.call('cards', { customerId: 'cust-0001' });
    expect(list.body).toEqual({
      responseCode: '2000300',
      responseMessage: 'Successful',
      customerId: 'cust-0001',
      cards: [{ referenceNo: res.body.referenceNo, registrationStatus: 'PENDING' }],
    });
  });

  it('validates the documented body: 400xx02 for a missing field, 400xx01 for a bad one', async () => {
    const env = await createTestEnv();
    const base = {
      partnerReferenceNo: 'reg1',
      customer: { id: 'cust-0001', name: 'Ani', email: 'ani@shop.test' },
      successRedirectUrl: 'https://shop.test/ok',
      failedRedirectUrl: 'https://shop.test/ko',
      additionalInfo: { lang: 'EN' },
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, partnerReferenceNo: undefined }, '4000102', '{partnerReferenceNo}'],
      [{ ...base, partnerReferenceNo: 'x'.repeat(33) }, '4000101', '{partnerReferenceNo}'],
      [{ ...base, customer: undefined }, '4000102', '{customer}'],
      [{ ...base, customer: 'cust-0001' }, '4000101', '{customer}'],
      [{ ...base, customer: { name: 'Ani' } }, '4000102', '{customer.id}'],
      [{ ...base, customer: { id: 'c' } }, '4000101', '{customer.id}'],
      [{ ...base, customer: { id: 'cust-0001', email: 'nope' } }, '4000101', '{customer.email}'],
      [{ ...base, successRedirectUrl: undefined }, '4000102', '{successRedirectUrl}'],
      [{ ...base, successRedirectUrl: 'javascript:alert(1)' }, '4000101', '{successRedirectUrl}'],
      [{ ...base, failedRedirectUrl: 'ftp://x' }, '4000101', '{failedRedirectUrl}'],
      [{ ...base, additionalInfo: { lang: 'FR' } }, '4000101', '{additionalInfo.lang}'],
      [
        { ...base, additionalInfo: Object.fromEntries([...Array(11)].map((_, i) => [`k${i}`, 'v'])) },
        '4000101',
        '{additionalInfo}',
      ],
    ];
    for (const [body, code, field] of cases) {
      const res = await env.card.call('registration', body);
      expect(res.body.responseCode, field).toBe(code);
      expect(res.body.responseMessage).toContain(field);
    }
    // The optional parts may be left out.
    const { failedRedirectUrl: _f, additionalInfo: _a, ...required } = base;
    expect((await env.card.call('registration', { ...required, customer: { id: 'cust-0001' } })).status).toBe(
      200,
    );
    expect((await env.card.call('cards', {})).body.responseCode).toBe('4000302');
    expect((await env.card.call('unbinding', { customerId: 'cust-000c', cardToken: 'short' })).body).toEqual({
      responseCode: '4000401',
      responseMessage: 'Invalid Field Format {cardToken}',
    });
  });

  it('registers a Visa without a challenge: 40-char token, masked number, signed callback', async () => {
    const env = await createTestEnv();
    const { result, referenceNo, card } = await env.card.register('cust-0001', {
      cardNumber: TEST_CARDS.visa,
      expiry: '08/29',
    });
    expect(result).toMatchObject({ status: 'SUCCESS', challenged: false });
    expect(card).toEqual({
      referenceNo,
      registrationStatus: 'SUCCESS',
      cardToken: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
      brand: 'VISA',
      maskedCardNumber: '411111******1111',
      expiryMonth: '08',
      expiryYear: '29',
    });
    await env.sandbox.flush();
    const [callback] = env.merchant.ofType('card_registration');
    expect(callback?.signatureValid).toBe(true);
    expect(callback?.body).toEqual({
      responseCode: '2000100',
      responseMessage: 'Successful',
      customerId: 'cust-0001',
      card,
    });
    // The full number is nowhere: not in the list, the callback or the state.
    expect(JSON.stringify(env.sandbox.exportState())).not.toContain(TEST_CARDS.visa);
  });

  it('detects Mastercard and JCB', async () => {
    const env = await createTestEnv();
    expect((await env.card.register('cust-000c', { cardNumber: TEST_CARDS.mastercard })).card).toMatchObject({
      brand: 'MASTERCARD',
      maskedCardNumber: '555555******4444',
    });
    expect((await env.card.register('cust-000c', { cardNumber: '3530 1113 3330 0000' })).card).toMatchObject({
      brand: 'JCB',
      maskedCardNumber: '353011******0000',
    });
  });

  it('lists every registration of the customer only, oldest first, filtered by referenceNo', async () => {
    const env = await createTestEnv();
    const first = await env.card.register('ani-0001', { cardNumber: TEST_CARDS.visa });
    await env.card.register('budi-0002', { cardNumber: TEST_CARDS.visa });
    const failed = await env.card.register('ani-0001', {
      cardNumber: TEST_CARDS.threeDSecure,
      otp: '000000',
    });
    expect(failed.result).toMatchObject({ status: 'FAILED', challenged: true });
    const list = await env.card.call<{ cards: { referenceNo: string; registrationStatus: string }[] }>(
      'cards',
      {
        customerId: 'ani-0001',
      },
    );
    expect(list.body.cards.map((c) => [c.referenceNo, c.registrationStatus])).toEqual([
      [first.referenceNo, 'SUCCESS'],
      [failed.referenceNo, 'FAILED'],
    ]);
    expect(failed.card?.failureReason).toBe('3-D Secure Authentication Failed');
    const other = await env.card.call('cards', { customerId: 'budi-0002', referenceNo: first.referenceNo });
    expect(other.status).toBe(404);
    expect(other.body.responseCode).toBe('4040301');
    expect(
      (await env.card.call<{ cards: unknown[] }>('cards', { customerId: 'nobody-01' })).body.cards,
    ).toEqual([]);
  });

  it('unbinds a token: UNBINDED in the list, callback, charges refused, a second unbind refused', async () => {
    const env = await createTestEnv();
    const { card } = await env.card.register('ani-0001', { cardNumber: TEST_CARDS.visa });
    const cardToken = card!.cardToken!;
    expect((await env.card.call('unbinding', { customerId: 'budi-0002', cardToken })).body.responseCode).toBe(
      '4040411',
    );
    const res = await env.card.call('unbinding', { customerId: 'ani-0001', cardToken });
    expect(res.body).toEqual({
      responseCode: '2000400',
      responseMessage: 'Successful',
      registrationStatus: 'UNBINDED',
    });
    const list = await env.card.call<{ cards: { registrationStatus: string }[] }>('cards', {
      customerId: 'ani-0001',
    });
    expect(list.body.cards[0]?.registrationStatus).toBe('UNBINDED');
    await env.sandbox.flush();
    expect(
      env.merchant
        .ofType('card_registration')
        .map((c) => (c.body.card as { registrationStatus: string }).registrationStatus),
    ).toEqual(['SUCCESS', 'UNBINDED']);
    const charge = await env.card.charge({
      customerId: 'ani-0001',
      operation: 'PAY',
      amount: 10_000,
      cardToken,
    });
    expect(charge.status).toBe(404);
    expect(charge.body).toEqual({
      responseCode: '4045411',
      responseMessage: 'Invalid Account. The card token is unbound',
    });
    expect(env.sandbox.cardLedger()[0]).toMatchObject({
      status: 'FAILED',
      charged: false,
      failureResponseCode: '4045411',
    });
    const again = await env.card.call('unbinding', { customerId: 'ani-0001', cardToken });
    expect(again.body).toEqual({
      responseCode: '4040411',
      responseMessage: 'Invalid Account. The card token is already unbound',
    });
  });
});
