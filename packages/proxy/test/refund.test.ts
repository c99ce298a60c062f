import type { BankCode } from '@ayokit/core';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { newKey, type Shopper } from './harness';
import { worldOn } from './world';

type Payment = { id: string; status: string; amount: number; refundedAmount: number };
type Refund = {
  id: string;
  paymentId: string;
  amount: number;
  status: string;
  failure: { code: string; message: string; responseCode?: string } | null;
};

const DAY = 86_400;

describe.each(dbEngines)('refunds on $name', (engine) => {
  const world = worldOn(engine);

  const bound = async (userId: string, bankCode: BankCode, accountNumber: string) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({ bankCode, accountNumber });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId! };
  };

  /** A settled payment (OTP entered when the bank asks for one). */
  const pay = async (shopper: Shopper, instrumentId: string, amount: number) => {
    const res = await shopper.pay<{ payment: Payment & { otp: unknown } }>({
      instrumentId,
      amount,
    });
    expect(res.status).toBe(201);
    if (res.body.payment.status === 'requires_otp') {
      await shopper.post(`/payments/${res.body.payment.id}/otp`, { otp: '123456' }, { key: null });
    }
    await world.settle();
    const after = await shopper.get<{ payment: Payment }>(`/payments/${res.body.payment.id}`);
    expect(after.body.payment.status).toBe('succeeded');
    return after.body.payment;
  };

  const paid = async (userId: string, bankCode: BankCode, accountNumber: string, amount: number) => {
    const { shopper, instrumentId } = await bound(userId, bankCode, accountNumber);
    return { shopper, instrumentId, payment: await pay(shopper, instrumentId, amount) };
  };

  const ledgerOf = async (paymentId: string) => {
    const row = await world.proxy.store.get('payments', paymentId);
    const entry = world.sandbox.ledger().find((e) => e.partnerReferenceNo === row!.partnerReferenceNo);
    expect(entry).toBeDefined();
    return entry!;
  };

  const refund = (shopper: Shopper, paymentId: string, body: Record<string, unknown> = {}, key?: string) =>
    shopper.backOffice.post<{ refund: Refund; code?: string }>(
      `/payments/${paymentId}/refunds`,
      body,
      key ? { key } : {},
    );

  const getPayment = async (shopper: Shopper, id: string) =>
    (await shopper.get<{ payment: Payment }>(`/payments/${id}`)).body.payment;

  it('refunds in full by default: succeeded, refundedAmount = amount, money back at the bank', async () => {
    const { shopper, payment } = await paid('rf-full', '002', '1010100001', 100_000);
    const res = await refund(shopper, payment.id, { reason: 'changed my mind' });
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({ paymentId: payment.id, amount: 100_000, status: 'succeeded' });
    expect(res.body.refund.id).toMatch(/^rfd_[A-Za-z0-9]{24}$/);
    const after = await getPayment(shopper, payment.id);
    expect(after).toMatchObject({ status: 'succeeded', refundedAmount: 100_000 });
    const entry = await ledgerOf(payment.id);
    expect(entry.refundedAmount).toBe(100_000);
    expect(entry.refunds).toHaveLength(1);
    const more = await refund(shopper, payment.id, {});
    expect(more.status).toBe(422);
    expect(more.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
  });

  it('refunds part, then the rest; GET /payments/:id/refunds lists both', async () => {
    const { shopper, payment } = await paid('rf-partial', '002', '1010100002', 80_000);
    const first = await refund(shopper, payment.id, { amount: 30_000 });
    expect(first.body.refund).toMatchObject({ amount: 30_000, status: 'succeeded' });
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(30_000);
    const rest = await refund(shopper, payment.id);
    expect(rest.status).toBe(201);
    expect(rest.body.refund).toMatchObject({ amount: 50_000, status: 'succeeded' });
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(80_000);
    const list = await shopper.get<{ refunds: Refund[] }>(`/payments/${payment.id}/refunds`);
    expect(list.status).toBe(200);
    expect(list.body.refunds.map((r) => [r.id, r.amount, r.status])).toEqual([
      [first.body.refund.id, 30_000, 'succeeded'],
      [rest.body.refund.id, 50_000, 'succeeded'],
    ]);
    expect((await ledgerOf(payment.id)).refundedAmount).toBe(80_000);
    // Another user sees nothing of them.
    expect((await world.as('rf-partial-thief').get(`/payments/${payment.id}/refunds`)).status).toBe(404);
  });

  it('refuses a refund larger than what is left with 422 and records nothing upstream', async () => {
    const { shopper, payment } = await paid('rf-exceeds', '002', '1010100003', 50_000);
    const calls = world.proxy.client.stats.byEndpoint.refund ?? 0;
    const res = await refund(shopper, payment.id, { amount: 60_000 });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    expect((await ledgerOf(payment.id)).refunds).toEqual([]);
    expect(world.proxy.client.stats.byEndpoint.refund ?? 0).toBe(calls);
    expect(await world.proxy.store.list('refunds', { paymentId: payment.id })).toEqual([]);
    // After a partial refund, the limit is what is left.
    expect((await refund(shopper, payment.id, { amount: 20_000 })).status).toBe(201);
    const over = await refund(shopper, payment.id, { amount: 30_001 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    expect((await ledgerOf(payment.id)).refunds).toHaveLength(1);
  });

  it('two concurrent refunds that together exceed the payment: only one goes through', async () => {
    const { shopper, payment } = await paid('rf-race', '002', '1010100004', 100_000);
    const results = await Promise.all([
      refund(shopper, payment.id, { amount: 60_000 }),
      refund(shopper, payment.id, { amount: 60_000 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const ok = results.find((r) => r.status === 201)!;
    expect(ok.body.refund.status).toBe('succeeded');
    expect(results.find((r) => r.status === 422)?.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    const entry = await ledgerOf(payment.id);
    expect(entry.refunds).toHaveLength(1);
    expect(entry.refundedAmount).toBe(60_000);
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(60_000);
  });

  it('refuses to refund a payment that has not succeeded with 409 INVALID_STATE', async () => {
    const { shopper, instrumentId } = await bound('rf-not-succeeded', '002', '1010100005');
    const processing = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 10_000,
    });
    expect(processing.body.payment.status).toBe('processing');
    const early = await refund(shopper, processing.body.payment.id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INVALID_STATE' });
    const otp = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 2_000_000 });
    expect(otp.body.payment.status).toBe('requires_otp');
    expect((await refund(shopper, otp.body.payment.id)).body).toMatchObject({ code: 'INVALID_STATE' });
    const nsf = await bound('rf-not-succeeded', '002', '1010100051');
    const failed = await shopper.pay<{ payment: Payment }>({
      instrumentId: nsf.instrumentId,
      amount: 10_000,
    });
    expect(failed.body.payment.status).toBe('failed');
    expect((await refund(shopper, failed.body.payment.id)).body).toMatchObject({ code: 'INVALID_STATE' });
    expect(await world.proxy.store.list('refunds', { userId: 'rf-not-succeeded' })).toEqual([]);
    await world.settle();
  });

  it.each([
    ['5005800 Refund In Process', '1010100036'],
    ['2025800 Request In Progress (HTTP 202)', '1010100202'],
  ])(
    'a slow refund answered %s is processing, then the callback makes it succeeded',
    async (_, accountNumber) => {
      const { shopper, payment } = await paid(`rf-slow-${accountNumber}`, '002', accountNumber, 40_000);
      const res = await refund(shopper, payment.id);
      expect(res.status).toBe(201);
      expect(res.body.refund).toMatchObject({ amount: 40_000, status: 'processing' });
      expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(0);
      // A processing refund counts against what is left.
      expect((await refund(shopper, payment.id, { amount: 1 })).body).toMatchObject({
        code: 'REFUND_EXCEEDS_PAYMENT',
      });
      // Only the bank's clock and its callbacks: no reconciler pass.
      await world.sandbox.clock.advance(121);
      await world.sandbox.flush();
      const list = await shopper.get<{ refunds: Refund[] }>(`/payments/${payment.id}/refunds`);
      expect(list.body.refunds).toHaveLength(1);
      expect(list.body.refunds[0]).toMatchObject({ id: res.body.refund.id, status: 'succeeded' });
      expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(40_000);
    },
  );

  it('a slow refund whose callback is lost is reconciled to succeeded', async () => {
    const { shopper, payment } = await paid('rf-slow-lost', '002', '2010100036', 45_000);
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'refund' });
    const res = await refund(shopper, payment.id, { amount: 45_000 });
    expect(res.body.refund.status).toBe('processing');
    await world.sandbox.clock.advance(121);
    await world.sandbox.flush();
    expect((await world.proxy.store.get('refunds', res.body.refund.id))?.status).toBe('processing');
    expect((await ledgerOf(payment.id)).refunds[0]?.status).toBe('SUCCESS');
    await world.advance(1);
    const list = await shopper.get<{ refunds: Refund[] }>(`/payments/${payment.id}/refunds`);
    expect(list.body.refunds[0]).toMatchObject({ id: res.body.refund.id, status: 'succeeded' });
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(45_000);
  });

  it('a refund the bank never recorded (its answer an error) fails after a day without a trace, and the amount can be refunded again', async () => {
    const { shopper, payment } = await paid('rf-untraced', '002', '1010100009', 30_000);
    world.sandbox.faults.add({ target: 'endpoint', endpoint: 'refund', action: 'error', count: 1 });
    const res = await refund(shopper, payment.id, { amount: 30_000 });
    expect(res.body.refund.status).toBe('processing');
    await world.advance(12 * 3600);
    // Half a day: still asked about (a slow bank may list it late).
    expect((await world.proxy.store.get('refunds', res.body.refund.id))?.status).toBe('processing');
    await world.advance(13 * 3600);
    const row = await world.proxy.store.get('refunds', res.body.refund.id);
    expect(row).toMatchObject({
      status: 'failed',
      nextCheckAt: null,
      failure: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    expect((await ledgerOf(payment.id)).refunds).toEqual([]);
    // Nothing is held back for it any more: the whole amount refunds.
    const again = await refund(shopper, payment.id, { amount: 30_000 });
    expect(again.body.refund.status).toBe('succeeded');
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(30_000);
  });

  it('replaying a refund with the same Idempotency-Key returns the same refund; the bank holds one', async () => {
    const { shopper, payment } = await paid('rf-idem', '002', '1010100007', 70_000);
    const key = newKey();
    const calls = world.proxy.client.stats.byEndpoint.refund ?? 0;
    const first = await refund(shopper, payment.id, { amount: 10_000 }, key);
    const again = await Promise.all([
      refund(shopper, payment.id, { amount: 10_000 }, key),
      refund(shopper, payment.id, { amount: 10_000 }, key),
    ]);
    expect(first.status).toBe(201);
    for (const r of again) expect(r.body.refund.id).toBe(first.body.refund.id);
    expect(world.proxy.client.stats.byEndpoint.refund).toBe(calls + 1);
    expect((await ledgerOf(payment.id)).refunds).toHaveLength(1);
    expect((await getPayment(shopper, payment.id)).refundedAmount).toBe(10_000);
    const reused = await refund(shopper, payment.id, { amount: 20_000 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a refund past the bank window (CIMB, 7 days) with REFUND_NOT_ALLOWED and the responseCode', async () => {
    const { shopper, instrumentId } = await bound('rf-window', '022', '1010100008');
    const early = await pay(shopper, instrumentId, 25_000);
    const late = await pay(shopper, instrumentId, 26_000);
    await world.advance(6 * DAY);
    const inside = await refund(shopper, early.id);
    expect(inside.body.refund?.status).toBe('succeeded');
    await world.advance(2 * DAY);
    const res = await refund(shopper, late.id);
    expect(res.status).toBe(201);
    expect(res.body.refund.status).toBe('failed');
    expect(res.body.refund.failure).toMatchObject({ code: 'REFUND_NOT_ALLOWED', responseCode: '4035815' });
    expect((await getPayment(shopper, late.id)).refundedAmount).toBe(0);
    expect((await ledgerOf(late.id)).refunds).toEqual([]);
  });

  it('a refund of a payment whose referenceNo the bank never named waits for it, asking again later and less often', async () => {
    const { shopper, payment } = await paid('rf-no-reference', '002', '1010100007', 15_000);
    await world.proxy.store.update('payments', payment.id, { referenceNo: null });
    const calls = world.proxy.client.stats.byEndpoint.refund ?? 0;
    const res = await refund(shopper, payment.id);
    expect(res.status).toBe(201);
    expect(res.body.refund.status).toBe('processing');
    const gaps: number[] = [];
    for (let pass = 0; pass < 5; pass++) {
      const row = (await world.proxy.store.get('refunds', res.body.refund.id))!;
      expect(row).toMatchObject({ status: 'created', upstreamLeaseUntil: null, checkAttempts: pass + 1 });
      const due = row.nextCheckAt!.getTime() - world.sandbox.clock.now();
      gaps.push(due);
      await world.advance(Math.ceil(due / 1000));
    }
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(gaps.at(-1)).toBeGreaterThan(gaps[0]!);
    expect(world.proxy.client.stats.byEndpoint.refund ?? 0).toBe(calls);
  });
});
