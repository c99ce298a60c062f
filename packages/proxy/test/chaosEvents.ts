/**
 * The merchant's side of a chaos run: an `onEvent` handler and a webhook receiver that fail, time
 * out and answer 5xx at random while journeys run, then the check that every outcome reached
 * both, signed, once per event id, in order per user, and agrees with the proxy's final records.
 */
import type { OrderEvent, OrderEventType } from '@ayokit/core';
import type { AyoProxyOptions } from '../src';
import type { InstrumentRow, PaymentRow, RefundRow } from '../src/store/rows';
import { verifyWebhook } from '../src/webhooks';
import type { World } from './harness';
import { outboxRows, WEBHOOK_SECRET, WEBHOOK_URL } from './orderEvents';

/** A separate random stream, so the journeys stay those of the seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChaosEventStats {
  recorded: number;
  deliveries: number;
  /** Deliveries of an id that had arrived before (a timeout that arrived after all). */
  redeliveries: number;
  failedAttempts: number;
}

export function chaosMerchant(seed: number, failureRate: number) {
  const next = rng(seed ^ 0x5eed);
  let reliable = false;
  let clock = () => Date.now();
  const arrived: Record<'handler' | 'webhook', OrderEvent[]> = { handler: [], webhook: [] };
  const rejected: string[] = [];
  let failedAttempts = 0;

  const misbehave = async (): Promise<'fail' | 'ok'> => {
    if (reliable) return 'ok';
    const roll = next();
    if (roll < failureRate * 0.7) return 'fail';
    // Slower than the proxy waits: it gives up and retries, though this one arrives too.
    if (roll < failureRate) await new Promise((r) => setTimeout(r, 200));
    return 'ok';
  };

  const options: Partial<AyoProxyOptions> = {
    onEvent: async (event) => {
      if ((await misbehave()) === 'fail') {
        failedAttempts++;
        throw new Error('the shop database is busy');
      }
      arrived.handler.push(event);
    },
    webhooks: {
      url: WEBHOOK_URL,
      secret: WEBHOOK_SECRET,
      fetch: async (request) => {
        // The moment it arrives: other journeys jump the virtual clock by minutes while this one
        // awaits, which real time never does.
        const arrivedAt = clock();
        const body = await request.text();
        if ((await misbehave()) === 'fail') {
          failedAttempts++;
          return new Response('bad gateway', { status: 502 });
        }
        try {
          arrived.webhook.push(
            await verifyWebhook({ body, headers: request.headers, secret: WEBHOOK_SECRET, now: arrivedAt }),
          );
          return new Response(null, { status: 204 });
        } catch (error) {
          rejected.push(String(error));
          return new Response(null, { status: 400 });
        }
      },
    },
    eventDelivery: { intervalMs: 0, retryBaseMs: 1_000, retryMaxMs: 60_000, timeoutMs: 150 },
  };

  return {
    options,
    attach(world: World) {
      clock = () => world.sandbox.clock.now();
    },
    /** Now and then, while journeys run. */
    async maybeDeliver(world: World, chance: number) {
      if (next() < chance) await world.proxy.deliverEvents();
    },
    /** The merchant comes back for good: deliver until nothing is left. */
    async drain(world: World, sabotage?: 'loseAnEvent'): Promise<void> {
      reliable = true;
      if (sabotage === 'loseAnEvent') {
        // Checks the checker: an undelivered webhook of a payment's success disappears.
        await world.proxy.store.db.query(
          "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox WHERE type = 'payment.succeeded' AND target = 'webhook')",
        );
      }
      for (let i = 0; i < 30; i++) {
        await world.proxy.deliverEvents();
        const [left] = await world.proxy.store.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL',
        );
        if (left?.n === 0) return;
        await world.sandbox.clock.advance(60);
      }
    },

    /** What is wrong, compared with the proxy's final records. */
    async check(
      world: World,
      records: { payments: PaymentRow[]; refunds: RefundRow[]; instruments: InstrumentRow[] },
    ): Promise<{ problems: string[]; stats: ChaosEventStats }> {
      const problems: string[] = rejected.map((r) => `event: a webhook did not verify: ${r}`);
      const rows = await outboxRows(world);
      const undelivered = rows.filter((r) => !r.deliveredAt);
      if (undelivered.length) problems.push(`event: ${undelivered.length} outbox rows never delivered`);
      let redeliveries = 0;
      const firstArrivals: Record<string, OrderEvent[]> = {};
      for (const target of ['handler', 'webhook'] as const) {
        const stored = rows.filter((r) => r.target === target);
        const byId = new Map(stored.map((r) => [r.eventId, r]));
        const first = new Map<string, OrderEvent>();
        for (const e of arrived[target]) {
          if (first.has(e.id)) redeliveries++;
          else first.set(e.id, e);
          const row = byId.get(e.id);
          if (!row) problems.push(`event: ${target} got ${e.id}, which the outbox never held`);
          else if (JSON.stringify(row.event) !== JSON.stringify(e))
            problems.push(`event: ${target} got ${e.id} changed from what was stored`);
        }
        firstArrivals[target] = [...first.values()];
        const missing = stored.filter((r) => !first.has(r.eventId));
        if (missing.length) problems.push(`event: ${missing.length} events never reached the ${target}`);
        // In the order they happened, per user (by first arrival).
        const users = new Set(stored.map((r) => r.userId));
        for (const userId of users) {
          const expected = stored.filter((r) => r.userId === userId).map((r) => r.eventId);
          const got = [...first.values()].filter((e) => e.userId === userId).map((e) => e.id);
          if (JSON.stringify(expected) !== JSON.stringify(got)) {
            problems.push(`event: ${target} got ${userId}'s events out of order`);
          }
        }
      }

      // Each event is recorded for both targets (concurrent transactions may interleave their rows).
      const idsOf = (target: string) =>
        rows
          .filter((r) => r.target === target)
          .map((r) => r.eventId)
          .sort()
          .join();
      if (idsOf('handler') !== idsOf('webhook'))
        problems.push('event: the targets were given different events');

      // What arrived agrees with the records: one event per transition, the last the final status.
      for (const target of ['handler', 'webhook'] as const) {
        problems.push(
          ...disagreements(firstArrivals[target] ?? [], records).map((p) => `event: ${target}: ${p}`),
        );
      }
      return {
        problems,
        stats: {
          recorded: rows.filter((r) => r.target === 'handler').length,
          deliveries: arrived.handler.length + arrived.webhook.length,
          redeliveries,
          failedAttempts,
        },
      };
    },
  };
}

function disagreements(
  events: OrderEvent[],
  records: { payments: PaymentRow[]; refunds: RefundRow[]; instruments: InstrumentRow[] },
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    const subject =
      e.data.refund?.id ?? (e.type.startsWith('payment.') ? e.data.payment?.id : e.data.instrument?.id);
    const key = `${subject}:${e.type}`;
    if (seen.has(key)) problems.push(`${e.type} recorded twice for ${subject}`);
    seen.add(key);
  }
  const lastOf = (pred: (e: OrderEvent) => boolean) => events.filter(pred).at(-1)?.type;
  for (const p of records.payments) {
    const expected = finalPaymentEvent(p);
    const last = lastOf((e) => e.type.startsWith('payment.') && e.data.payment?.id === p.id);
    if (expected !== last) problems.push(`${p.id} is ${p.status}, its last event ${last ?? 'none'}`);
  }
  for (const f of records.refunds) {
    const expected = f.status === 'succeeded' || f.status === 'failed' ? `refund.${f.status}` : undefined;
    const last = lastOf((e) => e.data.refund?.id === f.id);
    if (expected !== last) problems.push(`refund ${f.id} is ${f.status}, its last event ${last ?? 'none'}`);
  }
  for (const i of records.instruments) {
    const types = events.filter((e) => e.data.instrument?.id === i.id).map((e) => e.type);
    const expected =
      i.status === 'unbound' ? ['instrument.bound', 'instrument.unbound'] : ['instrument.bound'];
    if (JSON.stringify(types) !== JSON.stringify(expected)) {
      problems.push(`instrument ${i.id} is ${i.status}, its events ${types.join(', ') || 'none'}`);
    }
  }
  return problems;
}

function finalPaymentEvent(p: PaymentRow): OrderEventType | undefined {
  switch (p.status) {
    case 'succeeded':
      return p.mode === 'authorize' ? 'payment.captured' : 'payment.succeeded';
    case 'failed':
      return 'payment.failed';
    case 'authorized':
      return 'payment.authorized';
    case 'voided':
      return p.failure?.code === 'AUTHORIZATION_EXPIRED' ? 'payment.expired' : 'payment.voided';
    default:
      return undefined;
  }
}
