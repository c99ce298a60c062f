'use client';

import { formatIdr } from '@ayokit/core';
import { useStaffPayments } from '@ayokit/hooks';
import { AyoProvider, PaymentStatus } from '@ayokit/react';
import { type Locale, STRINGS } from '@/lib/i18n';
import { TRANSLATIONS } from '@/lib/translations';

/** The back office's payments: status, and refunds for the finance role (the proxy checks the role). */
export function StaffDesk({ locale }: { locale: Locale }) {
  return (
    <AyoProvider baseUrl="/ayokit" audience="staff" locale={locale} translations={TRANSLATIONS}>
      <Payments locale={locale} />
    </AyoProvider>
  );
}

function Payments({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const payments = useStaffPayments({ limit: 20 });
  return (
    <section aria-labelledby="payments-title" className="panel">
      <h2 id="payments-title">{t.paymentsTitle}</h2>
      {payments.status === 'loading' ? <p>{t.loading}</p> : null}
      {payments.status === 'error' ? <p role="alert">{payments.error.message}</p> : null}
      {payments.status === 'ready' && payments.data.length === 0 ? <p>{t.noPayments}</p> : null}
      <ul aria-label={t.paymentsList} className="payments">
        {(payments.data ?? []).map((p) => (
          <li key={p.id}>
            <h3>{p.orderId ?? p.id}</h3>
            <p>
              {t.shopper}: {p.userId} · {formatIdr(p.amount, locale)}
            </p>
            <PaymentStatus paymentId={p.id} allowRefund allowCapture allowVoid headingLevel={4} />
          </li>
        ))}
      </ul>
    </section>
  );
}
