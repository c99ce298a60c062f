import { AyoProvider, BindAccount, PayWithSavedCard } from '@ayokit/react';
import { en } from '@ayokit/react/locales/en';
import { type QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { type Checkout, type Locale, shop } from './shop';
import { errorText, formatIdr, strings } from './strings';

/** The kit's English words: imported once, given to the provider (Indonesian is built in). */
const TRANSLATIONS = { en };

export function App({ queryClient }: { queryClient: QueryClient }) {
  const [locale, setLocale] = useState<Locale>(() => (navigator.language.startsWith('id') ? 'id' : 'en'));
  const t = strings[locale];
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.shopName;
  }, [locale, t]);

  const session = useQuery({ queryKey: ['session'], queryFn: shop.session });
  const signIn = useMutation({
    mutationFn: shop.signIn,
    onSuccess: (data) => queryClient.setQueryData(['session'], data),
  });
  const signOut = useMutation({
    mutationFn: shop.signOut,
    onSuccess: () => {
      queryClient.setQueryData(['session'], { shopper: null });
      // The shopper's accounts and payments (ayokit's queries) go with them.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  });
  const shopper = session.data?.shopper;

  return (
    <>
      <header className="bar">
        <p className="brand">{t.shopName}</p>
        <fieldset className="languages">
          <legend className="visually-hidden">{t.language}</legend>
          {(['id', 'en'] as const).map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={locale === l} onClick={() => setLocale(l)}>
              {l === 'id' ? 'Bahasa Indonesia' : 'English'}
            </button>
          ))}
        </fieldset>
        {shopper && (
          <p>
            {t.signedInAs(shopper.name)}{' '}
            <button type="button" onClick={() => signOut.mutate()}>
              {t.signOut}
            </button>
          </p>
        )}
      </header>
      <main>
        <h1>{t.shopName}</h1>
        {session.isPending ? (
          <p role="status">{t.loading}</p>
        ) : !shopper ? (
          <section aria-labelledby="sign-in">
            <h2 id="sign-in">{t.signInTitle}</h2>
            <p>{t.signInText}</p>
            <button type="button" className="primary" onClick={() => signIn.mutate()}>
              {t.signInAs('Ani Wijaya')}
            </button>
            <p role="alert">{errorText(t, signIn.error ?? session.error)}</p>
          </section>
        ) : (
          // The kit talks to the proxy at /ayokit, in the page's language (Indonesian is built in,
          // English imported above), in the app's query cache.
          <AyoProvider
            baseUrl="/ayokit"
            locale={locale}
            translations={TRANSLATIONS}
            queryClient={queryClient}
          >
            <Store locale={locale} />
          </AyoProvider>
        )}
      </main>
    </>
  );
}

function Store({ locale }: { locale: Locale }) {
  const t = strings[locale];
  const products = useQuery({ queryKey: ['products'], queryFn: shop.products });
  const [quantities, setQuantities] = useState<Record<string, number>>({ kopi: 1 });
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const [paid, setPaid] = useState(false);
  const order = useMutation({
    mutationFn: shop.checkout,
    onSuccess: (made) => {
      setPaid(false);
      setCheckout(made);
    },
  });
  const items = Object.entries(quantities)
    .filter(([, qty]) => qty > 0)
    .map(([sku, qty]) => ({ sku, qty }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (items.length > 0) order.mutate(items);
  }

  return (
    <>
      <section aria-labelledby="cart">
        <h2 id="cart">{t.cart}</h2>
        <form onSubmit={submit} noValidate>
          <ul className="products">
            {products.data?.products.map((p) => (
              <li key={p.sku}>
                <span>{p.name[locale]}</span>
                <span>{formatIdr(p.price, locale)}</span>
                <input
                  type="number"
                  min={0}
                  max={9}
                  aria-label={t.quantity(p.name[locale])}
                  value={quantities[p.sku] ?? 0}
                  onChange={(e) => setQuantities({ ...quantities, [p.sku]: Number(e.target.value) || 0 })}
                />
              </li>
            ))}
          </ul>
          <button type="submit" className="primary" disabled={order.isPending}>
            {t.checkout}
          </button>
          <p role="alert">{items.length === 0 ? t.emptyCart : errorText(t, order.error ?? products.error)}</p>
        </form>
      </section>

      {checkout && (
        <section aria-labelledby="payment">
          <h2 id="payment">{t.payment}</h2>
          {/* key: a new checkout starts a fresh form */}
          <PayWithSavedCard
            key={checkout.checkoutId}
            checkout={checkout.checkoutId}
            bindMode="iframe"
            headingLevel={3}
            onSucceeded={() => setPaid(true)}
          />
          <p role="status">{paid ? t.paid(checkout.orderId) : ''}</p>
        </section>
      )}

      <section aria-labelledby="accounts">
        <h2 id="accounts">{t.accounts}</h2>
        <BindAccount mode="iframe" headingLevel={3} />
      </section>
    </>
  );
}
