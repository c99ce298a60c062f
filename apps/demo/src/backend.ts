/**
 * The demo shop's own backend (`/demo/*`: sign-in, catalog, checkout, staff sign-in, webhook log)
 * and the sandbox's control API, on the same origin. Prices live on the server: the shop shows
 * the catalog it gets, and asks the server for a checkout by SKU and quantity.
 */
import type { StaffRole } from '@ayokit/core';

export interface Shopper {
  id: string;
  name: string;
}

export interface Staff {
  id: string;
  name: string;
  roles: StaffRole[];
}

type Text = { en: string; id: string };
export interface Product {
  sku: string;
  name: Text;
  price: number;
}
export interface Catalog {
  products: Product[];
  deposit: Product & { detail: Text; mode: 'authorize' };
}

export interface CheckoutCreated {
  checkoutId: string;
  orderId: string;
  amount: number;
}

export interface WebhookLogEntry {
  seq: number;
  eventId: string | null;
  type: string | null;
  orderId: string | null;
  amount: number | null;
  userId: string | null;
  createdAt: string | null;
  receivedAt: string;
  verified: boolean;
  deliveries: number;
}

/** An answer of the demo's backend that is not 2xx, with its stable code. */
export class BackendError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new BackendError(res.status, body?.code ?? `HTTP_${res.status}`, body?.message ?? `${res.status}`);
  }
  return (res.status === 204 ? null : await res.json()) as T;
}

const post = (path: string, body: unknown) =>
  fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export const backend = {
  shoppers: () =>
    fetch('/demo/shoppers')
      .then((r) => json<{ shoppers: Shopper[] }>(r))
      .then((r) => r.shoppers),
  signIn: (shopperId: string) =>
    post('/demo/session', { shopperId }).then((r) => json<{ shopper: Shopper }>(r)),
  session: () =>
    fetch('/demo/session')
      .then((r) => json<{ shopper: Shopper | null }>(r))
      .then((x) => x.shopper),
  signOut: () => fetch('/demo/session', { method: 'DELETE' }).then(() => undefined),

  catalog: () => fetch('/demo/catalog').then((r) => json<Catalog>(r)),
  /** The server prices the cart (or the deposit) and makes the checkout for the signed-in shopper. */
  checkout: (
    order: ({ items: { sku: string; qty: number }[] } | { product: string }) & { locale?: 'en' | 'id' },
  ) => post('/demo/checkout', order).then((r) => json<CheckoutCreated>(r)),

  staffList: () =>
    fetch('/demo/staff')
      .then((r) => json<{ staff: Staff[] }>(r))
      .then((r) => r.staff),
  staffSignIn: (staffId: string) =>
    post('/demo/staff-session', { staffId }).then((r) => json<{ staff: Staff }>(r)),
  staffSession: () =>
    fetch('/demo/staff-session')
      .then((r) => json<{ staff: Staff | null }>(r))
      .then((x) => x.staff),
  staffSignOut: () => fetch('/demo/staff-session', { method: 'DELETE' }).then(() => undefined),
  webhookLog: () =>
    fetch('/demo/webhook-log').then((r) => json<{ endpoint: string | null; entries: WebhookLogEntry[] }>(r)),

  sandbox: (path: string, body?: unknown) =>
    fetch(`/sandbox/${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).then((r) => json<unknown>(r)),
};
