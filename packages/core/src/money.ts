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

/**
 * An amount of rupiah typed by a person, read as its locale writes it: digits, grouped in threes
 * by the locale's separator ("1.500.000" in Indonesian, "1,500,000" in English), an optional "Rp"
 * before it, and at most a decimal part of zero sen (",00" / ".00"). Anything else is null, never
 * a guess: "50000.00" is 50,000 in English and refused in Indonesian (where "." groups thousands
 * and "00" is no group of three), "2500.5" and "50.000" are refused in English (sen, or a group
 * the locale does not write), and a separator dropped in the middle never multiplies an amount.
 */
export function parseIdr(text: string, locale: 'id' | 'en' = 'id'): number | null {
  const [group, decimal] = locale === 'id' ? ['.', ','] : [',', '.'];
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  const bare = text.replace(/^\s*(?:rp\.?)?[\s\u00a0]*/i, '').replace(/[\s\u00a0]+$/, '');
  const m = new RegExp(`^(\\d+|\\d{1,3}(?:${g}\\d{3})+)(?:${d}00?)?$`).exec(bare);
  if (!m) return null;
  const n = Number(m[1]!.split(group).join(''));
  return Number.isSafeInteger(n) ? n : null;
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
