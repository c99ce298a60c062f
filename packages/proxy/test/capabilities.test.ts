import { STAFF_API_PREFIX } from '@ayokit/core';
import { TEST_CARDS } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { SHOP } from './harness';
import { worldOn } from './world';

type Otp = { resendsLeft: number; resendAvailableAt: string | null };
type Payment = { id: string; status: string; otp: Otp | null; refundedAmount: number };
type Audit = { actor: { type: string }; action: string; result: string; errorCode: string | null };

/**
 * What Ayoconnect's API lacks (the profile's `capabilities`): told to shoppers, staff and server
 * code alike, and a call for what is off is refused with NOT_SUPPORTED before anything goes upstream.
 */
describe.each(dbEngines)('capabilities on $name', (engine) => {
  // The reference profile: no OTP resend, no card refund by API, card void by API.
  const reference = worldOn(engine);
  // Every one of them the other way round.
  const flipped = worldOn(engine, {
    profile: { capabilities: { otpResend: true, cardRefund: true, cardVoid: false } },
  });
  type World = typeof reference;

  const otpCalls = (w: World) => w.proxy.client.stats.byEndpoint.otp ?? 0;
  const cardCalls = (w: World, endpoint: 'refund' | 'void') => w.proxy.card.stats.byEndpoint[endpoint] ?? 0;
  const waitingForOtp = async (w: World, userId: string) => {
    const shopper = w.as(userId);
    const { binding } = await shopper.bind({ bankCode: '014', accountNumber: '2234560001' });
    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId,
      amount: 50_000,
    });
    expect(paid.body.payment.status).toBe('requires_otp');
    // Past the cooldown: only the capability can stop a resend now.
    await w.sandbox.clock.advance(120);
    return { shopper, payment: paid.body.payment };
  };
  const cardPayment = async (w: World, userId: string, mode: 'direct' | 'authorize') => {
    const shopper = w.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId: cardRegistration.instrumentId!,
      amount: 80_000,
      mode,
    });
    expect(paid.body.payment.status).toBe(mode === 'direct' ? 'succeeded' : 'authorized');
    return { shopper, paymentId: paid.body.payment.id };
  };
  const trailOf = async (w: World, paymentId: string) =>
    (await w.staff().get<{ entries: Audit[] }>(`/audit?paymentId=${paymentId}`)).body.entries.map(
      (e) => `${e.actor.type} ${e.action} ${e.result} ${e.errorCode}`,
    );

  it('are told to a signed-in shopper, to staff and to server code; not to anyone else', async () => {
    const shopper = reference.as('cap-read');
    const reading = { otpResend: false, cardRefund: false, cardVoid: true };
    expect(await shopper.get('/capabilities')).toMatchObject({ status: 200, body: reading });
    expect((await reference.staff('desk', ['read']).get('/capabilities')).body).toEqual(reading);
    expect(reference.proxy.capabilities).toEqual(reading);
    expect((await flipped.as('cap-read').get('/capabilities')).body).toEqual({
      otpResend: true,
      cardRefund: true,
      cardVoid: false,
    });
    expect(flipped.proxy.capabilities).toMatchObject({ cardVoid: false });
    // No session, or a shopper's cookie on the staff API: 401, as every other route.
    const anonymous = await reference.proxy.fetch(new Request(`${SHOP}/ayokit/v1/capabilities`));
    expect(anonymous.status).toBe(401);
    const shopperOnStaff = await reference.proxy.fetch(
      new Request(`${SHOP}${STAFF_API_PREFIX}/capabilities`, { headers: { 'x-test-user': 'cap-read' } }),
    );
    expect(shopperOnStaff.status).toBe(401);
  });

  it('without otpResend, a resend is refused (NOT_SUPPORTED, 422) and the bank is never asked', async () => {
    const { shopper, payment } = await waitingForOtp(reference, 'cap-otp-off');
    const before = otpCalls(reference);
    const refused = await shopper.post(`/payments/${payment.id}/otp/resend`, {}, { key: null });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(otpCalls(reference)).toBe(before);
    const after = await shopper.get<{ payment: Payment }>(`/payments/${payment.id}`);
    expect(after.body.payment.otp).toEqual(payment.otp);
    // The OTP itself still works.
    const ok = await shopper.post<{ payment: Payment }>(
      `/payments/${payment.id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(['processing', 'succeeded']).toContain(ok.body.payment.status);
    // An unbinding's resend too (Danamon asks for an OTP to unbind).
    const { binding } = await shopper.bind({ bankCode: '011', accountNumber: '2234560002' });
    const started = await shopper.post<{ unbinding: { id: string; status: string } }>(
      `/instruments/${binding.instrumentId}/unbind`,
      {},
    );
    expect(started.body.unbinding.status).toBe('requires_otp');
    await reference.sandbox.clock.advance(120);
    const unbind = await shopper.post(
      `/unbindings/${started.body.unbinding.id}/otp/resend`,
      {},
      { key: null },
    );
    expect(unbind.body).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(otpCalls(reference)).toBe(before);
  });

  it('with otpResend on, the same resend asks the bank for a new code', async () => {
    const { shopper, payment } = await waitingForOtp(flipped, 'cap-otp-on');
    const before = otpCalls(flipped);
    const sent = await shopper.post<{ payment: Payment }>(
      `/payments/${payment.id}/otp/resend`,
      {},
      { key: null },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.payment.otp?.resendsLeft).toBe(payment.otp!.resendsLeft - 1);
    expect(otpCalls(flipped)).toBe(before + 1);
  });

  it('without cardRefund, staff and server card refunds are refused, audited, never sent; bank accounts still refund', async () => {
    const { paymentId } = await cardPayment(reference, 'cap-refund-off', 'direct');
    const before = cardCalls(reference, 'refund');
    const refused = await reference
      .staff('finance', ['read', 'refund'])
      .post(`/payments/${paymentId}/refunds`, {});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(String(refused.body.message)).toContain('Ayoconnect operations');
    await expect(reference.proxy.payments.refund(paymentId)).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      status: 422,
    });
    expect(cardCalls(reference, 'refund')).toBe(before);
    expect(await reference.proxy.store.list('refunds', { paymentId })).toEqual([]);
    expect((await reference.proxy.payments.get(paymentId))?.refundedAmount).toBe(0);
    expect(await trailOf(reference, paymentId)).toEqual([
      'server refund refused NOT_SUPPORTED',
      'staff refund refused NOT_SUPPORTED',
    ]);
    // A bank account's refund has its API: unaffected.
    const shopper = reference.as('cap-refund-dd');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '2234560003' });
    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId,
      amount: 20_000,
    });
    await reference.settle();
    const dd = await reference.staff().post(`/payments/${paid.body.payment.id}/refunds`, {});
    expect(dd.status).toBe(201);
  });

  it('with cardRefund on, the same card refund goes to the gateway', async () => {
    const { paymentId } = await cardPayment(flipped, 'cap-refund-on', 'direct');
    const before = cardCalls(flipped, 'refund');
    const refund = await flipped
      .staff()
      .post<{ refund: { status: string; amount: number } }>(`/payments/${paymentId}/refunds`, {});
    expect(refund.status).toBe(201);
    expect(refund.body.refund).toMatchObject({ status: 'succeeded', amount: 80_000 });
    expect(cardCalls(flipped, 'refund')).toBe(before + 1);
  });

  it('without cardVoid, a void is refused (NOT_SUPPORTED), audited, never sent; with it, the hold is released', async () => {
    const off = await cardPayment(flipped, 'cap-void-off', 'authorize');
    const before = cardCalls(flipped, 'void');
    const refused = await flipped.staff().post(`/payments/${off.paymentId}/void`, {});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_SUPPORTED' });
    await expect(flipped.proxy.payments.void(off.paymentId)).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(cardCalls(flipped, 'void')).toBe(before);
    expect((await flipped.proxy.payments.get(off.paymentId))?.status).toBe('authorized');
    expect(await trailOf(flipped, off.paymentId)).toEqual([
      'server void refused NOT_SUPPORTED',
      'staff void refused NOT_SUPPORTED',
    ]);
    // A capture has its API either way.
    expect((await flipped.staff().post(`/payments/${off.paymentId}/capture`, {})).status).toBe(200);

    const on = await cardPayment(reference, 'cap-void-on', 'authorize');
    const voids = cardCalls(reference, 'void');
    const voided = await reference.staff().post<{ payment: Payment }>(`/payments/${on.paymentId}/void`, {});
    expect(voided.body.payment?.status).toBe('voided');
    expect(cardCalls(reference, 'void')).toBe(voids + 1);
  });
});
