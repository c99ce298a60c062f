import type { OrderEvent, OrderEventType, StaffPayment } from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';
import type { Queryable } from '../db/types';
import type { PaymentRow } from '../store/rows';
import type { RowChange, Store } from '../store/store';
import { instrumentView, paymentView, refundView } from '../views';

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

function staffPayment(row: PaymentRow): StaffPayment {
  // TODO(issue 9 merge): views.staffPaymentView, and the payment's checkout in `data.checkout`.
  const checkoutId = (row as { checkoutId?: string | null }).checkoutId ?? null;
  return { ...paymentView(row), checkoutId, userId: row.userId };
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
    // Checkouts and the audit log are no order events of their own (nor rows of one user).
    if (change.table !== 'payments' && change.table !== 'refunds' && change.table !== 'instruments') continue;
    const type = orderEventType(change);
    if (!type) continue;
    const base = { id: newEventId(), type, createdAt, userId: change.row.userId };
    switch (change.table) {
      case 'payments':
        events.push({ ...base, data: { payment: staffPayment(change.row) } });
        break;
      case 'refunds': {
        const payment = await store.get('payments', change.row.paymentId, tx);
        events.push({
          ...base,
          data: { refund: refundView(change.row), ...(payment ? { payment: staffPayment(payment) } : {}) },
        });
        break;
      }
      case 'instruments':
        events.push({ ...base, data: { instrument: instrumentView(change.row) } });
        break;
    }
  }
  return events;
}
