'use client';

import { AyoProvider, BindAccount, SavedCardList } from '@ayokit/react';
import { type Locale, STRINGS } from '@/lib/i18n';
import { TRANSLATIONS } from '@/lib/translations';

/** The shopper's saved accounts and cards, and binding a new bank account (the bank's page opens in a popup). */
export function PaymentMethods({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  return (
    <AyoProvider baseUrl="/ayokit" locale={locale} translations={TRANSLATIONS}>
      <section aria-labelledby="saved-title" className="panel">
        <h2 id="saved-title">{t.savedMethods}</h2>
        <SavedCardList allowSetDefault allowRemove headingLevel={2} />
      </section>
      <div className="panel">
        <BindAccount headingLevel={2} />
      </div>
    </AyoProvider>
  );
}
