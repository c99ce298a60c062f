import { AyoError, formatIdr, type StaffPayment } from '@ayokit/core';
import Link from 'next/link';
import { ayokit } from '@/lib/ayokit';
import { currentLocale, currentShopper } from '@/lib/request';
import { SignIn } from '../../SignIn';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "Thank you": what the proxy's records say about this shopper's payment, not what the page said. */
export default async function DonePage({ searchParams }: { searchParams: SearchParams }) {
  const { locale, t } = await currentLocale();
  const shopper = await currentShopper();
  if (!shopper) return <SignIn />;
  const { checkout } = await searchParams;
  const { proxy } = await ayokit();
  let payment: StaffPayment | undefined;
  if (typeof checkout === 'string') {
    // Another shopper's checkout finds nothing; a malformed id is refused (INVALID_REQUEST): the same.
    [payment] = await proxy.payments
      .list({ checkoutId: checkout, userId: shopper.id, limit: 1 })
      .catch((error: unknown) => {
        if (error instanceof AyoError && error.status < 500) return [];
        throw error;
      });
  }
  if (!payment) {
    return (
      <>
        <h1>{t.checkoutTitle}</h1>
        <p role="alert">{t.thanksNotFound}</p>
        <Link href="/">{t.backToShop}</Link>
      </>
    );
  }
  const order = payment.orderId ?? payment.id;
  const paid = payment.status === 'succeeded';
  return (
    <>
      <h1>{paid ? t.thanksTitle : t.checkoutTitle}</h1>
      <p>{paid ? t.thanksPaid(order) : t.thanksPending(order)}</p>
      <dl className="facts panel">
        <dt>{t.serverRecord}</dt>
        <dd data-testid="server-status">{t.statusNames[payment.status] ?? payment.status}</dd>
        <dt>{t.total}</dt>
        <dd>{formatIdr(payment.amount, locale)}</dd>
      </dl>
      <Link href="/">{t.backToShop}</Link>
    </>
  );
}
