import AxeBuilder from '@axe-core/playwright';
import { expect, type FrameLocator, type Page } from '@playwright/test';

/** The demo storefront, as a shopper (and a screen reader) finds it: roles and accessible names. */
export class DemoApp {
  constructor(readonly page: Page) {}

  async open(locale: 'en' | 'id' = 'en') {
    await this.page.addInitScript((l) => localStorage.setItem('demo:locale', l), locale);
    await this.page.goto('/');
  }

  async signIn(name: RegExp) {
    await this.page.getByRole('button', { name }).click();
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  async go(tab: RegExp) {
    await this.page.getByRole('navigation').getByRole('link', { name: tab }).click();
  }

  async expectAccessible() {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    expect(
      results.violations,
      JSON.stringify(
        results.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]),
        null,
        2,
      ),
    ).toEqual([]);
  }

  async chooseBindMode(mode: RegExp) {
    await this.page.getByRole('radio', { name: mode }).check();
  }

  async pickBank(bank: RegExp) {
    await this.pickRadio(bank);
  }

  /** Clicks a card (its label), as a shopper does; the native radio inside gets checked. */
  async pickRadio(name: RegExp) {
    const radio = this.page.getByRole('radio', { name });
    const id = await radio.getAttribute('id');
    await this.page.locator(`label[for="${id}"]`).click();
    await expect(radio).toBeChecked();
  }

  async continueToBank() {
    await this.page.getByRole('button', { name: /continue to bank|lanjut ke bank/i }).click();
  }

  /** The bank's pages, wherever they are shown (dialog iframe, popup, or this page). */
  async completeBankPages(
    where: FrameLocator | Page,
    input: {
      accountNumber: string;
      cardExpiry?: string;
      otp?: string;
      chooseBank?: RegExp;
      refused?: boolean;
    },
  ) {
    if (input.chooseBank) {
      await where.getByRole('radio', { name: input.chooseBank }).check();
      await where.getByRole('button', { name: /continue|lanjut/i }).click();
    }
    await where
      .getByLabel(/account|rekening/i)
      .first()
      .fill(input.accountNumber);
    await where.getByLabel(/expiry|berlaku/i).fill(input.cardExpiry ?? '12/35');
    await where.getByRole('button', { name: /continue|lanjut/i }).click();
    // A bank that refuses a re-binding does so at this step (seed 003): no OTP follows.
    if (input.refused) return;
    await where.getByLabel(/otp/i).fill(input.otp ?? '123456');
    await where.getByRole('button', { name: /verify|verifikasi|confirm|konfirmasi/i }).click();
  }

  bankDialog(): FrameLocator {
    return this.page.getByRole('dialog').frameLocator('iframe');
  }

  /** Binds an account in the dialog (iframe) mode from the saved-accounts page. */
  async bindInDialog(bank: RegExp, accountNumber: string, options: { refused?: boolean } = {}) {
    await this.go(/saved accounts|rekening tersimpan/i);
    await this.chooseBindMode(/dialog/i);
    await this.pickBank(bank);
    await this.continueToBank();
    await expect(this.page.getByRole('dialog')).toBeVisible();
    await this.completeBankPages(this.bankDialog(), { accountNumber, ...options });
  }

  async addToCart(product: RegExp) {
    await this.page.getByRole('button', { name: product }).click();
  }

  async otp(code: string) {
    await this.page.getByRole('textbox', { name: /otp|kode/i }).fill(code);
    await this.page.getByRole('button', { name: /confirm payment|konfirmasi pembayaran/i }).click();
  }

  async sandbox(path: string, body?: unknown) {
    const res = await this.page.request.fetch(`/sandbox/${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      ...(body !== undefined ? { data: body } : {}),
    });
    expect(res.ok()).toBe(true);
  }
}
