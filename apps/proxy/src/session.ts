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

export const SESSION_COOKIE = 'ayokit_demo_session';
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

export async function sessionCookieValue(secret: string, userId: string): Promise<string> {
  return `${userId}.${await hmac(secret, userId)}`;
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function demoAuthenticate(secret: string) {
  return async (request: Request): Promise<AyoUser | null> => {
    const raw = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    if (!raw) return null;
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return null;
    const userId = raw.slice(0, dot);
    const expected = await hmac(secret, userId);
    if (expected !== raw.slice(dot + 1)) return null;
    const shopper = DEMO_SHOPPERS.find((s) => s.id === userId);
    return shopper
      ? { id: shopper.id, ...(shopper.phoneNumber ? { phoneNumber: shopper.phoneNumber } : {}) }
      : null;
  };
}
