import type { StaffRole } from '@ayokit/core';
import { TEST_CARDS } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { SHOP } from './harness';
import { worldOn } from './world';

type Payment = { id: string; status: string; refundedAmount: number };
const NUL = '\u0000';

/**
 * PostgreSQL's text cannot hold the NUL character. Every field that is stored refuses it at the
 * boundary (400 INVALID_REQUEST, naming the field) before anything is sent or written: found as
 * a 500 after the bank had voided the hold, with the audit entry lost.
 */
describe.each(dbEngines)('text with the NUL character on $name', (engine) => {
  // The merchant's authenticate and authorizeStaff read ids percent-encoded (a header cannot carry a NUL).
  const world = worldOn(engine, {
    proxy: {
      authenticate: (req) => {
        const id = req.headers.get('x-test-user');
        return id ? { id: decodeURIComponent(id), phoneNumber: '081234567890' } : null;
      },
      authorizeStaff: (req) => {
        const [id = '', roles = ''] = (req.headers.get('x-test-staff') ?? '').split(':');
        const name = decodeURIComponent(id);
        return id ? { id: name, name, roles: roles.split(',').filter(Boolean) as StaffRole[] } : null;
      },
    },
  });
  const ledgers = () => JSON.stringify([world.sandbox.ledger(), world.sandbox.cardLedger()]);
  const refused = (res: { status: number; body: unknown }, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining(`${field} must not contain the NUL character`),
    });
  };

  it("in a shopper's returnUrl: no binding or card registration is started", async () => {
    const shopper = world.as('nul-shopper');
    for (const path of ['/bindings', '/card-registrations']) {
      refused(await shopper.post(path, { bankCode: '002', returnUrl: `${SHOP}/back?q=${NUL}` }), 'returnUrl');
    }
    refused(await shopper.post('/card-registrations', { returnUrl: `${SHOP}/a${NUL}b` }), 'returnUrl');
    expect(await world.proxy.store.list('bindings', { userId: 'nul-shopper' })).toEqual([]);
    expect(await world.proxy.store.list('card_registrations', { userId: 'nul-shopper' })).toEqual([]);
  });

  it("in staff's void or refund reason: the hold stays, nothing is refunded, the audit trail holds every try", async () => {
    const shopper = world.as('nul-card');
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa, otp: '123456' });
    const held = await shopper.pay<{ payment: Payment }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 80_000,
      mode: 'authorize',
    });
    const holdId = held.body.payment.id;
    const { binding } = await world.as('nul-bank').bind({ bankCode: '002', accountNumber: '7000000001' });
    const paid = await world.as('nul-bank').pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId,
      amount: 50_000,
    });
    await world.settle();
    const before = ledgers();
    const staff = world.staff();
    refused(await staff.post(`/payments/${holdId}/void`, { reason: `x${NUL}` }), 'The text');
    refused(
      await staff.post(`/payments/${paid.body.payment.id}/refunds`, { amount: 1_000, reason: `dmg${NUL}x` }),
      'The text',
    );
    expect(ledgers()).toBe(before);
    expect(await world.proxy.payments.get(holdId)).toMatchObject({ status: 'authorized' });
    expect((await world.proxy.payments.get(paid.body.payment.id))?.refundedAmount).toBe(0);
    // The same void with a plain reason goes through and is audited.
    const voided = await staff.post<{ payment: Payment }>(`/payments/${holdId}/void`, { reason: 'typo' });
    expect(voided.body.payment.status).toBe('voided');
    const audit = await staff.get<{ entries: { action: string; result: string }[] }>(
      `/audit?paymentId=${holdId}`,
    );
    expect(audit.body.entries).toEqual([expect.objectContaining({ action: 'void', result: 'accepted' })]);
  });

  it("in a staff search's userId, a server's checkout, or the merchant's own user or staff id", async () => {
    refused(await world.staff().get(`/payments?userId=a%00b`), 'userId');
    await expect(
      world.proxy.checkouts.create({
        userId: 'nul-server',
        amount: 10_000,
        orderId: 'nul-1',
        description: NUL,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('NUL') });
    await expect(
      world.proxy.checkouts.create({ userId: `u${NUL}`, amount: 10_000, orderId: 'nul-2' }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('userId') });
    // authenticate(request) naming a user the database cannot hold: not signed in (401), not a 500.
    const res = await world.as('nul%00user').get('/instruments');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const desk = await world.staff('desk%00x').get('/me');
    expect(desk.status).toBe(401);
    expect(desk.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
