import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { analyze } from './axe';
import { CardPage, type TestCard } from './cardPage';

const PAYMENT_METHODS = /payment methods|metode pembayaran/i;

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

  /**
   * axe over the page and its frames. With the gateway's page framed in a dialog, `framed` lets
   * its `<header>`/`<main>` repeat the demo's: they are landmarks of another document (axe merges
   * frames for this rule); everything else in the frame is still checked.
   */
  async expectAccessible(options: { framed?: boolean } = {}) {
    // Every view has a level-one heading once rendered (data may still be loading after a click):
    // axe looks at the view, not at the moment between two.
    await expect(this.page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    const results = await analyze(
      this.page,
      undefined,
      options.framed ? { rules: { 'landmark-unique': { enabled: false } } } : {},
    );
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

  /** Binds an account in the dialog (iframe) mode from the saved payment methods page. */
  async bindInDialog(bank: RegExp, accountNumber: string, options: { refused?: boolean } = {}) {
    await this.goToPaymentMethods();
    await this.chooseBindMode(/dialog/i);
    await this.pickBank(bank);
    await this.continueToBank();
    await expect(this.page.getByRole('dialog')).toBeVisible();
    await this.completeBankPages(this.bankDialog(), { accountNumber, ...options });
  }

  async addToCart(product: RegExp) {
    await this.page
      .getByRole('button', { name: product })
      .filter({ hasText: /^(add to cart|tambah ke keranjang)$/i })
      .click();
  }

  /** The server prices the cart and makes the checkout; the payment form follows. */
  async proceedToPayment() {
    await this.page.getByRole('button', { name: /^(proceed to payment|lanjut ke pembayaran)$/i }).click();
  }

  /** The order number on the "thank you" page (the server made it with the checkout). */
  async paidOrderNumber(): Promise<string> {
    const number = this.page.getByTestId('order-number');
    await expect(number).toHaveText(/^(order|stay)-/);
    return (await number.textContent()) ?? '';
  }

  /** The back office (its own page and sign-in), as a member of staff. */
  async openBackOffice() {
    await this.page.goto('/#/back-office');
    await expect(this.page.getByText(/staff only|khusus staf/i).first()).toBeVisible();
  }

  /** Signs in to the back office as the front desk (`desk`) or finance. */
  async staffSignIn(who: 'desk' | 'finance') {
    const name = who === 'desk' ? /Dewi/ : /Fajar/;
    const switchRole = this.page.getByRole('button', { name: /^(switch role|ganti peran)$/i });
    if (await switchRole.isVisible()) await switchRole.click();
    await this.page.getByRole('button', { name }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: /^back office$/i })).toBeVisible();
    await expect(this.page.getByText(name).first()).toBeVisible();
  }

  /** A payment in the back office's list, by its order number. */
  async staffPayment(orderId: string): Promise<Locator> {
    const item = this.page
      .getByRole('list', { name: /all payments|semua pembayaran/i })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: new RegExp(orderId) }) });
    await expect(item).toBeVisible();
    return item;
  }

  /** The shop backend log's row of an event for an order. */
  webhookRow(orderId: string, type: string): Locator {
    return this.page
      .getByRole('table', { name: /webhooks received|webhook yang diterima/i })
      .getByRole('row')
      .filter({ hasText: orderId })
      .filter({ hasText: type });
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

  async goToPaymentMethods() {
    await this.go(PAYMENT_METHODS);
    await expect(this.page.getByRole('heading', { level: 1, name: PAYMENT_METHODS })).toBeVisible();
  }

  /** The gateway's card page in the Add card dialog. */
  cardDialog(): CardPage {
    return new CardPage(this.page.getByRole('dialog').frameLocator('iframe'));
  }

  /** Opens the card page in the dialog from the saved payment methods page (the default mode). */
  async openAddCard() {
    await this.goToPaymentMethods();
    await this.chooseBindMode(/dialog/i);
    const another = this.page.getByRole('button', { name: /^(add another card|tambah kartu lain)$/i });
    if (await another.isVisible()) await another.click();
    await this.page.getByRole('button', { name: /^(add card|tambah kartu)$/i }).click();
    await expect(this.page.getByRole('dialog')).toBeVisible();
  }

  /** Adds a card in the dialog, through 3-D Secure when the card asks for it, and waits for it. */
  async addCard(card: TestCard, options: { otp?: string } = {}) {
    await this.openAddCard();
    await this.cardDialog().enterCard(card);
    if (options.otp) await this.cardDialog().enterOtp(options.otp);
    await expect(this.page.getByRole('dialog')).toBeHidden();
    await expect(this.addedMessage(card.number)).toBeVisible();
  }

  addedMessage(cardNumber: string): Locator {
    return this.page.getByRole('heading', {
      name: new RegExp(`(ending in|berakhiran) ${cardNumber.slice(-4)} (was added|berhasil ditambahkan)`),
    });
  }

  /** The saved card's radio at checkout, by brand and last 4. */
  async chooseCard(cardNumber: string, brand = 'Visa') {
    await this.pickRadio(new RegExp(`${brand} (ending in|berakhiran) ${cardNumber.slice(-4)}`));
  }

  /** The newest order on the orders page (the list is newest first). */
  async latestOrder(): Promise<Locator> {
    await this.go(/^(orders|pesanan)$/i);
    const order = this.page
      .getByRole('list', { name: /your orders|pesanan anda/i })
      .getByRole('listitem')
      .first();
    await expect(order).toBeVisible();
    return order;
  }

  /** Presses a button in the demo's scenario switcher and waits for the sandbox to take it. */
  async scenario(name: RegExp) {
    await this.page.getByRole('complementary').getByRole('button', { name }).click();
    await expect(
      this.page
        .getByRole('complementary')
        .getByRole('status')
        .filter({ hasText: /done|selesai/i }),
    ).toBeVisible();
  }
}
