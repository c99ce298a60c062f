/**
 * The demo shop's catalog, kept on the server: the browser shows what `GET /demo/catalog` sends
 * and asks for a checkout by SKU and quantity; the price is looked up here, never taken from it.
 */
import { MAX_AMOUNT_IDR, type PaymentMode } from '@ayokit/core';

export interface CatalogItem {
  sku: string;
  name: { en: string; id: string };
  /** Whole rupiah. */
  price: number;
}

export interface DepositProduct extends CatalogItem {
  detail: { en: string; id: string };
  /** Held on a card at booking; the front desk captures (up to 120 %) or voids it at check-out. */
  mode: Extract<PaymentMode, 'authorize'>;
}

export const PRODUCTS: readonly CatalogItem[] = [
  { sku: 'kopi-gayo', name: { en: 'Gayo coffee beans, 250 g', id: 'Biji kopi Gayo, 250 g' }, price: 95_000 },
  { sku: 'teh-tarik', name: { en: 'Teh tarik set', id: 'Paket teh tarik' }, price: 45_000 },
  { sku: 'batik', name: { en: 'Batik scarf', id: 'Selendang batik' }, price: 350_000 },
  { sku: 'gamelan', name: { en: 'Mini gamelan', id: 'Gamelan mini' }, price: 1_250_000 },
];

export const DEPOSIT: DepositProduct = {
  sku: 'hotel-deposit',
  name: { en: 'Hotel room deposit', id: 'Deposit kamar hotel' },
  detail: { en: 'Deluxe room, 1 night — Ubud', id: 'Kamar deluxe, 1 malam — Ubud' },
  price: 500_000,
  mode: 'authorize',
};

/** At most this many of one item, and this many lines, in one order. */
export const MAX_QTY = 99;
export const MAX_LINES = 20;

/** What the server charges for: the amount, a description, the mode and an order number prefix. */
export interface PricedOrder {
  amount: number;
  description: string;
  mode: PaymentMode;
  orderPrefix: 'order' | 'stay';
}

export type PriceResult = { ok: true; order: PricedOrder } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): PriceResult => ({ ok: false, code, message });

/**
 * Prices `{ items: [{ sku, qty }] }` (the cart, paid now) or `{ product: 'hotel-deposit' }` (a
 * hold). Anything else is refused with a stable code: the demo answers it with a 400.
 */
export function priceOrder(body: unknown): PriceResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('INVALID_REQUEST', 'Send { items: [{ sku, qty }] } or { product: "hotel-deposit" }.');
  // The shopper's language names the order in its description (the checkout shows it as it is).
  const { locale: asked, ...order } = body as { locale?: unknown };
  if (asked !== undefined && asked !== 'en' && asked !== 'id')
    return fail('INVALID_REQUEST', 'locale must be "en" or "id".');
  const locale = asked ?? 'en';
  const keys = Object.keys(order);
  const input = order as { items?: unknown; product?: unknown };
  if (keys.length !== 1 || !(keys[0] === 'items' || keys[0] === 'product'))
    return fail('INVALID_REQUEST', 'Send either items or product (and a locale), and nothing else.');

  if (keys[0] === 'product') {
    if (input.product !== DEPOSIT.sku) return fail('UNKNOWN_PRODUCT', `product must be "${DEPOSIT.sku}".`);
    return {
      ok: true,
      order: {
        amount: DEPOSIT.price,
        description: `${DEPOSIT.name[locale]}: ${DEPOSIT.detail[locale]}`,
        mode: DEPOSIT.mode,
        orderPrefix: 'stay',
      },
    };
  }

  const items = input.items;
  if (!Array.isArray(items) || items.length === 0)
    return fail('EMPTY_CART', 'items must be a non-empty list of { sku, qty }.');
  if (items.length > MAX_LINES) return fail('INVALID_REQUEST', `At most ${MAX_LINES} lines.`);
  const qtyBySku = new Map<string, number>();
  for (const item of items as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return fail('INVALID_REQUEST', 'Each item is { sku, qty }.');
    const { sku, qty, ...rest } = item as { sku?: unknown; qty?: unknown };
    if (Object.keys(rest).length > 0)
      return fail('INVALID_REQUEST', 'An item has only sku and qty: the server sets the price.');
    const product = PRODUCTS.find((p) => p.sku === sku);
    if (!product) return fail('UNKNOWN_PRODUCT', `No product with sku ${JSON.stringify(sku)?.slice(0, 80)}.`);
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > MAX_QTY)
      return fail('INVALID_QUANTITY', `qty must be a whole number from 1 to ${MAX_QTY}.`);
    const total = (qtyBySku.get(product.sku) ?? 0) + qty;
    if (total > MAX_QTY) return fail('INVALID_QUANTITY', `At most ${MAX_QTY} of one product.`);
    qtyBySku.set(product.sku, total);
  }
  let amount = 0;
  const parts: string[] = [];
  for (const product of PRODUCTS) {
    const qty = qtyBySku.get(product.sku);
    if (!qty) continue;
    amount += product.price * qty;
    parts.push(qty > 1 ? `${qty} × ${product.name[locale]}` : product.name[locale]);
  }
  if (amount > MAX_AMOUNT_IDR) return fail('INVALID_QUANTITY', 'The order is too large.');
  const description = parts.join(', ');
  return {
    ok: true,
    order: {
      amount,
      description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
      mode: 'direct',
      orderPrefix: 'order',
    },
  };
}
