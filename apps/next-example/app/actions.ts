'use server';

import { cookies } from 'next/headers';
import { ayokit } from '@/lib/ayokit';
import { asLocale, LOCALE_COOKIE } from '@/lib/i18n';
import { SHOPPER_COOKIE, STAFF_COOKIE, shopperById, signedValue, staffById } from '@/lib/session';

// Each action sets or clears a cookie; Next.js then renders the page the form was on again.

async function setSession(name: string, value: string) {
  const { config } = await ayokit();
  (await cookies()).set(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.publicUrl.startsWith('https:'),
  });
}

export async function signIn(form: FormData) {
  const shopper = shopperById(String(form.get('shopperId')));
  if (!shopper) return;
  const { sessionSecret } = await ayokit();
  await setSession(SHOPPER_COOKIE, await signedValue(sessionSecret, 'shopper', shopper.id));
}

export async function signOut() {
  (await cookies()).delete(SHOPPER_COOKIE);
}

export async function staffSignIn(form: FormData) {
  const staff = staffById(String(form.get('staffId')));
  if (!staff) return;
  const { sessionSecret } = await ayokit();
  await setSession(STAFF_COOKIE, await signedValue(sessionSecret, 'staff', staff.id));
}

export async function staffSignOut() {
  (await cookies()).delete(STAFF_COOKIE);
}

export async function setLocale(form: FormData) {
  (await cookies()).set(LOCALE_COOKIE, asLocale(form.get('locale')), {
    path: '/',
    sameSite: 'lax',
    maxAge: 365 * 24 * 3600,
  });
}
