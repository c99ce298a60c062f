import type { Locale, Payment } from '@ayokit/core';
import { usePayments } from '@ayokit/hooks';
import { PaymentStatus } from '@ayokit/react';
import { DEPOSIT, STRINGS } from '../strings';

/** A hold on a card (the hotel deposit): the front desk captures or voids it. */
const isHold = (p: Payment) => p.mode === 'authorize';

export function Orders({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const payments = usePayments();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t.orders}</h1>
      <p>{t.ordersIntro}</p>
      {payments.status === 'ready' && payments.data.length === 0 ? <p>{t.ordersEmpty}</p> : null}
      {payments.status === 'error' ? <p role="alert">{payments.error.message}</p> : null}
      <ul className="demo__orders" aria-label={t.ordersList}>
        {(payments.data ?? []).map((p) => (
          <li key={p.id} data-mode={p.mode}>
            <h2 className="demo__order-title">
              {isHold(p) ? `${DEPOSIT.name[locale]} · ` : ''}
              {p.orderId ?? p.id}
            </h2>
            {isHold(p) ? (
              <section className="demo__front-desk" aria-labelledby={`front-desk-${p.id}`}>
                <p id={`front-desk-${p.id}`} className="demo__front-desk-title">
                  {t.frontDesk}
                </p>
                <p className="demo__muted">{t.frontDeskHelp}</p>
                <PaymentStatus paymentId={p.id} allowCapture allowVoid allowRefund />
              </section>
            ) : (
              <PaymentStatus paymentId={p.id} allowRefund />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
