import type { Locale } from '@ayokit/core';
import { usePayments } from '@ayokit/hooks';
import { PaymentStatus } from '@ayokit/react';
import { STRINGS } from '../strings';

export function Orders({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const payments = usePayments();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t.orders}</h1>
      {payments.status === 'ready' && payments.data.length === 0 ? <p>{t.ordersEmpty}</p> : null}
      {payments.status === 'error' ? <p role="alert">{payments.error.message}</p> : null}
      <ul className="demo__orders">
        {(payments.data ?? []).map((p) => (
          <li key={p.id}>
            <h2 className="demo__order-title">{p.orderId ?? p.id}</h2>
            <PaymentStatus paymentId={p.id} allowRefund />
          </li>
        ))}
      </ul>
    </section>
  );
}
