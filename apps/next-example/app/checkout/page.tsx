import { randomBytes } from 'node:crypto';
import { formatIdr } from '@ayokit/core';
import Link from 'next/link';
import { ayokit } from '@/lib/ayokit';
import { findProduct } from '@/lib/catalog';
import { currentLocale, currentShopper } from '@/lib/request';
import { SignIn } from '../SignIn';
import { Pay } from './Pay';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A server component: it prices the order from the server's catalog and makes the checkout for
 * the signed-in shopper (`proxy.checkouts.create`), then hands the browser only the checkout's id.
 * Each visit makes a new checkout; one left unpaid expires after 30 minutes.
 */
export default async function CheckoutPage({ searchParams }: { searchParams: SearchParams }) {
  const { locale, t } = await currentLocale();
  const product = findProduct((await searchParams).item);
  if (!product) {
    return (
      <>
        <h1>{t.checkoutTitle}</h1>
        <p role="alert">{t.unknownProduct}</p>
        <Link href="/">{t.backToShop}</Link>
      </>
    );
  }
  const shopper = await currentShopper();
  if (!shopper) {
    return (
      <>
        <h1>{t.checkoutTitle}</h1>
        <SignIn />
      </>
    );
  }

  const { proxy } = await ayokit();
  const orderId = `order-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const checkout = await proxy.checkouts.create({
    userId: shopper.id, // only this shopper can pay it
    amount: product.price, // from the server's catalog, never from the page
    orderId,
    description: product.name[locale],
    expiresInSeconds: 30 * 60,
  });

  return (
    <>
      <h1>{t.checkoutTitle}</h1>
      <section aria-labelledby="summary-title" className="panel">
        <h2 id="summary-title">{t.orderSummary}</h2>
        <dl className="facts">
          <dt>{product.name[locale]}</dt>
          <dd>{formatIdr(product.price, locale)}</dd>
          <dt>{t.orderNumber}</dt>
          <dd data-testid="order-number">{orderId}</dd>
        </dl>
      </section>
      <Pay checkoutId={checkout.id} locale={locale} />
    </>
  );
}
