/**
 * Test helpers for order events: a merchant's server that receives (and verifies) webhooks and
 * can be taken down, an `onEvent` handler that can fail, and the outbox as the database holds it.
 */
import { type OrderEvent, WEBHOOK_HEADERS } from '@ayokit/core';
import { verifyWebhook } from '../src/webhooks';
import type { PayInput, Shopper, World } from './harness';

export const WEBHOOK_URL = 'https://merchant.test/webhooks/ayokit';
export const WEBHOOK_SECRET = 'whsec-merchant-test';
export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 16_000;

export type Availability = 'up' | 'down' | 'unreachable' | 'slow';

/** The merchant's webhook endpoint: verifies every delivery with the proxy's clock. */
export function merchantServer(clock: () => number) {
  const state = {
    mode: 'up' as Availability,
    /** What the merchant verifies with (a rotation changes it). */
    secret: WEBHOOK_SECRET as string | string[],
    /** The `Ayokit-Signature` header of every attempt that got as far as verifying. */
    signatures: [] as string[],
    /** Every delivery that arrived and verified, in arrival order (redeliveries included). */
    received: [] as OrderEvent[],
    /** Deliveries that did not verify (must stay empty). */
    rejected: [] as string[],
    /** Attempts, whatever came of them. */
    attempts: 0,
  };
  const fetch = async (request: Request): Promise<Response> => {
    state.attempts++;
    if (state.mode === 'unreachable') throw new TypeError('fetch failed: connection refused');
    const body = await request.text();
    if (state.mode === 'down') return new Response('maintenance', { status: 503 });
    // Slower than any timeout: answers once the proxy has given up on the request (aborted it).
    if (state.mode === 'slow') await aborted(request.signal);
    state.signatures.push(request.headers.get(WEBHOOK_HEADERS.signature) ?? '');
    try {
      const event = await verifyWebhook({
        body,
        headers: request.headers,
        secret: state.secret,
        now: clock,
      });
      state.received.push(event);
      return new Response(null, { status: 204 });
    } catch (error) {
      state.rejected.push(String(error));
      return new Response('bad signature', { status: 400 });
    }
  };
  return Object.assign(state, { fetch });
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The in-process handler: collects events; fails while `failing` is set. */
export function eventHandler() {
  const state = { failing: false, received: [] as OrderEvent[], calls: 0 };
  const onEvent = (event: OrderEvent) => {
    state.calls++;
    if (state.failing) throw new Error('the shop database is down');
    state.received.push(event);
  };
  return Object.assign(state, { onEvent });
}

export interface OutboxRow {
  seq: number;
  eventId: string;
  target: 'handler' | 'webhook';
  userId: string;
  type: string;
  event: OrderEvent;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  leaseUntil: Date | null;
}

export async function outboxRows(world: World, userIds?: string[]): Promise<OutboxRow[]> {
  const rows = await world.proxy.store.db.query<{
    seq: number;
    event_id: string;
    target: 'handler' | 'webhook';
    ordering_key: string;
    type: string;
    payload: string;
    attempts: number;
    next_attempt_at: Date;
    delivered_at: Date | null;
    lease_until: Date | null;
  }>(
    userIds
      ? 'SELECT * FROM outbox WHERE ordering_key = ANY($1::text[]) ORDER BY seq'
      : 'SELECT * FROM outbox ORDER BY seq',
    userIds ? [userIds] : [],
  );
  return rows.map((r) => ({
    seq: r.seq,
    eventId: r.event_id,
    target: r.target,
    userId: r.ordering_key,
    type: r.type,
    event: JSON.parse(r.payload) as OrderEvent,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    deliveredAt: r.delivered_at,
    leaseUntil: r.lease_until,
  }));
}

type Payment = { id: string; status: string };

/** A settled payment: the OTP entered when the bank asks, then the bank's settlement. */
export async function settledPayment(world: World, shopper: Shopper, input: PayInput): Promise<Payment> {
  const res = await shopper.pay<{ payment: Payment }>(input);
  if (res.status !== 201) throw new Error(`payment refused: ${JSON.stringify(res.body)}`);
  if (res.body.payment.status === 'requires_otp') {
    await shopper.post(`/payments/${res.body.payment.id}/otp`, { otp: '123456' }, { key: null });
  }
  await world.settle();
  const read = await shopper.get<{ payment: Payment }>(`/payments/${res.body.payment.id}`);
  return read.body.payment;
}
