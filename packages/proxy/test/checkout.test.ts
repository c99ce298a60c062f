import { TEST_CARDS } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { worldOn } from './world';

type Payment = {
  id: string;
  status: string;
  amount: number;
  mode: string;
  orderId: string;
  checkoutId: string;
};
type Checkout = {
  id: string;
  status: string;
  amount: number;
  paymentId: string | null;
  description: string | null;
};

/** Checkouts: the merchant's server fixes the price; the shopper only picks the instrument. */
describe.each(dbEngines)('checkouts on $name', (engine) => {
  const world = worldOn(engine);

  const withAccount = async (userId: string, accountNumber: string) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId! };
  };
  const withCard = async (userId: string, cardNumber: string = TEST_CARDS.visa) => {
    const shopper = world.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber, otp: '123456' });
    expect(cardRegistration.status).toBe('succeeded');
    return { shopper, instrumentId: cardRegistration.instrumentId! };
  };
  const charges = (amount: number) => world.sandbox.ledger().filter((e) => e.charged && e.amount === amount);

  it("charges the checkout's amount, never the browser's; the shopper reads it", async () => {
    const { shopper, instrumentId } = await withAccount('co-amount', '1111560001');
    const checkout = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 350_000,
      orderId: 'order-batik-350000',
      description: 'Batik',
    });
    expect(checkout).toMatchObject({ status: 'open', amount: 350_000, currency: 'IDR', mode: 'direct' });
    const read = await shopper.get<{ checkout: Checkout }>(`/checkouts/${checkout.id}`);
    expect(read.body.checkout).toMatchObject({ amount: 350_000, description: 'Batik', status: 'open' });
    // A tampered body is refused before anything happens…
    const tampered = await shopper.post(`/checkouts/${checkout.id}/pay`, { instrumentId, amount: 1 });
    expect(tampered.status).toBe(400);
    // …and the old route that took a browser's amount is gone.
    const old = await shopper.post('/payments', { instrumentId, amount: 1, orderId: 'order-batik-350000' });
    expect(old.status).toBe(404);
    expect(world.sandbox.ledger().filter((e) => e.amount === 1)).toEqual([]);
    const paid = await shopper.post<{ payment: Payment }>(`/checkouts/${checkout.id}/pay`, { instrumentId });
    expect(paid.status).toBe(201);
    expect(paid.body.payment).toMatchObject({
      amount: 350_000,
      orderId: 'order-batik-350000',
      checkoutId: checkout.id,
    });
    await world.settle();
    expect(charges(350_000)).toHaveLength(1);
    const after = await shopper.get<{ checkout: Checkout }>(`/checkouts/${checkout.id}`);
    expect(after.body.checkout).toMatchObject({ status: 'paid', paymentId: paid.body.payment.id });
    // Paid once: another try, with another key, is refused and charges nothing.
    const again = await shopper.post(`/checkouts/${checkout.id}/pay`, { instrumentId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CHECKOUT_PAID' });
    expect(charges(350_000)).toHaveLength(1);
  });

  it('two tabs pay one checkout at once (same or different instruments): one payment, one charge', async () => {
    const { shopper, instrumentId } = await withAccount('co-tabs', '1111560002');
    const { binding } = await shopper.bind({ bankCode: '008', accountNumber: '2222560002' });
    const checkout = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 212_000,
      orderId: 'order-tabs',
    });
    const tries = await Promise.all(
      [instrumentId, binding.instrumentId!, instrumentId, binding.instrumentId!].map((id) =>
        shopper.post<{ payment?: Payment; code?: string }>(`/checkouts/${checkout.id}/pay`, {
          instrumentId: id,
        }),
      ),
    );
    const created = tries.filter((t) => t.status === 201);
    expect(created).toHaveLength(1);
    for (const t of tries.filter((t) => t.status !== 201)) {
      expect(t.status).toBe(409);
      expect(['CHECKOUT_IN_PROGRESS', 'CHECKOUT_PAID']).toContain(t.body.code);
    }
    await world.settle();
    expect(charges(212_000)).toHaveLength(1);
  });

  it('a declined card leaves the checkout open; another card then pays it, once', async () => {
    const { shopper, instrumentId: declined } = await withCard('co-retry', TEST_CARDS.declined);
    const checkout = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 77_000,
      orderId: 'order-retry',
    });
    const first = await shopper.post<{ payment: Payment }>(`/checkouts/${checkout.id}/pay`, {
      instrumentId: declined,
    });
    expect(first.body.payment.status).toBe('failed');
    expect((await world.proxy.checkouts.get(checkout.id))?.status).toBe('open');
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa, otp: '123456' });
    const second = await shopper.post<{ payment: Payment }>(`/checkouts/${checkout.id}/pay`, {
      instrumentId: cardRegistration.instrumentId,
    });
    expect(second.body.payment.status).toBe('succeeded');
    expect(await world.proxy.checkouts.get(checkout.id)).toMatchObject({
      status: 'paid',
      paymentId: second.body.payment.id,
    });
    const gateway = world.sandbox.cardLedger().filter((e) => e.charged && e.chargedAmount === 77_000);
    expect(gateway).toHaveLength(1);
  });

  it("refuses another user's, an expired and a cancelled checkout with stable codes, charging nothing", async () => {
    const { shopper, instrumentId } = await withAccount('co-owner', '1111560004');
    const thief = await withAccount('co-thief', '1111560005');
    const theirs = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 91_000,
      orderId: 'o-1',
    });
    const read = await thief.shopper.get(`/checkouts/${theirs.id}`);
    expect(read.status).toBe(404);
    const pay = await thief.shopper.post(`/checkouts/${theirs.id}/pay`, { instrumentId: thief.instrumentId });
    expect(pay.status).toBe(404);
    expect(pay.body).toMatchObject({ code: 'NOT_FOUND' });
    // Someone else's instrument cannot pay my checkout either.
    const mine = await shopper.post(`/checkouts/${theirs.id}/pay`, { instrumentId: thief.instrumentId });
    expect(mine.status).toBe(404);

    const short = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 92_000,
      orderId: 'o-2',
      expiresInSeconds: 60,
    });
    await world.advance(61);
    expect((await world.proxy.checkouts.get(short.id))?.status).toBe('expired');
    const late = await shopper.post(`/checkouts/${short.id}/pay`, { instrumentId });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'CHECKOUT_EXPIRED' });

    const cancelled = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 93_000,
      orderId: 'o-3',
    });
    expect((await world.proxy.checkouts.cancel(cancelled.id)).status).toBe('cancelled');
    const gone = await shopper.post(`/checkouts/${cancelled.id}/pay`, { instrumentId });
    expect(gone.status).toBe(409);
    expect(gone.body).toMatchObject({ code: 'CHECKOUT_CANCELLED' });
    await world.settle();
    for (const amount of [91_000, 92_000, 93_000]) expect(charges(amount)).toEqual([]);
    expect((await shopper.get<{ payments: unknown[] }>('/payments')).body.payments).toEqual([]);
  });

  it('a paid checkout cannot be cancelled; an authorise checkout refuses a bank account', async () => {
    const { shopper, instrumentId } = await withAccount('co-cancel', '1111560006');
    const checkout = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 94_000,
      orderId: 'o-4',
    });
    await shopper.post(`/checkouts/${checkout.id}/pay`, { instrumentId });
    await world.settle();
    await expect(world.proxy.checkouts.cancel(checkout.id)).rejects.toMatchObject({ code: 'CHECKOUT_PAID' });
    const hold = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 95_000,
      orderId: 'o-5',
      mode: 'authorize',
    });
    const res = await shopper.post(`/checkouts/${hold.id}/pay`, { instrumentId });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'MODE_NOT_SUPPORTED' });
    expect(await world.proxy.checkouts.get('chk_doesnotexistdoesnotexis')).toBeNull();
  });
});
