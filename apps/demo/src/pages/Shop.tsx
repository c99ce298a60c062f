import { formatIdr, type Locale } from '@ayokit/core';
import { PayWithSavedCard } from '@ayokit/react';
import { useEffect, useRef, useState } from 'react';
import { DEPOSIT, PRODUCTS, STRINGS } from '../strings';

type Cart = Record<string, number>;
/** The cart pays now (`direct`); the hotel deposit is held on a card (`authorize`). */
type Checkout = 'cart' | 'deposit';

const newOrderNo = (prefix: string) => `${prefix}-${Date.now()}`;

export function Shop({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [cart, setCart] = useState<Cart>({});
  const [checkout, setCheckout] = useState<Checkout>('cart');
  const [done, setDone] = useState<Checkout | null>(null);
  const [orderNo, setOrderNo] = useState(() => newOrderNo('order'));
  const depositHeading = useRef<HTMLHeadingElement>(null);
  // Opening the deposit checkout takes keyboard and screen reader users to it.
  useEffect(() => {
    if (checkout === 'deposit') depositHeading.current?.focus();
  }, [checkout]);
  const lines = PRODUCTS.filter((p) => cart[p.id]);
  const total = lines.reduce((sum, p) => sum + p.price * (cart[p.id] ?? 0), 0);

  const startOver = () => {
    setCart({});
    setDone(null);
    setCheckout('cart');
    setOrderNo(newOrderNo('order'));
  };

  if (done) {
    return (
      <section aria-labelledby="paid-title">
        <h1 id="paid-title">{done === 'deposit' ? t.reserved : t.paid}</h1>
        {done === 'deposit' ? <p>{t.reservedNext}</p> : null}
        <button type="button" className="demo__button" onClick={startOver}>
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
                onClick={() => {
                  setCart((c) => ({ ...c, [p.id]: (c[p.id] ?? 0) + 1 }));
                  setCheckout('cart');
                }}
              >
                {t.addToCart}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stay-title" className="demo__stay">
        <div>
          <h2 id="stay-title">{t.stayTitle}</h2>
          <p className="demo__stay-name">
            <strong>{DEPOSIT.name[locale]}</strong> — {DEPOSIT.detail[locale]}
          </p>
          <p className="demo__stay-price">{formatIdr(DEPOSIT.price, locale)}</p>
          <p className="demo__muted">{t.stayBody}</p>
        </div>
        <button
          type="button"
          className="demo__button"
          aria-label={`${t.reserve}: ${DEPOSIT.name[locale]}`}
          onClick={() => {
            setCheckout('deposit');
            setOrderNo(newOrderNo('stay'));
          }}
        >
          {t.reserve}
        </button>
      </section>
      {checkout === 'deposit' ? (
        <section aria-labelledby="deposit-title" className="demo__cart">
          <h2 id="deposit-title" ref={depositHeading} tabIndex={-1}>
            {t.depositCheckout}
          </h2>
          <p>
            {DEPOSIT.name[locale]} — {DEPOSIT.detail[locale]}
          </p>
          <p className="demo__muted">{t.depositHelp}</p>
          <PayWithSavedCard
            key={orderNo}
            mode="authorize"
            amount={DEPOSIT.price}
            orderId={orderNo}
            description={`${DEPOSIT.name.en}: ${DEPOSIT.detail.en}`}
            bindMode="iframe"
            onSucceeded={() => setDone('deposit')}
          />
          <button
            type="button"
            className="demo__link"
            onClick={() => {
              setCheckout('cart');
              setOrderNo(newOrderNo('order'));
            }}
          >
            {t.backToCart}
          </button>
        </section>
      ) : (
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
                onSucceeded={() => setDone('cart')}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
