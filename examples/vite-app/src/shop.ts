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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(data?.message ?? `${method} ${path}: ${res.status}`);
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
