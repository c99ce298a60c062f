import { formatIdr, type Locale } from '@ayokit/core';
import { PayWithSavedCard } from '@ayokit/react';
import { useEffect, useRef, useState } from 'react';
import { backend, type Catalog, type CheckoutCreated } from '../backend';
import { problemText } from '../problem';
import { STRINGS } from '../strings';

type Cart = Record<string, number>;
/** The cart pays now (`direct`); the hotel deposit is held on a card (`authorize`). */
type Kind = 'cart' | 'deposit';

/**
 * The shop. It shows the catalog the server sends, and asks the server for a checkout by SKU and
 * quantity: the server prices it and fixes the amount. The browser then pays that checkout with
 * one of the shopper's instruments, and names no amount.
 */
export function Shop({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [catalog, setCatalog] = useState<Catalog | null | 'error'>(null);
  const [cart, setCart] = useState<Cart>({});
  const [kind, setKind] = useState<Kind>('cart');
  const [checkout, setCheckout] = useState<CheckoutCreated | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState('');
  const [done, setDone] = useState<{ kind: Kind; orderId: string } | null>(null);
  const depositHeading = useRef<HTMLHeadingElement>(null);
  const payHeading = useRef<HTMLHeadingElement>(null);
  const paidHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    backend.catalog().then(setCatalog, () => setCatalog('error'));
  }, []);
  // Opening the deposit checkout takes keyboard and screen reader users to it.
  useEffect(() => {
    if (kind === 'deposit' && checkout) depositHeading.current?.focus();
    if (kind === 'cart' && checkout) payHeading.current?.focus();
  }, [kind, checkout]);
  // Paid: the page becomes the receipt; its heading takes the focus (and the scroll) from the form.
  useEffect(() => {
    if (done) paidHeading.current?.focus();
  }, [done]);

  if (catalog === null) return <p>{t.loading}</p>;
  if (catalog === 'error') return <p role="alert">{t.catalogFailed}</p>;

  const deposit = catalog.deposit;
  const lines = catalog.products.filter((p) => cart[p.sku]);
  // Shown to the shopper only; the server prices the checkout from its own catalog.
  const total = lines.reduce((sum, p) => sum + p.price * (cart[p.sku] ?? 0), 0);

  /** Any change to the cart makes the checkout stale: the server prices the new cart. */
  const changeCart = (update: (c: Cart) => Cart) => {
    setCart(update);
    setKind('cart');
    setCheckout(null);
    setStartError('');
  };

  const start = async (next: Kind) => {
    setStarting(true);
    setStartError('');
    setCheckout(null);
    setKind(next);
    try {
      const created = await backend.checkout(
        next === 'deposit'
          ? { product: deposit.sku, locale }
          : { items: lines.map((p) => ({ sku: p.sku, qty: cart[p.sku] ?? 0 })), locale },
      );
      setCheckout(created);
    } catch (err) {
      // The server's code, not its (English) message: the sentence around it is the shopper's language.
      setStartError(problemText(t, t.checkoutFailed, err));
    } finally {
      setStarting(false);
    }
  };

  const startOver = () => {
    setCart({});
    setDone(null);
    setKind('cart');
    setCheckout(null);
  };

  if (done) {
    return (
      <section aria-labelledby="paid-title">
        <h1 id="paid-title" ref={paidHeading} tabIndex={-1}>
          {done.kind === 'deposit' ? t.reserved : t.paid}
        </h1>
        <p>
          {t.orderNumber}: <strong data-testid="order-number">{done.orderId}</strong>
        </p>
        {done.kind === 'deposit' ? <p>{t.reservedNext}</p> : null}
        <button type="button" className="demo__button" onClick={startOver}>
          {t.newOrder}
        </button>
      </section>
    );
  }

  const alert = startError ? (
    <p role="alert" className="demo__alert">
      {startError}
    </p>
  ) : null;

  return (
    <div className="demo__shop">
      <section aria-labelledby="shop-title">
        <h1 id="shop-title">{t.shop}</h1>
        <ul className="demo__products">
          {catalog.products.map((p) => (
            <li key={p.sku} className="demo__product">
              <h2>{p.name[locale]}</h2>
              <p>{formatIdr(p.price, locale)}</p>
              <button
                type="button"
                className="demo__button"
                aria-label={`${t.addToCart}: ${p.name[locale]}`}
                onClick={() => changeCart((c) => ({ ...c, [p.sku]: (c[p.sku] ?? 0) + 1 }))}
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
            <strong>{deposit.name[locale]}</strong> — {deposit.detail[locale]}
          </p>
          <p className="demo__stay-price">{formatIdr(deposit.price, locale)}</p>
          <p className="demo__muted">{t.stayBody}</p>
        </div>
        <button
          type="button"
          className="demo__button"
          aria-label={`${t.reserve}: ${deposit.name[locale]}`}
          disabled={starting}
          onClick={() => void start('deposit')}
        >
          {t.reserve}
        </button>
      </section>
      {kind === 'deposit' ? (
        <section aria-labelledby="deposit-title" className="demo__cart">
          <h2 id="deposit-title" ref={depositHeading} tabIndex={-1}>
            {t.depositCheckout}
          </h2>
          <p>
            {deposit.name[locale]} — {deposit.detail[locale]}
          </p>
          <p className="demo__muted">{t.depositHelp}</p>
          {alert}
          {starting ? <p>{t.loading}</p> : null}
          {checkout ? (
            <PayWithSavedCard
              key={checkout.checkoutId}
              checkout={checkout.checkoutId}
              bindMode="iframe"
              onSucceeded={() => setDone({ kind: 'deposit', orderId: checkout.orderId })}
            />
          ) : null}
          <button
            type="button"
            className="demo__link"
            onClick={() => {
              setKind('cart');
              setCheckout(null);
              setStartError('');
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
                  <li key={p.sku}>
                    {cart[p.sku]} × {p.name[locale]} — {formatIdr(p.price * (cart[p.sku] ?? 0), locale)}{' '}
                    <button
                      type="button"
                      className="demo__link"
                      aria-label={`${t.remove}: ${p.name[locale]}`}
                      onClick={() => changeCart(({ [p.sku]: _, ...rest }) => rest)}
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
              {alert}
              {checkout ? (
                <>
                  <h2 ref={payHeading} tabIndex={-1}>
                    {t.checkout}
                  </h2>
                  <PayWithSavedCard
                    key={checkout.checkoutId}
                    checkout={checkout.checkoutId}
                    bindMode="iframe"
                    onSucceeded={() => setDone({ kind: 'cart', orderId: checkout.orderId })}
                  />
                </>
              ) : (
                <button
                  type="button"
                  className="demo__button"
                  disabled={starting}
                  onClick={() => void start('cart')}
                >
                  {starting ? t.loading : t.proceed}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
