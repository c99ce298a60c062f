import { expect, type Page } from '@playwright/test';
import { analyze } from './axe';

/** The sandbox's hosted bank pages, found the way a shopper and a screen reader find them. */
export class BankPage {
  constructor(readonly page: Page) {}

  async expectAccessible() {
    const results = await analyze(this.page);
    expect(results.violations, JSON.stringify(results.violations, null, 2)).toEqual([]);
  }

  async chooseBank(name: RegExp) {
    await this.page.getByRole('radio', { name }).check();
    await this.page.getByRole('button', { name: /continue|lanjut/i }).click();
  }

  async enterAccount(accountNumber: string, cardExpiry: string) {
    await this.page
      .getByLabel(/account|rekening/i)
      .first()
      .fill(accountNumber);
    await this.page.getByLabel(/expiry|berlaku/i).fill(cardExpiry);
    await this.page.getByRole('button', { name: /continue|lanjut/i }).click();
  }

  async enterOtp(otp: string) {
    await this.page.getByLabel(/otp/i).fill(otp);
    await this.page.getByRole('button', { name: /verify|verifikasi|confirm|konfirmasi/i }).click();
  }
}
