import { driveBindingWebview, driveCardRegistration, TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, type World } from './harness';

/** The proxy's clock (the sandbox's, shared through the harness) is this far from the database server's. */
const SKEW_MS = 400 * 24 * 60 * 60 * 1000;

type Binding = { id: string; status: string; webviewUrl: string; instrumentId: string | null };
type CardRegistration = { id: string; status: string; webviewUrl: string; instrumentId: string | null };

describe.each(dbEngines)('one clock, $name', (engine) => {
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db, { sandbox: { startTime: Date.now() + SKEW_MS } });
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  const inquiries = () => world.proxy.client.stats.byEndpoint.bindingInquiry ?? 0;

  it('a status read just after the last look does not ask the bank, whatever the database’s clock says', async () => {
    const shopper = world.as('clock-fresh');
    const started = await shopper.post<{ binding: Binding }>('/bindings', { bankCode: '002' });
    expect(started.status).toBe(201);
    const before = inquiries();
    const read = await shopper.get<{ binding: Binding }>(`/bindings/${started.body.binding.id}`);
    expect(read.body.binding.status).toBe('in_progress');
    expect(inquiries()).toBe(before);
    // Once the last look is older than 2 s on the proxy's clock, a read asks the bank.
    await world.sandbox.clock.advance(3);
    await shopper.get(`/bindings/${started.body.binding.id}`);
    expect(inquiries()).toBe(before + 1);
  });

  it('status reads racing the callback succeed a binding once: no 5xx, one saved account', async () => {
    const shopper = world.as('clock-race-binding');
    const started = await shopper.post<{ binding: Binding }>('/bindings', { bankCode: '002' });
    const { id, webviewUrl } = started.body.binding;
    // The bank's answer is in, its callback is late, the shopper's page polls: all learn of it at once.
    world.sandbox.faults.add({ target: 'callbacks', action: 'delay', type: 'binding', delaySeconds: 5 });
    const bank = (input: RequestInfo | URL, init?: RequestInit) =>
      world.sandbox.fetch(new Request(input, init));
    await driveBindingWebview(bank, webviewUrl, {
      accountNumber: '1111117890',
      cardExpiry: '12/35',
      otp: '123456',
    });
    await world.sandbox.clock.advance(3);
    const [reads] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => shopper.get<{ binding: Binding }>(`/bindings/${id}`))),
      world.sandbox.clock.advance(3),
    ]);
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    const final = await shopper.get<{ binding: Binding }>(`/bindings/${id}`);
    expect(final.body.binding.status).toBe('succeeded');
    const saved = await shopper.get<{ instruments: { id: string }[] }>('/instruments');
    expect(saved.body.instruments.map((i) => i.id)).toEqual([final.body.binding.instrumentId]);
  });

  it('status reads racing the callback succeed a card registration once: no 5xx, one saved card', async () => {
    const shopper = world.as('clock-race-card');
    const started = await shopper.post<{ cardRegistration: CardRegistration }>('/card-registrations', {});
    const { id, webviewUrl } = started.body.cardRegistration;
    world.sandbox.faults.add({
      target: 'callbacks',
      action: 'delay',
      type: 'card_registration',
      delaySeconds: 5,
    });
    await driveCardRegistration((r) => world.sandbox.fetch(r), webviewUrl, { cardNumber: TEST_CARDS.visa });
    await world.sandbox.clock.advance(3);
    const [reads] = await Promise.all([
      Promise.all(
        Array.from({ length: 10 }, () =>
          shopper.get<{ cardRegistration: CardRegistration }>(`/card-registrations/${id}`),
        ),
      ),
      world.sandbox.clock.advance(3),
    ]);
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    const final = await shopper.get<{ cardRegistration: CardRegistration }>(`/card-registrations/${id}`);
    expect(final.body.cardRegistration.status).toBe('succeeded');
    const saved = await shopper.get<{ instruments: { id: string }[] }>('/instruments');
    expect(saved.body.instruments.map((i) => i.id)).toEqual([final.body.cardRegistration.instrumentId]);
  });
});
