import { cookies } from 'next/headers';
import { ayokit } from './ayokit';
import { asLocale, LOCALE_COOKIE, type Locale, STRINGS } from './i18n';
import { SHOPPER_COOKIE, STAFF_COOKIE, shopperById, staffById, verifiedId } from './session';

/** Who and what language this request is, for server components and server actions. */
export async function currentLocale(): Promise<{ locale: Locale; t: (typeof STRINGS)[Locale] }> {
  const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, t: STRINGS[locale] };
}

/** Null when nobody is signed in: then no database is opened for it. */
export async function currentShopper() {
  const value = (await cookies()).get(SHOPPER_COOKIE)?.value;
  if (!value) return null;
  const { sessionSecret } = await ayokit();
  return shopperById(await verifiedId(sessionSecret, 'shopper', value));
}

export async function currentStaff() {
  const value = (await cookies()).get(STAFF_COOKIE)?.value;
  if (!value) return null;
  const { sessionSecret } = await ayokit();
  return staffById(await verifiedId(sessionSecret, 'staff', value));
}
