// The shop's own backend (../node-http): sign-in, products, and the checkout it prices itself.
export type Locale = 'id' | 'en';
export interface Product {
  sku: string;
  name: Record<Locale, string>;
  price: number;
}
export interface Checkout {
  checkoutId: string;
  orderId: string;
  amount: number;
}

/** A refusal from the shop's backend, with its stable code (the page shows its own words for it). */
export class ShopError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok)
    throw new ShopError(data?.code ?? 'HTTP_ERROR', data?.message ?? `${method} ${path}: ${res.status}`);
  return data as T;
}

export const shop = {
  session: () => request<{ shopper: { name: string } | null }>('GET', '/session'),
  signIn: () => request<{ shopper: { name: string } }>('POST', '/session'),
  signOut: () => request<null>('DELETE', '/session'),
  products: () => request<{ products: Product[] }>('GET', '/products'),
  /** The server looks the prices up; the page only says what and how many. */
  checkout: (items: { sku: string; qty: number }[]) => request<Checkout>('POST', '/checkout', { items }),
};
