import {
  CALLBACK_TYPE_HEADER,
  cardResponseCode,
  HEADERS,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import { TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AyoProxy } from '../src';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { CALLBACK_SECRET, createWorld, SHOP, type World } from './harness';

const PATH = '/ayokit/callbacks/ayoconnect';

async function post(proxy: AyoProxy, body: unknown, sign: boolean | string = true) {
  const text = JSON.stringify(body);
  const timestamp = snapTimestamp(Date.now());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [CALLBACK_TYPE_HEADER]: 'card_payment',
    [HEADERS.timestamp]: timestamp,
  };
  if (sign !== false) {
    headers[HEADERS.signature] = await signCallback({
      path: PATH,
      body: text,
      timestamp,
      secret: sign === true ? CALLBACK_SECRET : sign,
    });
  }
  const res = await proxy.fetch(new Request(`${SHOP}${PATH}`, { method: 'POST', headers, body: text }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const view = (
  row: { partnerReferenceNo: string; referenceNo: string | null; amount: number },
  status: string,
  extra: Record<string, unknown> = {},
) => ({
  responseCode: cardResponseCode('charge', 'success'),
  responseMessage: 'Successful',
  referenceNo: row.referenceNo,
  partnerReferenceNo: row.partnerReferenceNo,
  operation: 'AUTHORIZE',
  transactionStatus: status,
  amount: { value: `${row.amount}.00`, currency: 'IDR' },
  ...extra,
});

describe.each(dbEngines)('card_payment callbacks on $name', (engine) => {
  let db: Db;
  let world: World;
  let plain: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await plain?.close();
    await db?.close();
  });

  const authorized = async (w: World, userId: string) => {
    const shopper = w.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    const res = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 25_000,
      mode: 'authorize',
    });
    expect(res.body.payment.status).toBe('authorized');
    await w.sandbox.flush();
    return (await w.proxy.store.get('payments', res.body.payment.id))!;
  };

  it('applies a verified callback once, forward only: a late AUTHORIZED after VOIDED changes nothing', async () => {
    const row = await authorized(world, 'cb-card-fwd');
    const voided = view(row, 'VOIDED', { failureReason: 'Authorization expired without a capture' });
    expect((await post(world.proxy, voided)).body).toEqual({ received: true });
    expect(await world.proxy.store.get('payments', row.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
    expect((await post(world.proxy, voided)).body).toMatchObject({ duplicate: true });
    await post(world.proxy, view(row, 'AUTHORIZED'));
    await post(world.proxy, view(row, 'SUCCESS', { capturedAmount: { value: '25000.00', currency: 'IDR' } }));
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('voided');
  });

  it('refuses a callback with a bad signature and ignores one for an unknown payment', async () => {
    const row = await authorized(world, 'cb-card-sig');
    const forged = await post(world.proxy, view(row, 'SUCCESS'), 'not-the-secret');
    expect(forged.status).toBe(401);
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('authorized');
    const unknown = await post(
      world.proxy,
      view({ ...row, partnerReferenceNo: 'X'.repeat(32), referenceNo: null }, 'SUCCESS'),
    );
    expect(unknown.body).toMatchObject({ ignored: 'unknown reference' });
  });

  it('without a secret, confirms a callback through the status API: a forged capture changes nothing', async () => {
    plain = await createWorld(db, { proxy: { callbackSecret: undefined } });
    const row = await authorized(plain, 'cb-card-plain');
    const res = await post(
      plain.proxy,
      view(row, 'SUCCESS', { capturedAmount: { value: '25000.00', currency: 'IDR' } }),
      false,
    );
    expect(res.status).toBe(200);
    expect((await plain.proxy.store.get('payments', row.id))?.status).toBe('authorized');
  });
});
