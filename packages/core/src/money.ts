/** Money in the browser API is a whole number of rupiah; the SNAP wire uses "150000.00". */
export const MAX_AMOUNT_IDR = 1_000_000_000_000;

export function isValidAmount(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_AMOUNT_IDR;
}

export function toSnapAmount(amount: number): { value: string; currency: 'IDR' } {
  return { value: `${amount}.00`, currency: 'IDR' };
}

/** Parses a SNAP amount value; null unless it is a whole, positive rupiah amount with two decimals. */
export function fromSnapAmount(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,13}\.\d{2}$/.test(value)) return null;
  const [whole, cents] = value.split('.') as [string, string];
  if (cents !== '00') return null;
  const n = Number(whole);
  return isValidAmount(n) ? n : null;
}

/** A capture may take up to 120 % of the authorised amount. */
export function maxCaptureAmount(authorizedAmount: number): number {
  return Math.floor((authorizedAmount * 12) / 10);
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatIdr(amount: number, locale: 'id' | 'en' = 'id'): string {
  // English readers get English grouping (Rp 150,000); Indonesian, Indonesian (Rp 150.000).
  const tag = locale === 'id' ? 'id-ID' : 'en-US';
  let f = formatters.get(tag);
  if (!f) {
    f = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: 'IDR',
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 0,
    });
    formatters.set(tag, f);
  }
  return f.format(amount);
}
