/** What the registration page checks on a card number: length, Luhn, brand; and how it is masked. */
import type { CardBrand } from '@ayokit/core/snap';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Visa 4…, Mastercard 51–55 and 2221–2720, JCB 3528–3589; null for any other brand. */
export function detectBrand(digits: string): CardBrand | null {
  if (/^4/.test(digits) && [13, 16, 19].includes(digits.length)) return 'VISA';
  const prefix4 = Number(digits.slice(0, 4));
  if (digits.length === 16 && (/^5[1-5]/.test(digits) || (prefix4 >= 2221 && prefix4 <= 2720))) {
    return 'MASTERCARD';
  }
  if (digits.length >= 16 && digits.length <= 19 && prefix4 >= 3528 && prefix4 <= 3589) return 'JCB';
  return null;
}

/** First 6 and last 4 digits: 411111******1111. */
export function maskCardNumber(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(Math.max(digits.length - 10, 0))}${digits.slice(-4)}`;
}
