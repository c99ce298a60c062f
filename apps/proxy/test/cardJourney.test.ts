import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driveCardRegistration, TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../src/config';
import type { Server } from '../src/server';
import {
  asAnswer,
  checkoutFor,
  type RunningServer,
  shopperApi,
  startDemoServer,
  TEST_PRIVATE_KEY_ENV,
  until,
} from './helpers';

/** Cards on the demo server over real HTTP: the gateway's page walked with fetch, callbacks over HTTP. */
describe('card journey over real HTTP', () => {
  let dir: string;
  let config: ServerConfig;
  let server: Server;
  let origin: string;
  let cookie = '';

  const api = shopperApi(() => ({ origin, cookie }));

  let running: RunningServer;
  beforeAll(async () => {
    // The reference profile, as the demo runs it: no card refund by API (Ayoconnect refunds by hand).
    running = await startDemoServer('ayokit-card-journey-');
    ({ dir, config, server, origin } = running);
    const login = await fetch(`${origin}/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ shopperId: 'shopper-ani' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await running?.close();
  });

  let instrumentId = '';
  const texts: string[] = [];

  it('keeps invented card credentials in the data folder and gives them to the embedded sandbox', async () => {
    const saved = JSON.parse(await readFile(join(dir, 'local-secrets.json'), 'utf8'));
    expect(saved.cardClientId).toBe(config.card?.clientId);
    expect(saved.cardClientSecret).toBe(config.card?.clientSecret);
    expect(config.card?.clientId).not.toBe(config.ayoconnect.clientId);
  });

  it('registers a 3-D Secure card through the gateway page', async () => {
    const started = await api('POST', '/card-registrations', {}, 'card-journey-reg-1');
    expect(started.status).toBe(201);
    texts.push(started.text);
    const page = await driveCardRegistration(fetch, started.body.cardRegistration.webviewUrl, {
      cardNumber: TEST_CARDS.threeDSecure,
    });
    expect(page).toMatchObject({ status: 'SUCCESS', challenged: true });
    const done = await until(
      () => api('GET', `/card-registrations/${started.body.cardRegistration.id}`),
      (r) => r.body.cardRegistration.status === 'succeeded',
    );
    expect(done.body.cardRegistration.status).toBe('succeeded');
    instrumentId = done.body.cardRegistration.instrumentId;
    const list = await api('GET', '/instruments');
    texts.push(list.text);
    expect(list.body.instruments).toEqual([
      expect.objectContaining({
        id: instrumentId,
        type: 'card',
        brand: 'visa',
        last4: '3220',
        status: 'active',
      }),
    ]);
  });

  it('pays directly, authorises and captures; no card refund by API in the reference profile', async () => {
    const direct = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 150_000 })}/pay`,
      { instrumentId },
      'card-journey-pay-1',
    );
    texts.push(direct.text);
    expect(direct.body.payment).toMatchObject({
      status: 'succeeded',
      capturedAmount: 150_000,
      instrumentType: 'card',
    });
    const held = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 200_000, mode: 'authorize' })}/pay`,
      { instrumentId },
      'card-journey-pay-2',
    );
    expect(held.body.payment.status).toBe('authorized');
    // Captures, refunds and voids are the shop's: its server code calls the proxy's server API.
    const merchant = server.proxy.payments;
    const heldId: string = held.body.payment.id;
    const over = await asAnswer(() =>
      merchant.capture(heldId, { amount: 240_001, idempotencyKey: 'card-journey-cap-0' }),
    );
    expect(over.body.code).toBe('CAPTURE_EXCEEDS_AUTHORIZATION');
    const captured = await merchant.capture(heldId, {
      amount: 210_000,
      idempotencyKey: 'card-journey-cap-1',
    });
    texts.push(JSON.stringify(captured));
    expect(captured).toMatchObject({ status: 'succeeded', capturedAmount: 210_000 });
    // The reference profile has no card refund API (Ayoconnect's operations refund cards): refused.
    expect(server.proxy.capabilities).toMatchObject({ cardRefund: false, cardVoid: true });
    const refund = await asAnswer(() => merchant.refund(heldId, { idempotencyKey: 'card-journey-rf-1' }));
    texts.push(JSON.stringify(refund.body));
    expect(refund.body.code).toBe('NOT_SUPPORTED');
    expect((await merchant.get(heldId))?.refundedAmount).toBe(0);
    const voidable = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 5_000, mode: 'authorize' })}/pay`,
      { instrumentId },
      'card-journey-pay-3',
    );
    const voided = await merchant.void(voidable.body.payment.id, { idempotencyKey: 'card-journey-void-1' });
    expect(voided.status).toBe('voided');
  });

  it('a declined card fails with PAYMENT_DECLINED', async () => {
    const started = await api('POST', '/card-registrations', {}, 'card-journey-reg-2');
    await driveCardRegistration(fetch, started.body.cardRegistration.webviewUrl, {
      cardNumber: TEST_CARDS.declined,
    });
    const done = await until(
      () => api('GET', `/card-registrations/${started.body.cardRegistration.id}`),
      (r) => r.body.cardRegistration.status === 'succeeded',
    );
    const pay = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 10_000 })}/pay`,
      { instrumentId: done.body.cardRegistration.instrumentId },
      'card-journey-pay-4',
    );
    expect(pay.body.payment).toMatchObject({ status: 'failed', failure: { code: 'PAYMENT_DECLINED' } });
  });

  it('unbinds the card at once, and no response ever held its token', async () => {
    const row = await server.proxy.store.get('instruments', instrumentId);
    const token = row?.type === 'card' ? row.cardToken : 'missing';
    const unbind = await api('POST', `/instruments/${instrumentId}/unbind`, {}, 'card-journey-unbind-1');
    texts.push(unbind.text);
    expect(unbind.body.unbinding.status).toBe('succeeded');
    const list = await api('GET', '/instruments');
    expect(list.body.instruments.map((i: { id: string }) => i.id)).not.toContain(instrumentId);
    for (const text of texts) expect(text).not.toContain(token);
  });
});

describe('card configuration', () => {
  it('AYOCONNECT_CARD_MERCHANT_CODE in embedded mode: the embedded sandbox expects that code, so cards register', async () => {
    const running = await startDemoServer('ayokit-card-code-', {
      env: { AYOCONNECT_CARD_MERCHANT_CODE: 'CARD01' },
    });
    try {
      const { origin } = running;
      expect(running.config.card?.merchantCode).toBe('CARD01');
      const login = await fetch(`${origin}/demo/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ shopperId: 'shopper-ani' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const started = await fetch(`${origin}/ayokit/v1/card-registrations`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json', 'idempotency-key': 'card-code-1' },
        body: '{}',
      });
      const body = await started.text();
      expect(started.status, body).toBe(201);
      const page = await driveCardRegistration(fetch, JSON.parse(body).cardRegistration.webviewUrl, {
        cardNumber: TEST_CARDS.threeDSecure,
      });
      expect(page).toMatchObject({ status: 'SUCCESS' });
    } finally {
      await running.close();
    }
  });

  it('adds card credentials to local secrets saved before cards existed, and reads AYOCONNECT_CARD_* in remote mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ayokit-card-config-'));
    try {
      const first = await loadConfig({ AYOKIT_DATA_DIR: dir });
      const file = join(dir, 'local-secrets.json');
      const saved = JSON.parse(await readFile(file, 'utf8'));
      delete saved.cardClientId;
      delete saved.cardClientSecret;
      writeFileSync(file, JSON.stringify(saved));
      const upgraded = await loadConfig({ AYOKIT_DATA_DIR: dir });
      expect(upgraded.ayoconnect.clientId).toBe(first.ayoconnect.clientId);
      expect(upgraded.card?.clientId).toMatch(/^ayokit-local-card-/);
      const again = await loadConfig({ AYOKIT_DATA_DIR: dir });
      expect(again.card?.clientSecret).toBe(upgraded.card?.clientSecret);

      const pem = TEST_PRIVATE_KEY_ENV;
      const remote = await loadConfig({
        AYOKIT_DATA_DIR: dir,
        AYOCONNECT_CLIENT_ID: 'dd-id',
        AYOCONNECT_CLIENT_SECRET: 'dd-secret',
        AYOCONNECT_PRIVATE_KEY: pem,
        AYOCONNECT_MERCHANT_ID: 'SHOP01',
        AYOCONNECT_CARD_CLIENT_ID: 'card-id',
        AYOCONNECT_CARD_CLIENT_SECRET: 'card-secret',
        AYOCONNECT_CARD_BASE_URL: 'https://cards.example',
        AYOCONNECT_CARD_MERCHANT_CODE: 'SHOP01',
      });
      expect(remote.card).toEqual({
        baseUrl: 'https://cards.example',
        clientId: 'card-id',
        clientSecret: 'card-secret',
        merchantCode: 'SHOP01',
      });
      const remoteWithoutCard = await loadConfig({
        AYOKIT_DATA_DIR: dir,
        AYOCONNECT_CLIENT_ID: 'dd-id',
        AYOCONNECT_CLIENT_SECRET: 'dd-secret',
        AYOCONNECT_PRIVATE_KEY: pem,
        AYOCONNECT_MERCHANT_ID: 'SHOP01',
      });
      expect(remoteWithoutCard.card).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
