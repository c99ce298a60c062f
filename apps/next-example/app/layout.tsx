import '@ayokit/react/styles.css';
import './globals.css';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LOCALES } from '@/lib/i18n';
import { currentLocale, currentShopper } from '@/lib/request';
import { setLocale, signOut } from './actions';

export const metadata: Metadata = {
  title: 'Toko Nusantara — ayokit + Next.js',
  description: 'An example shop: bank-account binding and payments with ayokit in the Next.js App Router.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await currentLocale();
  const shopper = await currentShopper();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <p className="brand">
            <Link href="/">{t.shopName}</Link>
          </p>
          <nav aria-label={t.mainNav}>
            <ul>
              <li>
                <Link href="/">{t.navShop}</Link>
              </li>
              <li>
                <Link href="/account">{t.navPaymentMethods}</Link>
              </li>
              <li>
                <Link href="/back-office">{t.navBackOffice}</Link>
              </li>
            </ul>
          </nav>
          <form action={setLocale} className="languages">
            <fieldset>
              <legend className="visually-hidden">{t.language}</legend>
              {LOCALES.map((l) => (
                <button key={l} type="submit" name="locale" value={l} lang={l} aria-pressed={l === locale}>
                  {t.languageNames[l]}
                </button>
              ))}
            </fieldset>
          </form>
          {shopper ? (
            <form action={signOut} className="who">
              <span>{t.signedInAs(shopper.name)}</span>
              <button type="submit" className="button button--secondary">
                {t.signOut}
              </button>
            </form>
          ) : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
