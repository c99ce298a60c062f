import {
  AyoError,
  CHECKOUT_DEFAULT_TTL_SECONDS,
  type CreateCheckoutRequest,
  createCheckoutRequest,
} from '@ayokit/core';
import type { FlowContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import type { Queryable } from '../db/types';
import { invalid } from '../http/errors';
import { newId } from '../ids';
import type { CheckoutRow, PaymentRow } from '../store/rows';
import { checkoutStatus } from '../views';
import { methodOf } from './methods';
import { idempotent, newPaymentRow } from './shared';

/**
 * Checkouts: the merchant's server fixes what a shopper pays (amount, order, description, mode);
 * the browser only chooses which of its own instruments pays it. At most one payment of a
 * checkout is live (not failed) at any time, enforced by a unique index, so two tabs, a retry or a
 * second instrument can never make two successful payments.
 */
export async function createCheckout(ctx: FlowContext, input: CreateCheckoutRequest): Promise<CheckoutRow> {
  const parsed = createCheckoutRequest.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const at = new Date(ctx.now());
  const ttl = parsed.data.expiresInSeconds ?? CHECKOUT_DEFAULT_TTL_SECONDS;
  return ctx.store.insert('checkouts', {
    id: newId('checkout'),
    userId: parsed.data.userId,
    amount: parsed.data.amount,
    orderId: parsed.data.orderId,
    description: parsed.data.description ?? null,
    mode: parsed.data.mode ?? 'direct',
    status: 'open',
    expiresAt: new Date(at.getTime() + ttl * 1000),
    createdAt: at,
    updatedAt: at,
  });
}

/** The checkout's live payment: the one that paid it or is paying it now (failed ones do not count). */
export async function livePaymentOf(
  ctx: FlowContext,
  checkoutId: string,
  q: Queryable = ctx.store.db,
): Promise<PaymentRow | null> {
  const [row] = await q.query(
    "SELECT id FROM payments WHERE checkout_id = $1 AND status <> 'failed' LIMIT 1",
    [checkoutId],
  );
  return row ? ctx.store.get('payments', String(row.id), q) : null;
}

/** Why a checkout cannot take a new payment, as the error the caller gets. */
function unpayable(ctx: FlowContext, checkout: CheckoutRow, live: PaymentRow | null): AyoError | null {
  switch (checkoutStatus(checkout, live, ctx.now())) {
    case 'open':
      return null;
    case 'paid':
      return new AyoError('CHECKOUT_PAID');
    case 'processing':
      return new AyoError('CHECKOUT_IN_PROGRESS');
    case 'expired':
      return new AyoError('CHECKOUT_EXPIRED');
    case 'cancelled':
      return new AyoError('CHECKOUT_CANCELLED');
  }
}

/**
 * Pays a checkout of this user's with one of this user's instruments. The payment takes the
 * checkout's amount, order, description and mode. A retry with the same Idempotency-Key returns
 * the same payment (re-sending its unchanged request when the answer was lost).
 */
export async function payCheckout(
  ctx: FlowContext,
  userId: string,
  input: { checkoutId: string; instrumentId: string },
  key: string,
): Promise<PaymentRow> {
  // The instrument first, outside the transaction (a card past its expiry is marked so on the
  // way); the checkout is read once, locked, inside it.
  const instrument = await ctx.store.getOwned('instruments', input.instrumentId, userId);
  if (!instrument) throw new AyoError('NOT_FOUND', 'No such saved account.');
  const method = methodOf(instrument);
  const status = await method.currentStatus(ctx, instrument);
  const at = new Date(ctx.now());
  const id = newId('payment');
  let claimed: { row: PaymentRow; replayed: boolean };
  try {
    claimed = await idempotent(
      ctx,
      { table: 'payments', userId, key, scope: 'checkout.pay', body: input, newId: id },
      async (tx) => {
        // Lock the checkout: a cancellation or another payment waits for this one to be decided.
        // Another user's checkout is a missing one; either refusal rolls the key's claim back.
        const current = await ctx.store.get('checkouts', input.checkoutId, tx, { forUpdate: true, userId });
        if (!current) throw new AyoError('NOT_FOUND', 'No such checkout.');
        if (!method.modes.includes(current.mode)) throw new AyoError('MODE_NOT_SUPPORTED');
        // The checkout's own state first; its live payment is looked up only to word a refusal.
        // An open checkout with a live payment is caught by the unique index at the insert below
        // (one statement fewer on the way to paying), and worded after it.
        if (unpayable(ctx, current, null)) {
          throw unpayable(ctx, current, await livePaymentOf(ctx, current.id, tx));
        }
        if (status !== 'active') {
          throw new AyoError('INSTRUMENT_NOT_ACTIVE', `This saved method is ${status} and cannot pay.`);
        }
        return ctx.store.insert(
          'payments',
          newPaymentRow(ctx, at, {
            id,
            userId,
            instrumentId: instrument.id,
            instrumentType: instrument.type,
            mode: current.mode,
            amount: current.amount,
            description: current.description ?? undefined,
            orderId: current.orderId,
            checkoutId: current.id,
            correlationId: method.newCorrelationId(),
          }),
          tx,
        );
      },
    );
  } catch (error) {
    // The unique index holds another live payment of this checkout: say what it is doing.
    if (isUniqueViolation(error)) {
      const [current, live] = await Promise.all([
        ctx.store.get('checkouts', input.checkoutId),
        livePaymentOf(ctx, input.checkoutId),
      ]);
      throw (current && unpayable(ctx, current, live)) || new AyoError('CHECKOUT_IN_PROGRESS');
    }
    throw error;
  }
  const { row, replayed } = claimed;
  // A replay of a request whose upstream answer is still unknown sends the same request again.
  if (row.status !== 'created') return row;
  return method.charge(ctx, row, instrument, { leased: !replayed });
}

/** Cancels an open checkout (nothing paid or under way); refuses otherwise with why. */
export async function cancelCheckout(ctx: FlowContext, id: string): Promise<CheckoutRow> {
  const [row] = await ctx.store.db.query(
    `UPDATE checkouts SET status = 'cancelled', updated_at = $2
     WHERE id = $1 AND status = 'open'
       AND NOT EXISTS (SELECT 1 FROM payments WHERE checkout_id = $1 AND status <> 'failed')
     RETURNING id`,
    [id, new Date(ctx.now())],
  );
  const checkout = await ctx.store.get('checkouts', id);
  if (!checkout) throw new AyoError('NOT_FOUND', 'No such checkout.');
  if (row) return checkout;
  const live = await livePaymentOf(ctx, id);
  const why = unpayable(ctx, checkout, live);
  // Cancelled already: cancelling twice is harmless. Expired: it may still be marked cancelled.
  if (!why || why.code === 'CHECKOUT_CANCELLED') return checkout;
  throw why;
}
