import { expect, type Page, test } from '@playwright/test';
import { DemoApp } from '../models/demo';

/**
 * Issue 9's split, in the built demo: the shop's server makes the checkout and learns the outcome
 * by webhook; the shopper's browser only pays it; money moves back only from the back office, by
 * the staff role that has the right. A shopper's cookie, whatever it sends, moves no money.
 */
test.describe.configure({ mode: 'serial' });

/** Made by the first test, used by the next ones. */
const paid = { orderId: '', paymentId: '', instrumentId: '' };

const ledgers = async (page: Page) => ({
  bank: await (await page.request.get('/sandbox/ledger')).text(),
  cards: await (await page.request.get('/sandbox/card-ledger')).text(),
});

test("a shopper pays a checkout the shop's server priced", async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Budi/);
  // A bank account: its payments are refundable by API (card refunds are Ayoconnect's operations'
  // in the reference profile), so the back office below can show who may refund.
  await app.bindInDialog(/BRI/, '1234500088');
  await expect(page.getByText(/Your BRI account is bound/).first()).toBeVisible();
  await app.go(/shop/i);
  await app.addToCart(/Teh tarik/);
  await app.addToCart(/Teh tarik/);
  await app.proceedToPayment();
  await app.pickRadio(/BRI ending in 0088/);
  // The amount on the button is the server's (2 × Rp 45,000), not the browser's.
  await page.getByRole('button', { name: /^Pay Rp\s?90,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible();
  paid.orderId = await app.paidOrderNumber();

  const { payments } = (await (await page.request.get('/ayokit/v1/payments')).json()) as {
    payments: { id: string; orderId: string; instrumentId: string; amount: number }[];
  };
  const payment = payments.find((p) => p.orderId === paid.orderId)!;
  expect(payment.amount).toBe(90_000);
  paid.paymentId = payment.id;
  paid.instrumentId = payment.instrumentId;
});

test("with only a shopper's cookie, no request names an amount or moves money back", async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Budi/);
  const origin = new URL(page.url()).origin;
  // Same origin, a valid session, fresh idempotency keys: only the split itself refuses these.
  const post = (path: string, data: unknown) =>
    page.request.post(path, {
      data,
      headers: { origin, 'idempotency-key': `e2e-attack-${path}-${Date.now()}` },
    });
  const before = await ledgers(page);

  const chosenAmount = await post('/ayokit/v1/payments', {
    instrumentId: paid.instrumentId,
    amount: 1,
    orderId: `attack-${Date.now()}`,
  });
  expect(chosenAmount.status()).toBeGreaterThanOrEqual(400);
  expect(chosenAmount.status()).toBeLessThan(500);

  // A real, open checkout of this shopper's, paid with an amount of the browser's own: refused.
  const made = await post('/demo/checkout', { items: [{ sku: 'gamelan', qty: 1 }] });
  expect(made.status()).toBe(201);
  const { checkoutId } = (await made.json()) as { checkoutId: string };
  const withAmount = await post(`/ayokit/v1/checkouts/${checkoutId}/pay`, {
    instrumentId: paid.instrumentId,
    amount: 1,
  });
  expect(withAmount.status()).toBe(400);
  // …and the checkout's price is the server's, whatever the browser says it is.
  const checkout = (await (await page.request.get(`/ayokit/v1/checkouts/${checkoutId}`)).json()) as {
    checkout: { amount: number; status: string };
  };
  expect(checkout.checkout).toMatchObject({ amount: 1_250_000, status: 'open' });
  const priced = await post('/demo/checkout', { items: [{ sku: 'gamelan', qty: 1, price: 1 }] });
  expect(priced.status()).toBe(400);

  const staffRefund = await post(`/ayokit/staff/v1/payments/${paid.paymentId}/refunds`, {});
  expect(staffRefund.status()).toBe(401);
  for (const action of ['refunds', 'capture', 'void']) {
    const old = await post(`/ayokit/v1/payments/${paid.paymentId}/${action}`, {});
    expect(old.status(), action).toBe(404);
  }

  expect(await ledgers(page)).toEqual(before);
  const { payments } = (await (await page.request.get('/ayokit/v1/payments')).json()) as {
    payments: { id: string; refundedAmount: number }[];
  };
  expect(payments.find((p) => p.id === paid.paymentId)?.refundedAmount).toBe(0);
});

for (const locale of ['en', 'id'] as const) {
  test(`the back office (${locale}): the paid order's webhook in the shop backend log; the front desk's refund is refused in plain words, finance's is not`, async ({
    page,
  }) => {
    const app = new DemoApp(page);
    await app.open(locale);
    await app.openBackOffice();
    await app.expectAccessible();
    await app.staffSignIn('desk');
    await app.expectAccessible();

    // The shop's server learnt of the payment from the proxy's signed webhook.
    const row = app.webhookRow(paid.orderId, 'payment.succeeded');
    await expect(row).toBeVisible();
    await expect(row).toContainText(locale === 'en' ? 'Rp 90,000' : 'Rp 90.000');
    await expect(row).toContainText(locale === 'en' ? 'Verified' : 'Terverifikasi');

    const payment = await app.staffPayment(paid.orderId);
    if (locale === 'en') {
      // The front desk has no refund right: the server says no, in plain words.
      // Each order's button is named after it (a screen reader's list of buttons tells them apart);
      // the confirm step says the amount it moves.
      const refundOf = new RegExp(`^Refund, order ${paid.orderId} \\(Rp\\s?90,000\\)$`);
      await payment.getByRole('button', { name: refundOf }).click();
      await payment.getByRole('button', { name: /^Refund Rp\s?90,000$/ }).click();
      await expect(payment.getByRole('alert')).toContainText(/role does not allow/i);
      await expect(payment.getByRole('alert')).not.toContainText(/FORBIDDEN|403/);
      await app.expectAccessible();
      await app.staffSignIn('finance');
      const again = await app.staffPayment(paid.orderId);
      await again.getByRole('button', { name: refundOf }).click();
      await again.getByRole('button', { name: /^Refund Rp\s?90,000$/ }).click();
      await expect(again.getByText('Refunded', { exact: true }).first()).toBeVisible();
      await expect(app.webhookRow(paid.orderId, 'refund.succeeded')).toBeVisible();
      // The audit trail names who refunded.
      await expect(
        page.getByRole('region', { name: 'Audit trail' }).getByText(/Fajar/).first(),
      ).toBeVisible();
      await app.expectAccessible();
    } else {
      await expect(payment.getByText(/dikembalikan|refund/i).first()).toBeVisible();
      await expect(page.getByRole('region', { name: 'Jejak audit' })).toBeVisible();
      await app.expectAccessible();
    }
  });
}
