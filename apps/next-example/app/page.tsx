import { formatIdr } from '@ayokit/core';
import Link from 'next/link';
import { PRODUCTS } from '@/lib/catalog';
import { currentLocale, currentShopper } from '@/lib/request';
import { SignIn } from './SignIn';

export default async function ShopPage() {
  const { locale, t } = await currentLocale();
  const shopper = await currentShopper();
  return (
    <>
      <h1>{t.shopTitle}</h1>
      {shopper ? null : <SignIn />}
      <p>{t.shopHelp}</p>
      <ul aria-label={t.productsLabel} className="products">
        {PRODUCTS.map((p) => (
          <li key={p.sku} className="panel">
            <h2>{p.name[locale]}</h2>
            <p className="price">{formatIdr(p.price, locale)}</p>
            {/* No prefetch: opening the checkout page makes a checkout on the server. */}
            <Link href={`/checkout?item=${p.sku}`} prefetch={false} className="button">
              {t.buyShort}
              <span className="visually-hidden"> {p.name[locale]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
