import type { StaffRole } from '@ayokit/core';
import {
  CALLBACK_TYPE_HEADER,
  cardResponseCode,
  HEADERS,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import { NETWORK_ERROR_RESOLVE_SECONDS, TEST_CARDS } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { CALLBACK_SECRET, SHOP } from './harness';
import { worldOn } from './world';

type Payment = { id: string; status: string; refundedAmount: number };
const NUL = '\u0000';
const CALLBACK_PATH = '/ayokit/callbacks/ayoconnect';

/**
 * PostgreSQL's text cannot hold the NUL character. Every field that is stored refuses it at the
 * boundary (400 INVALID_REQUEST, naming the field) before anything is sent or written: found as
 * a 500 after the bank had voided the hold, with the audit entry lost.
 */
describe.each(dbEngines)('text with the NUL character on $name', (engine) => {
  // The merchant's authenticate and authorizeStaff read ids percent-encoded (a header cannot carry a NUL).
  /** While set, rewrites the JSON body of each card answer (the gateway's own text with a NUL). */
  let rewrite: ((body: Record<string, unknown>) => void) | null = null;
  const errors: string[] = [];
  const world = worldOn(engine, {
    upstream: async (request, next) => {
      const res = await next(request);
      if (!rewrite || !new URL(request.url).pathname.startsWith('/api/v1/lab/mpgs/cards/')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      rewrite(body);
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(body), { status: res.status, headers });
    },
    proxy: {
      log: (level, message, fields) => {
        if (level === 'error') errors.push(`${message} ${JSON.stringify(fields)}`);
      },
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

  /** A card callback signed with our secret, as the gateway sends it. */
  const callback = async (type: 'card_payment' | 'card_registration', body: unknown) => {
    const text = JSON.stringify(body);
    const timestamp = snapTimestamp(Date.now());
    const res = await world.proxy.fetch(
      new Request(`${SHOP}${CALLBACK_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLBACK_TYPE_HEADER]: type,
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: await signCallback({
            path: CALLBACK_PATH,
            body: text,
            timestamp,
            secret: CALLBACK_SECRET,
          }),
        },
        body: text,
      }),
    );
    return { status: res.status, body: await res.json() };
  };

  it('in a signed card callback (its references, a failure reason): ignored or read without it, never a 5xx', async () => {
    const shopper = world.as('nul-callback');
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.networkError });
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 10 });
    const pending = await shopper.pay<{ payment: Payment }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 20_000,
    });
    expect(pending.body.payment.status).toBe('processing');
    const row = (await world.proxy.store.get('payments', pending.body.payment.id))!;
    const code = cardResponseCode('charge', 'success');
    const unknown = [
      {
        responseCode: code,
        partnerReferenceNo: `${row.partnerReferenceNo}${NUL}`,
        transactionStatus: 'SUCCESS',
      },
      { responseCode: code, referenceNo: `a${NUL}b`, transactionStatus: 'SUCCESS' },
    ];
    for (const body of unknown) {
      expect(await callback('card_payment', body)).toEqual({
        status: 200,
        body: { received: true, ignored: 'unknown reference' },
      });
      // Its retry (a 5xx would bring it back again and again): acknowledged as seen.
      expect(await callback('card_payment', body)).toEqual({
        status: 200,
        body: { received: true, duplicate: true },
      });
    }
    const registration = {
      responseCode: cardResponseCode('registration', 'success'),
      card: { referenceNo: `r${NUL}`, registrationStatus: 'SUCCESS', cardToken: 'y'.repeat(40) },
    };
    expect((await callback('card_registration', registration)).body).toMatchObject({
      ignored: 'unknown reference',
    });
    // A failure whose reason has a NUL: applied, with the reason left out.
    const failed = await callback('card_payment', {
      responseCode: code,
      partnerReferenceNo: row.partnerReferenceNo,
      transactionStatus: 'FAILED',
      failureResponseCode: cardResponseCode('charge', 'doNotHonor'),
      failureReason: `Do not${NUL}honor`,
    });
    expect(failed).toEqual({ status: 200, body: { received: true } });
    const after = await world.proxy.payments.get(row.id);
    expect(after).toMatchObject({ status: 'failed', failure: { code: 'PAYMENT_DECLINED' } });
    expect(after?.failure?.message).not.toContain(NUL);
  });

  it("in the gateway's status answers: the reconciler reads them without it, and never fails on them", async () => {
    const shopper = world.as('nul-status');
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.networkError });
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 10 });
    rewrite = (body) => {
      if ('referenceNo' in body) body.referenceNo = `INV${NUL}1`;
      body.responseMessage = `Pending${NUL}`;
    };
    const pending = await shopper.pay<{ payment: Payment }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 21_000,
    });
    expect(pending.body.payment.status).toBe('processing');
    errors.length = 0;
    for (let i = 0; i < 4; i++) await world.advance(NETWORK_ERROR_RESOLVE_SECONDS);
    rewrite = null;
    world.sandbox.faults.clear();
    expect(errors).toEqual([]);
    expect(await world.proxy.payments.get(pending.body.payment.id)).toMatchObject({ status: 'succeeded' });
  });

  it("in the gateway's words of a refusal: the payment or registration fails in ours, never a 500", async () => {
    const shopper = world.as('nul-refusal');
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.declined });
    rewrite = (body) => {
      body.responseMessage = `Do not${NUL}honor`;
    };
    const declined = await shopper.pay<{ payment: Payment & { failure: { message: string } } }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 22_000,
    });
    expect(declined.status).toBe(201);
    expect(declined.body.payment).toMatchObject({ status: 'failed', failure: { code: 'PAYMENT_DECLINED' } });
    expect(declined.body.payment.failure.message).not.toContain(NUL);
    // A registration page answered without its URL, with such words: failed, not a 500.
    rewrite = (body) => {
      body.responseMessage = `No page${NUL}`;
      delete body.webviewUrl;
    };
    const started = await shopper.post<{
      cardRegistration: { status: string; failure: { message: string } };
    }>('/card-registrations', {});
    rewrite = null;
    expect(started.status).toBe(201);
    expect(started.body.cardRegistration).toMatchObject({
      status: 'failed',
      failure: { code: 'UPSTREAM_REJECTED' },
    });
    expect(started.body.cardRegistration.failure.message).not.toContain(NUL);
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
