import { expect, type FrameLocator, type Page } from '@playwright/test';
import { analyze } from './axe';

export interface TestCard {
  number: string;
  holderName?: string;
  /** MM/YY; far enough ahead to outlive the suite's clock advances. */
  expiry?: string;
  cvv?: string;
}

/** A Luhn-valid Visa number that behaves like 4111… but has its own last 4, so each test's card is its own. */
export function freshVisa(): string {
  const body = `4${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling every second digit from the right, counting the check digit still to come.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const last4 = (cardNumber: string) => cardNumber.slice(-4);

/**
 * The sandbox's hosted card registration page (the gateway's), in a page, a popup or the demo's
 * dialog iframe; labels in English or Indonesian.
 */
export class CardPage {
  constructor(readonly where: Page | FrameLocator) {}

  async expectAccessible() {
    if (!('goto' in this.where)) throw new Error('Run axe on the page that holds the frame');
    const results = await analyze(this.where);
    expect(results.violations, JSON.stringify(results.violations, null, 2)).toEqual([]);
  }

  async enterCard(card: TestCard) {
    const w = this.where;
    await w.getByLabel(/card number|nomor kartu/i).fill(card.number);
    await w.getByLabel(/name on card|nama pemegang/i).fill(card.holderName ?? 'Ani Wijaya');
    await w.getByLabel(/expiry|masa berlaku/i).fill(card.expiry ?? '12/35');
    await w.getByLabel(/^cvv/i).fill(card.cvv ?? '123');
    await w.getByRole('button', { name: /save card|simpan kartu/i }).click();
  }

  async enterOtp(otp: string) {
    await this.where.getByLabel(/one-time code|kode otp/i).fill(otp);
    await this.where.getByRole('button', { name: /^(confirm|konfirmasi)$/i }).click();
  }
}
