import type { Checkout, OrderEvent, OrderEventType } from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';
import type { Queryable } from '../db/types';
import type { PaymentRow } from '../store/rows';
import type { RowChange, Store } from '../store/store';
import { checkoutView, instrumentView, refundView, staffPaymentView } from '../views';

/** The tables whose changes are order events. */
export const EVENT_TABLES = new Set(['payments', 'refunds', 'instruments'] as const);

export const newEventId = () => `evt_${randomAlphanumeric(24)}`;

/** Which order event a change is, if any: one home for "what the merchant's server hears of". */
export function orderEventType(change: RowChange): OrderEventType | null {
  switch (change.table) {
    case 'payments': {
      if (change.kind !== 'status') return null;
      const row = change.row;
      switch (row.status) {
        case 'authorized':
          return 'payment.authorized';
        // An authorisation that ends succeeded was captured: the money is taken now.
        case 'succeeded':
          return row.mode === 'authorize' ? 'payment.captured' : 'payment.succeeded';
        case 'failed':
          return 'payment.failed';
        case 'voided':
          return row.failure?.code === 'AUTHORIZATION_EXPIRED' ? 'payment.expired' : 'payment.voided';
        default:
          return null;
      }
    }
    case 'refunds':
      if (change.kind !== 'status') return null;
      return change.row.status === 'succeeded'
        ? 'refund.succeeded'
        : change.row.status === 'failed'
          ? 'refund.failed'
          : null;
    case 'instruments':
      if (change.kind === 'insert') return 'instrument.bound';
      return change.row.status === 'unbound' ? 'instrument.unbound' : null;
    default:
      return null;
  }
}

/** The checkout a payment pays, as it stands in this transaction (null: a payment without one). */
async function checkoutOf(
  store: Store,
  tx: Queryable,
  payment: PaymentRow,
  now: number,
): Promise<Checkout | null> {
  if (!payment.checkoutId) return null;
  const checkout = await store.get('checkouts', payment.checkoutId, tx);
  if (!checkout) return null;
  const [live] = await tx.query<{ id: string }>(
    "SELECT id FROM payments WHERE checkout_id = $1 AND status <> 'failed' LIMIT 1",
    [checkout.id],
  );
  const livePayment = live ? await store.get('payments', live.id, tx) : null;
  return checkoutView(checkout, livePayment, now);
}

/**
 * The order events of a transaction's changes, as the merchant's server will see them: a snapshot
 * taken before COMMIT (a refund's payment with the refund already counted).
 */
export async function orderEventsOf(
  store: Store,
  tx: Queryable,
  changes: RowChange[],
  now: number,
): Promise<OrderEvent[]> {
  const createdAt = new Date(now).toISOString();
  const events: OrderEvent[] = [];
  for (const change of changes) {
    const type = orderEventType(change);
    if (!type) continue;
    const base = { id: newEventId(), type, createdAt };
    switch (change.table) {
      case 'payments': {
        const payment = change.row;
        const checkout = await checkoutOf(store, tx, payment, now);
        events.push({
          ...base,
          userId: payment.userId,
          data: { payment: staffPaymentView(payment), checkout },
        });
        break;
      }
      case 'refunds': {
        const payment = await store.get('payments', change.row.paymentId, tx);
        events.push({
          ...base,
          userId: change.row.userId,
          data: {
            refund: refundView(change.row),
            ...(payment ? { payment: staffPaymentView(payment) } : {}),
            ...(payment ? { checkout: await checkoutOf(store, tx, payment, now) } : {}),
          },
        });
        break;
      }
      case 'instruments':
        events.push({ ...base, userId: change.row.userId, data: { instrument: instrumentView(change.row) } });
        break;
    }
  }
  return events;
}
