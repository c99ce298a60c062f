import type { StaffIdentity } from '@ayokit/core';
import type { AyoUser } from '@ayokit/proxy';

/**
 * The shop's own sign-in, kept minimal: a signed cookie naming one of a few demo shoppers, and a
 * second one, never the shopper's, naming a member of staff. A real shop has its own accounts;
 * ayokit only needs `authenticate(request)` and `authorizeStaff(request)` to say who is there.
 */
export const SHOPPERS = [
  { id: 'shopper-ani', name: 'Ani Wijaya', phoneNumber: '081234567801' },
  { id: 'shopper-budi', name: 'Budi Santoso', phoneNumber: '081234567802' },
] as const satisfies readonly (AyoUser & { name: string })[];

export const STAFF = [
  { id: 'staff-finance', name: 'Fajar Nugroho', roles: ['read', 'refund'] },
  { id: 'staff-desk', name: 'Dewi Kartika', roles: ['read', 'capture', 'void'] },
] as const satisfies readonly (StaffIdentity & { name: string })[];

export const SHOPPER_COOKIE = 'shop_session';
export const STAFF_COOKIE = 'shop_staff';
/** What a staff cookie signs: `staff:<id>`, so a shopper's cookie never passes as staff's. */
const SCOPE = { shopper: 'shopper:', staff: 'staff:' } as const;
type Scope = keyof typeof SCOPE;

const enc = new TextEncoder();

async function mac(secret: string, scope: Scope, id: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`${SCOPE[scope]}${id}`)));
  return Buffer.from(sig).toString('base64url');
}

export async function signedValue(secret: string, scope: Scope, id: string): Promise<string> {
  return `${id}.${await mac(secret, scope, id)}`;
}

/** The id a cookie value names, or null when it is missing or its signature is wrong. */
export async function verifiedId(secret: string, scope: Scope, value: string | undefined | null) {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const expected = enc.encode(await mac(secret, scope, id));
  const given = enc.encode(value.slice(dot + 1));
  if (expected.length !== given.length) return null;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (given[i] ?? 0);
  return diff === 0 ? id : null;
}

export function readCookie(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

export function shopperById(id: string | null) {
  return SHOPPERS.find((s) => s.id === id) ?? null;
}

export function staffById(id: string | null) {
  return STAFF.find((s) => s.id === id) ?? null;
}

/** The proxy's `authenticate`: the signed-in shopper, or null (the proxy answers 401). */
export async function authenticateShopper(request: Request, secret: string): Promise<AyoUser | null> {
  const id = await verifiedId(secret, 'shopper', readCookie(request.headers.get('cookie'), SHOPPER_COOKIE));
  const shopper = shopperById(id);
  return shopper ? { id: shopper.id, name: shopper.name, phoneNumber: shopper.phoneNumber } : null;
}

/** The proxy's `authorizeStaff`: the staff cookie only, mapped onto ayokit's roles. */
export async function authorizeStaff(request: Request, secret: string): Promise<StaffIdentity | null> {
  const id = await verifiedId(secret, 'staff', readCookie(request.headers.get('cookie'), STAFF_COOKIE));
  const staff = staffById(id);
  return staff ? { id: staff.id, name: staff.name, roles: [...staff.roles] } : null;
}
