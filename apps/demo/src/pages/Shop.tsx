import { formatIdr, type Locale } from '@ayokit/core';
import { PayWithSavedCard } from '@ayokit/react';
import { useState } from 'react';
import { PRODUCTS, STRINGS } from '../strings';

type Cart = Record<string, number>;

export function Shop({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [cart, setCart] = useState<Cart>({});
  const [paid, setPaid] = useState(false);
  const [orderNo, setOrderNo] = useState(() => `order-${Date.now()}`);
  const lines = PRODUCTS.filter((p) => cart[p.id]);
  const total = lines.reduce((sum, p) => sum + p.price * (cart[p.id] ?? 0), 0);

  if (paid) {
    return (
      <section aria-labelledby="paid-title">
        <h1 id="paid-title">{t.paid}</h1>
        <button
          type="button"
          className="demo__button"
          onClick={() => {
            setCart({});
            setPaid(false);
            setOrderNo(`order-${Date.now()}`);
          }}
        >
          {t.newOrder}
        </button>
      </section>
    );
  }

  return (
    <div className="demo__shop">
      <section aria-labelledby="shop-title">
        <h1 id="shop-title">{t.shop}</h1>
        <ul className="demo__products">
          {PRODUCTS.map((p) => (
            <li key={p.id} className="demo__product">
              <h2>{p.name[locale]}</h2>
              <p>{formatIdr(p.price, locale)}</p>
              <button
                type="button"
                className="demo__button"
                aria-label={`${t.addToCart}: ${p.name[locale]}`}
                onClick={() => setCart((c) => ({ ...c, [p.id]: (c[p.id] ?? 0) + 1 }))}
              >
                {t.addToCart}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="cart-title" className="demo__cart">
        <h2 id="cart-title">{t.cart}</h2>
        {lines.length === 0 ? (
          <p>{t.cartEmpty}</p>
        ) : (
          <>
            <ul>
              {lines.map((p) => (
                <li key={p.id}>
                  {cart[p.id]} × {p.name[locale]} — {formatIdr(p.price * (cart[p.id] ?? 0), locale)}{' '}
                  <button
                    type="button"
                    className="demo__link"
                    aria-label={`${t.remove}: ${p.name[locale]}`}
                    onClick={() => setCart(({ [p.id]: _, ...rest }) => rest)}
                  >
                    {t.remove}
                  </button>
                </li>
              ))}
            </ul>
            <p>
              <strong>
                {t.total}: {formatIdr(total, locale)}
              </strong>
            </p>
            <h2>{t.checkout}</h2>
            <PayWithSavedCard
              amount={total}
              orderId={orderNo}
              description={lines
                .map((p) => p.name.en)
                .join(', ')
                .slice(0, 140)}
              bindMode="iframe"
              onSucceeded={() => setPaid(true)}
            />
          </>
        )}
      </section>
    </div>
  );
}
