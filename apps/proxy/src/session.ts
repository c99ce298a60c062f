import type { StaffIdentity } from '@ayokit/core';
import type { AyoUser } from '@ayokit/proxy';

/**
 * The demo's sign-in: a signed session cookie naming one of a few demo shoppers. A real
 * merchant passes its own `authenticate(request)` to createAyoProxy instead.
 */
export const DEMO_SHOPPERS: readonly (AyoUser & { name: string })[] = [
  { id: 'shopper-ani', name: 'Ani Wijaya', phoneNumber: '081234567801' },
  { id: 'shopper-budi', name: 'Budi Santoso', phoneNumber: '081234567802' },
  { id: 'shopper-citra', name: 'Citra Lestari', phoneNumber: '081234567803' },
];

/**
 * The demo's staff, for the back office: a second signed cookie, never the shopper's. The front
 * desk checks guests out (capture or void a hotel deposit); finance refunds. A real merchant
 * passes its own `authorizeStaff(request)`, mapping its roles onto ayokit's.
 */
export const DEMO_STAFF: readonly (StaffIdentity & { name: string })[] = [
  { id: 'staff-desk', name: 'Dewi Kartika', roles: ['read', 'capture', 'void'] },
  { id: 'staff-finance', name: 'Fajar Nugroho', roles: ['read', 'refund'] },
];

export const SESSION_COOKIE = 'ayokit_demo_session';
export const STAFF_COOKIE = 'ayokit_demo_staff';
const enc = new TextEncoder();

async function hmac(secret: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = await crypto.subtle.sign('HMAC', key, enc.encode(value));
  return Buffer.from(sig).toString('base64url');
}

/** Constant-time comparison of two signatures (strings of the same alphabet). */
function sameSignature(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The staff cookie signs `staff:<id>`, the shopper's `<id>`: one cookie's value never passes as
 * the other's, even if someone copies it across.
 */
const STAFF_SCOPE = 'staff:';

export async function sessionCookieValue(secret: string, userId: string): Promise<string> {
  return `${userId}.${await hmac(secret, userId)}`;
}

export async function staffCookieValue(secret: string, staffId: string): Promise<string> {
  return `${staffId}.${await hmac(secret, `${STAFF_SCOPE}${staffId}`)}`;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The id a signed cookie names, or null when it is missing or its signature is wrong. */
async function signedId(request: Request, cookie: string, secret: string, scope: string) {
  const raw = readCookie(request.headers.get('cookie'), cookie);
  if (!raw) return null;
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = raw.slice(0, dot);
  const expected = await hmac(secret, `${scope}${id}`);
  return sameSignature(expected, raw.slice(dot + 1)) ? id : null;
}

export function demoAuthenticate(secret: string) {
  return async (request: Request): Promise<AyoUser | null> => {
    const userId = await signedId(request, SESSION_COOKIE, secret, '');
    const shopper = DEMO_SHOPPERS.find((s) => s.id === userId);
    return shopper
      ? { id: shopper.id, ...(shopper.phoneNumber ? { phoneNumber: shopper.phoneNumber } : {}) }
      : null;
  };
}

/** The back office's `authorizeStaff`: the staff cookie only (a shopper's session is no staff). */
export function demoAuthorizeStaff(secret: string) {
  return async (request: Request): Promise<StaffIdentity | null> => {
    const staffId = await signedId(request, STAFF_COOKIE, secret, STAFF_SCOPE);
    const staff = DEMO_STAFF.find((s) => s.id === staffId);
    return staff ? { id: staff.id, name: staff.name, roles: [...staff.roles] } : null;
  };
}
