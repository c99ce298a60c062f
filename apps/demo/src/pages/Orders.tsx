import type { Locale, Payment } from '@ayokit/core';
import { usePayments } from '@ayokit/hooks';
import { PaymentStatus } from '@ayokit/react';
import { problemText } from '../problem';
import { STRINGS } from '../strings';

/** A hold on a card (the hotel deposit): the front desk captures or voids it, in the back office. */
const isHold = (p: Payment) => p.mode === 'authorize';

/** The shopper's orders: status only. Refunds, captures and voids belong to the shop's staff. */
export function Orders({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const payments = usePayments();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t.orders}</h1>
      <p>{t.ordersIntro}</p>
      {payments.status === 'ready' && payments.data.length === 0 ? <p>{t.ordersEmpty}</p> : null}
      {payments.status === 'error' ? (
        <p role="alert">{problemText(t, t.loadFailed, payments.error)}</p>
      ) : null}
      <ul className="demo__orders" aria-label={t.ordersList}>
        {(payments.data ?? []).map((p) => (
          <li key={p.id} data-mode={p.mode}>
            <h2 className="demo__order-title">{p.orderId ?? p.id}</h2>
            {isHold(p) ? <p className="demo__hold-note">{t.holdNote}</p> : null}
            <PaymentStatus paymentId={p.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
