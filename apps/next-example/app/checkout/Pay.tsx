'use client';

import { AyoProvider, PayWithSavedCard } from '@ayokit/react';
import { useRouter } from 'next/navigation';
import type { Locale } from '@/lib/i18n';
import { TRANSLATIONS } from '@/lib/translations';

/** The browser's part: pay the checkout the server made, with a saved account (or bind one here). */
export function Pay({ checkoutId, locale }: { checkoutId: string; locale: Locale }) {
  const router = useRouter();
  return (
    <AyoProvider baseUrl="/ayokit" locale={locale} translations={TRANSLATIONS}>
      <PayWithSavedCard
        checkout={checkoutId}
        headingLevel={2}
        // The page moves on; the order itself is fulfilled from the proxy's records (onEvent, webhooks).
        onSucceeded={() => router.push(`/checkout/done?checkout=${encodeURIComponent(checkoutId)}`)}
      />
    </AyoProvider>
  );
}
