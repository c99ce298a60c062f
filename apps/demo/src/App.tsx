import type { Locale } from '@ayokit/core';
import { AyoProvider } from '@ayokit/react';
import { useCallback, useEffect, useState } from 'react';
import { backend, type Shopper } from './backend';
import { focusNewHeading } from './focus';
import { Accounts } from './pages/Accounts';
import { BackOffice } from './pages/BackOffice';
import { Orders } from './pages/Orders';
import { Shop } from './pages/Shop';
import { ScenarioSwitcher } from './ScenarioSwitcher';
import { STRINGS } from './strings';
import { TRANSLATIONS } from './translations';

/** The shopper's pages, in the shop's navigation. */
type ShopRoute = 'shop' | 'orders' | 'accounts';
const ROUTES: ShopRoute[] = ['shop', 'orders', 'accounts'];
/** The back office is no page of the shop: its own sign-in (staff), its own look. */
type Route = ShopRoute | 'back-office';

function routeFromHash(): Route {
  const r = window.location.hash.replace(/^#\/?/, '').split('?')[0] as Route;
  return r === 'back-office' || ROUTES.includes(r as ShopRoute) ? r : 'shop';
}

export function App() {
  const [locale, setLocale] = useState<Locale>(
    () => (localStorage.getItem('demo:locale') as Locale | null) ?? 'id',
  );
  const [shopper, setShopper] = useState<Shopper | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(routeFromHash);
  const t = STRINGS[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem('demo:locale', locale);
  }, [locale]);
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', onHash);
    // A hash changed between the first render and this listener (a link followed while the page
    // was still starting) fired no event we heard: read it once now.
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    backend.session().then(setShopper, () => setShopper(null));
  }, []);

  const go = useCallback((r: Route) => {
    window.location.hash = `/${r}`;
  }, []);
  const office = route === 'back-office';
  useEffect(() => {
    document.documentElement.dataset.area = office ? 'back-office' : 'shop';
  }, [office]);

  const languagePicker = (
    <label className="demo__field">
      {t.language}{' '}
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        <option value="id">Bahasa Indonesia</option>
        <option value="en">English</option>
      </select>
    </label>
  );

  if (office) {
    return (
      <div className="demo office">
        <header className="demo__header office__header">
          <div>
            <p className="demo__brand office__brand">
              {t.shopName} · {t.backOffice}
            </p>
            <p className="demo__tagline office__tagline">{t.backOfficeTagline}</p>
          </div>
          <div className="demo__header-actions">
            {languagePicker}
            <a className="office__exit" href="#/shop">
              {t.backToShop}
            </a>
          </div>
        </header>
        <main className="demo__main office__main">
          <BackOffice locale={locale} />
        </main>
      </div>
    );
  }

  return (
    <div className="demo">
      <header className="demo__header">
        <div>
          <p className="demo__brand">{t.shopName}</p>
          <p className="demo__tagline">{t.tagline}</p>
        </div>
        <div className="demo__header-actions">
          {languagePicker}
          <a className="demo__office-link" href="#/back-office">
            {t.backOfficeLink}
          </a>
          {shopper ? (
            <p>
              {t.signedInAs} <strong>{shopper.name}</strong>{' '}
              <button
                type="button"
                className="demo__button demo__button--secondary"
                onClick={() =>
                  backend.signOut().then(() => {
                    setShopper(null);
                    focusNewHeading();
                  })
                }
              >
                {t.signOut}
              </button>
            </p>
          ) : null}
        </div>
      </header>
      {shopper === undefined ? null : shopper === null ? (
        <main className="demo__main">
          <SignIn locale={locale} onSignedIn={setShopper} />
        </main>
      ) : (
        // A new provider per shopper: nothing of one shopper's session leaks into the next.
        <AyoProvider key={shopper.id} baseUrl="/ayokit" locale={locale} translations={TRANSLATIONS}>
          <nav className="demo__nav" aria-label={t.nav}>
            {ROUTES.map((r) => (
              <a
                key={r}
                href={`#/${r}`}
                aria-current={route === r ? 'page' : undefined}
                onClick={() => go(r)}
              >
                {r === 'accounts' ? t.accountsNav : t[r]}
              </a>
            ))}
          </nav>
          <main className="demo__main">
            {route === 'shop' ? <Shop locale={locale} /> : null}
            {route === 'orders' ? <Orders locale={locale} /> : null}
            {route === 'accounts' ? <Accounts locale={locale} /> : null}
          </main>
          <ScenarioSwitcher locale={locale} />
        </AyoProvider>
      )}
    </div>
  );
}

function SignIn({ locale, onSignedIn }: { locale: Locale; onSignedIn: (s: Shopper) => void }) {
  const t = STRINGS[locale];
  const [shoppers, setShoppers] = useState<Shopper[]>([]);
  useEffect(() => {
    backend.shoppers().then(setShoppers, () => setShoppers([]));
  }, []);
  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">{t.signInTitle}</h1>
      <ul className="demo__shoppers">
        {shoppers.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="demo__button"
              onClick={() =>
                backend.signIn(s.id).then((r) => {
                  onSignedIn(r.shopper);
                  focusNewHeading();
                })
              }
            >
              {t.signIn}: {s.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
