import { TEST_CARDS } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { newKey, SHOP } from './harness';
import { worldOn } from './world';

type Payment = { id: string; status: string; amount: number; userId?: string; refundedAmount: number };
type Audit = {
  actor: { type: string; id: string };
  action: string;
  result: string;
  errorCode: string | null;
};

/** Refunds, captures and voids belong to the merchant's staff and server, never to a shopper. */
describe.each(dbEngines)('staff and server actions on $name', (engine) => {
  const world = worldOn(engine);

  const paidByAccount = async (userId: string, amount: number) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({
      bankCode: '002',
      accountNumber: `${String(amount).slice(0, 6)}0001`,
    });
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId: binding.instrumentId, amount });
    await world.settle();
    return { shopper, paymentId: paid.body.payment.id };
  };
  const heldByCard = async (userId: string, amount: number) => {
    const shopper = world.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa, otp: '123456' });
    const held = await shopper.pay<{ payment: Payment }>({
      instrumentId: cardRegistration.instrumentId,
      amount,
      mode: 'authorize',
    });
    expect(held.body.payment.status).toBe('authorized');
    return { shopper, paymentId: held.body.payment.id };
  };
  const ledgers = () => JSON.stringify([world.sandbox.ledger(), world.sandbox.cardLedger()]);

  it("a shopper's cookie reaches no staff route and no money action: nothing moves", async () => {
    const { shopper, paymentId } = await paidByAccount('st-attacker', 150_000);
    const { paymentId: holdId } = await heldByCard('st-attacker-card', 80_000);
    const before = ledgers();
    const asShopper = (path: string, body: unknown = {}) =>
      world.proxy.fetch(
        new Request(`${SHOP}/ayokit/staff/v1${path}`, {
          method: 'POST',
          headers: {
            'x-test-user': shopper.userId,
            origin: SHOP,
            'content-type': 'application/json',
            'idempotency-key': newKey(),
          },
          body: JSON.stringify(body),
        }),
      );
    for (const path of [
      `/payments/${paymentId}/refunds`,
      `/payments/${holdId}/capture`,
      `/payments/${holdId}/void`,
    ]) {
      const res = await asShopper(path);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      // The shopper API has no such routes any more.
      const own = await shopper.post(path, {});
      expect(own.status, path).toBe(404);
    }
    const list = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/staff/v1/payments`, { headers: { 'x-test-user': shopper.userId } }),
    );
    expect(list.status).toBe(401);
    expect(ledgers()).toBe(before);
    expect(await world.proxy.payments.get(holdId)).toMatchObject({ status: 'authorized' });
    expect((await world.proxy.payments.get(paymentId))?.refundedAmount).toBe(0);
  });

  it('staff without the role are refused (403), recorded, and nothing moves', async () => {
    const { paymentId } = await paidByAccount('st-roles', 160_000);
    const { paymentId: holdId } = await heldByCard('st-roles-card', 81_000);
    const before = ledgers();
    const desk = world.staff('desk-1', ['read', 'capture', 'void']);
    const finance = world.staff('finance-1', ['read', 'refund']);
    const refused = await desk.post(`/payments/${paymentId}/refunds`, {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    // The attempt is on record: who tried what, refused for the role.
    expect((await world.proxy.audit.list({ paymentId }))[0]).toMatchObject({
      actor: { type: 'staff', id: 'desk-1' },
      action: 'refund',
      result: 'refused',
      errorCode: 'FORBIDDEN',
    });
    expect((await finance.post(`/payments/${holdId}/capture`, {})).status).toBe(403);
    expect((await finance.post(`/payments/${holdId}/void`, {})).status).toBe(403);
    expect((await world.staff('nobody', []).get(`/payments/${paymentId}`)).status).toBe(403);
    expect(ledgers()).toBe(before);
    // Refused by the bank's rules (not the role): recorded with the code.
    const tooMuch = await finance.post(`/payments/${paymentId}/refunds`, { amount: 999_999 });
    expect(tooMuch.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    const audit = await finance.get<{ entries: Audit[] }>(`/audit?paymentId=${paymentId}`);
    expect(audit.body.entries[0]).toMatchObject({
      actor: { type: 'staff', id: 'finance-1' },
      action: 'refund',
      result: 'refused',
      errorCode: 'REFUND_EXCEEDS_PAYMENT',
    });
  });

  it('finance refunds, the front desk captures and voids; every action is in the audit trail', async () => {
    const { shopper, paymentId } = await paidByAccount('st-ok', 170_000);
    const finance = world.staff('finance-2', ['read', 'refund']);
    const refund = await finance.post<{ refund: { id: string; amount: number } }>(
      `/payments/${paymentId}/refunds`,
      {
        amount: 20_000,
        reason: 'damaged',
      },
    );
    expect(refund.status).toBe(201);
    await world.settle();
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${paymentId}`)).body.payment.refundedAmount,
    ).toBe(20_000);
    // The shopper still sees the refunds made to them.
    expect(
      (await shopper.get<{ refunds: unknown[] }>(`/payments/${paymentId}/refunds`)).body.refunds,
    ).toHaveLength(1);

    const { paymentId: holdId } = await heldByCard('st-ok-card', 82_000);
    const desk = world.staff('desk-2', ['read', 'capture', 'void']);
    const captured = await desk.post<{ payment: Payment }>(`/payments/${holdId}/capture`, { amount: 90_000 });
    expect(captured.body.payment).toMatchObject({ status: 'succeeded', userId: 'st-ok-card' });
    const { paymentId: voidId } = await heldByCard('st-ok-card2', 83_000);
    expect((await desk.post(`/payments/${voidId}/void`, {}, { key: null })).body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    const voided = await desk.post<{ payment: Payment }>(`/payments/${voidId}/void`, { reason: 'no-show' });
    expect(voided.body.payment.status).toBe('voided');

    const search = await desk.get<{ payments: Payment[] }>('/payments?userId=st-ok-card&status=succeeded');
    expect(search.body.payments.map((p) => p.id)).toEqual([holdId]);
    expect((await desk.get('/payments?status=nope')).status).toBe(400);
    const trail = await desk.get<{ entries: (Audit & { paymentId: string })[] }>('/audit');
    const mine = trail.body.entries.filter((e) => [paymentId, holdId, voidId].includes(e.paymentId));
    expect(mine.map((e) => `${e.actor.id} ${e.action} ${e.result}`)).toEqual([
      'desk-2 void accepted',
      'desk-2 capture accepted',
      'finance-2 refund accepted',
    ]);
    expect((await desk.get<{ staff: { id: string; roles: string[] } }>('/me')).body.staff).toMatchObject({
      id: 'desk-2',
      roles: ['read', 'capture', 'void'],
    });
  });

  it("the merchant's server refunds, captures and voids through the proxy object, audited as server", async () => {
    const { paymentId } = await paidByAccount('st-server', 180_000);
    const refund = await world.proxy.payments.refund(paymentId, {
      amount: 30_000,
      idempotencyKey: 'srv-refund-1',
    });
    const again = await world.proxy.payments.refund(paymentId, {
      amount: 30_000,
      idempotencyKey: 'srv-refund-1',
    });
    expect(again.id).toBe(refund.id);
    await world.settle();
    expect((await world.proxy.payments.get(paymentId))?.refundedAmount).toBe(30_000);
    const { paymentId: holdId } = await heldByCard('st-server-card', 84_000);
    await expect(world.proxy.payments.capture(holdId, { amount: 200_000 })).rejects.toMatchObject({
      code: 'CAPTURE_EXCEEDS_AUTHORIZATION',
    });
    expect((await world.proxy.payments.void(holdId, { reason: 'cancelled' })).status).toBe('voided');
    await expect(world.proxy.payments.refund(paymentId, { amount: -1 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(world.proxy.payments.refund('pay_nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const trail = await world.proxy.audit.list({ paymentId: holdId });
    expect(trail.map((e) => `${e.actor.type} ${e.action} ${e.result}`)).toEqual([
      'server void accepted',
      'server capture refused',
    ]);
    expect((await world.proxy.payments.list({ userId: 'st-server' })).map((p) => p.id)).toEqual([paymentId]);
  });

  it('lists entries written in the same millisecond newest first, in the order they were written', async () => {
    const { paymentId } = await paidByAccount('st-same-ms', 190_000);
    const at = new Date(Date.UTC(2031, 0, 2, 3, 4, 5, 6));
    // Ids in the opposite order: the database's own order of ids would not pass.
    for (const [i, id] of ['aud_z', 'aud_m', 'aud_a'].entries()) {
      await world.proxy.store.insert('audit_log', {
        id,
        at,
        actorType: 'staff',
        actorId: `desk-${i}`,
        actorName: null,
        action: 'void',
        paymentId,
        amount: null,
        reason: null,
        result: 'refused',
        errorCode: 'NOT_SUPPORTED',
        refundId: null,
      });
    }
    const trail = await world.proxy.audit.list({ paymentId });
    expect(trail.map((e) => e.actor.id)).toEqual(['desk-2', 'desk-1', 'desk-0']);
    const all = await world.proxy.audit.list({});
    expect(all.filter((e) => e.paymentId === paymentId).map((e) => e.actor.id)).toEqual([
      'desk-2',
      'desk-1',
      'desk-0',
    ]);
  });
});
