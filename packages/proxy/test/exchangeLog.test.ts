import { TEST_CARDS, TEST_OTP } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { type ExchangeLogEntry, REDACTED } from '../src/wire/exchangeLog';
import { CARD_CLIENT, createWorld, type World } from './harness';

/** A full bind + pay (OTP) + refund + card registration + card payment + unbinding journey, logged. */
describe('the exchange log of a full journey', () => {
  const entries: ExchangeLogEntry[] = [];
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await createTestPgliteDb();
    world = await createWorld(db, { exchangeLog: (e) => entries.push(e) });
    const shopper = world.as('xlog-1');
    const { binding } = await shopper.bind({ bankCode: '014', accountNumber: '2234560002' });
    expect(binding.status).toBe('succeeded');
    const paid = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId: binding.instrumentId,
      amount: 80_000,
    });
    expect(paid.body.payment.status).toBe('requires_otp');
    const otp = await shopper.post<{ payment: { status: string } }>(
      `/payments/${paid.body.payment.id}/otp`,
      { otp: TEST_OTP },
      { key: null },
    );
    expect(otp.body.payment.status).not.toBe('requires_otp');
    await world.settle();
    const refund = await shopper.backOffice.post(`/payments/${paid.body.payment.id}/refunds`, {
      amount: 10_000,
    });
    expect(refund.status).toBe(201);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    expect(cardRegistration.status).toBe('succeeded');
    const card = await shopper.pay<{ payment: { status: string } }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 120_000,
    });
    expect(card.status).toBe(201);
    await world.settle();
    const unbound = await shopper.post(`/instruments/${binding.instrumentId}/unbind`, {});
    expect(unbound.status).toBeLessThan(300);
    await world.settle();
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('has every upstream call of both APIs, each with its flow id', () => {
    const seen = new Set(entries.map((e) => `${e.api}:${e.endpoint}`));
    for (const call of [
      'dd:b2bToken',
      'dd:binding',
      'dd:b2b2cToken',
      'dd:payment',
      'dd:verifyOtp',
      'dd:refund',
      'dd:unbinding',
      'card:token',
      'card:registration',
      'card:charge',
    ]) {
      expect(seen, call).toContain(call);
    }
    for (const e of entries) {
      expect('status' in e.response, `${e.endpoint} answered`).toBe(true);
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      if (e.api === 'dd' && !e.endpoint.endsWith('Token')) {
        expect(e.flowId, e.endpoint).toMatch(/^[A-Za-z0-9]{1,36}$/);
        expect(e.request.headers['x-external-id']).toBe(e.flowId);
      }
      if (e.api === 'card' && e.endpoint !== 'token') expect(e.flowId, e.endpoint).toBeTruthy();
      for (const h of ['authorization', 'authorization-customer', 'x-signature', 'x-client-key']) {
        if (h in e.request.headers) expect(e.request.headers[h], h).toBe(REDACTED);
      }
    }
  });

  it('carries no secret, token or OTP anywhere in its JSON', () => {
    const state = world.sandbox.exportState();
    const secrets = [
      'secret-1',
      CARD_CLIENT.clientSecret,
      ...state.b2bTokens.map((t) => t.token),
      ...state.customerTokens.map((t) => t.token),
      ...state.cardAccessTokens.map((t) => t.token),
      ...state.accounts.flatMap((a) => [a.accountToken, a.authCode]),
      ...state.cardRegistrations.flatMap((r) => (r.cardToken ? [r.cardToken] : [])),
    ];
    // Each kind was really exchanged, so its absence below means it was redacted.
    expect(state.b2bTokens.length).toBeGreaterThan(0);
    expect(state.customerTokens.length).toBeGreaterThan(0);
    expect(state.cardAccessTokens.length).toBeGreaterThan(0);
    expect(state.accounts.length).toBeGreaterThan(0);
    expect(state.cardRegistrations.some((r) => r.cardToken)).toBe(true);
    const json = JSON.stringify(entries);
    for (const secret of secrets)
      expect(json.includes(secret), `a secret of ${secret.length} chars`).toBe(false);
    expect(json).not.toContain(`"${TEST_OTP}"`);
    expect(json).toContain(REDACTED);
  });
});
