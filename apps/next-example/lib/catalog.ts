import type { Locale } from './i18n';

/**
 * The shop's prices live on the server only: a page asks for a product by its SKU, and the
 * checkout is made here at this price. The browser never names an amount.
 */
export interface Product {
  sku: string;
  name: Record<Locale, string>;
  /** Whole rupiah. */
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'kopi-gayo', name: { id: 'Biji kopi Gayo, 250 g', en: 'Gayo coffee beans, 250 g' }, price: 95_000 },
  { sku: 'teh-tarik', name: { id: 'Paket teh tarik', en: 'Teh tarik set' }, price: 45_000 },
  { sku: 'batik', name: { id: 'Selendang batik', en: 'Batik scarf' }, price: 350_000 },
];

export function findProduct(sku: unknown): Product | null {
  return PRODUCTS.find((p) => p.sku === sku) ?? null;
}
