import { expect, test } from '@playwright/test';
import { freshVisa } from '../models/cardPage';
import { DemoApp } from '../models/demo';

/**
 * Card Acceptance in the built demo: add a card on the gateway's page (with and without 3-D
 * Secure), pay a checkout the shop's server made, a decline in plain words, hold then capture
 * (at most 120 %), void, or expire on the sandbox's clock — captures and voids by the front desk in
 * the back office; card refunds are Ayoconnect operations' in the reference profile (finance sees a
 * note, the API refuses) — removing a card — in English and Indonesian,
 * axe on every new state.
 * The bank keeps its state across spec files, so each test uses its own card (fresh last 4).
 */
test.describe.configure({ mode: 'serial' });

const VISA = '4111111111111111';
const THREE_D_SECURE = '4000000000003220';
const DECLINED = '4000000000000002';

/** Cards registered here, by the shopper who owns them, for the tests that pay with them. */
const cards = { ani: VISA, budi: THREE_D_SECURE, citra: freshVisa() };

test('adds a Visa card in the dialog and lists it with its brand, last 4 and expiry (English)', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Ani/);
  await app.goToPaymentMethods();
  await app.expectAccessible();
  await app.openAddCard();
  await expect(app.cardDialog().where.getByRole('heading', { name: 'Save your card' })).toBeVisible();
  await app.expectAccessible({ framed: true });
  await app.cardDialog().enterCard({ number: VISA, expiry: '11/34' });
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(app.addedMessage(VISA)).toBeVisible();
  await app.expectAccessible();

  const list = page.getByRole('region', { name: 'Your cards and bank accounts' });
  const item = list.getByRole('listitem').filter({ hasText: /ending in 1111/ });
  await expect(item.getByRole('img', { name: 'Visa' })).toBeVisible();
  await expect(item).toContainText('•••• 1111');
  await expect(item).toContainText('expires 11/34');
  await expect(item.getByRole('button', { name: 'Remove Visa ending in 1111' })).toBeVisible();
});

test('adds a 3-D Secure card: a wrong code is refused on the card page, 123456 adds it (Indonesian)', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('id');
  await app.signIn(/Budi/);
  await app.openAddCard();
  const card = app.cardDialog();
  await expect(card.where.locator('html')).toHaveAttribute('lang', 'id');
  await card.enterCard({ number: THREE_D_SECURE, holderName: 'Budi Santoso' });
  await expect(card.where.getByRole('heading', { name: 'Verifikasi 3-D Secure' })).toBeVisible();
  await app.expectAccessible({ framed: true });
  await card.enterOtp('000000');
  await expect(card.where.getByText(/Kode OTP salah\. Sisa 2 kali percobaan/).first()).toBeVisible();
  await app.expectAccessible({ framed: true });
  await card.enterOtp('123456');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(app.addedMessage(THREE_D_SECURE)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Kartu dan rekening bank Anda' }).getByText(/berakhiran 3220/),
  ).toBeVisible();
  await app.expectAccessible();
});

test('pays directly with a card; finance is told Ayoconnect operations refund cards — no refund button, the API refuses', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Ani/);
  await app.addToCart(/Gayo/);
  await app.proceedToPayment();
  await app.chooseCard(cards.ani);
  await app.expectAccessible();
  await page.getByRole('button', { name: /^Pay Rp\s?95,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible();
  const orderId = await app.paidOrderNumber();

  const order = await app.latestOrder();
  await expect(order.getByText('Succeeded', { exact: true })).toBeVisible();
  await expect(order.getByRole('button')).toHaveCount(0);

  await app.openBackOffice();
  await app.staffSignIn('finance');
  const payment = await app.staffPayment(orderId);
  await expect(payment.getByText(/front desk/i)).toHaveCount(0);
  // The reference profile (capabilities.cardRefund false): no refund action, a note instead.
  await expect(payment.getByText('Card refunds are made by Ayoconnect operations.')).toBeVisible();
  await expect(payment.getByRole('button', { name: 'Refund' })).toHaveCount(0);
  await app.expectAccessible();
  // Behind the UI, the proxy refuses a card refund (NOT_SUPPORTED, 422) before any gateway call.
  const caps = await (await page.request.get('/ayokit/staff/v1/capabilities')).json();
  expect(caps).toEqual({ otpResend: false, cardRefund: false, cardVoid: true });
  const { payments } = (await (
    await page.request.get(`/ayokit/staff/v1/payments?orderId=${orderId}`)
  ).json()) as { payments: { id: string }[] };
  const refused = await page.request.post(`/ayokit/staff/v1/payments/${payments[0]!.id}/refunds`, {
    data: {},
    headers: { 'idempotency-key': `e2e-card-refund-${Date.now()}`, origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(422);
  expect(await refused.text()).toContain('NOT_SUPPORTED');
  const after = (await (await page.request.get(`/ayokit/staff/v1/payments/${payments[0]!.id}`)).json()) as {
    payment: { refundedAmount: number };
  };
  expect(after.payment.refundedAmount).toBe(0);
});

test('a declined card gets a plain-words error and is not charged', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.addCard({ number: DECLINED, holderName: 'Citra Lestari' });
  await app.go(/shop/i);
  await app.addToCart(/Teh tarik/);
  await app.proceedToPayment();
  await app.chooseCard(DECLINED);
  await page.getByRole('button', { name: /^Pay Rp\s?45,000$/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The payment failed' });
  await expect(alert).toContainText("The card's bank declined it. Try another card or contact your bank.");
  await expect(alert).not.toContainText(/\d{7}|do not honor/i);
  await app.expectAccessible();
  // The newest charge in the gateway's ledger is this one (one worker; the card customerId is
  // the gateway's 6–16 character form of the user id, so it is not matched here).
  const ledger = (await (await page.request.get('/sandbox/card-ledger')).json()) as {
    amount: number;
    status: string;
    charged: boolean;
  }[];
  expect(ledger.at(-1)).toMatchObject({ amount: 45_000, status: 'FAILED', charged: false });
  const order = await app.latestOrder();
  await expect(order.getByText('Failed', { exact: true })).toBeVisible();
  await expect(order.getByRole('button')).toHaveCount(0);
});

test('holds a hotel deposit, and the front desk captures it in the back office — above 120 % is refused', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Ani/);
  await page.getByRole('button', { name: 'Reserve with a card hold: Hotel room deposit' }).click();
  await expect(page.getByRole('heading', { name: 'Reserve your room' })).toBeFocused();
  // A hold is for cards only: the shopper's bank account (bound on the bank pages) is not offered.
  await expect(page.getByRole('group', { name: 'Hold on card' }).getByText(/BRI/)).toHaveCount(0);
  await app.chooseCard(cards.ani);
  await app.expectAccessible();
  await page.getByRole('button', { name: /^Hold Rp\s?500,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Your room is reserved/ })).toBeVisible();
  const orderId = await app.paidOrderNumber();
  await app.expectAccessible();

  // The shopper sees the hold, and cannot capture or void it.
  const order = await app.latestOrder();
  await expect(order.getByText('Authorised', { exact: true }).first()).toBeVisible();
  await expect(order.getByRole('button')).toHaveCount(0);

  await app.openBackOffice();
  await app.staffSignIn('desk');
  const desk = await app.staffPayment(orderId);
  await expect(desk.getByText('Authorised', { exact: true }).first()).toBeVisible();
  await expect(desk.getByText('Hold expires')).toBeVisible();
  await app.expectAccessible();
  await desk.getByRole('button', { name: 'Capture' }).click();
  const amount = desk.getByRole('textbox', { name: 'Amount to capture (Rp)' });
  await expect(amount).toHaveValue('500000');
  await amount.fill('600001');
  await desk.getByRole('button', { name: /^Capture Rp\s?600,001$/ }).click();
  await expect(desk.getByRole('alert')).toHaveText(
    'A capture can be at most Rp 600,000: 120% of the authorised amount.',
  );
  await expect(amount).toBeFocused();
  await app.expectAccessible();
  await amount.fill('600000');
  await desk.getByRole('button', { name: /^Capture Rp\s?600,000$/ }).click();
  await expect(desk.getByText('Captured', { exact: true }).first()).toBeVisible();
  await expect(desk.getByText('Rp 600,000').first()).toBeVisible();
  await expect(desk.getByRole('button', { name: 'Capture' })).toHaveCount(0);
  await expect(desk.getByRole('button', { name: 'Void' })).toHaveCount(0);
  await app.expectAccessible();
});

test('holds a deposit and the front desk voids it in the back office (Indonesian)', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('id');
  await app.signIn(/Budi/);
  await page.getByRole('button', { name: 'Pesan dengan dana ditahan: Deposit kamar hotel' }).click();
  await app.chooseCard(cards.budi);
  await page.getByRole('button', { name: /^Tahan Rp\s?500\.000$/ }).click();
  await expect(page.getByRole('heading', { name: /Kamar Anda sudah dipesan/ })).toBeVisible();
  const orderId = await app.paidOrderNumber();

  await app.openBackOffice();
  await app.staffSignIn('desk');
  const desk = await app.staffPayment(orderId);
  await expect(desk.getByText('Dana ditahan', { exact: true })).toBeVisible();
  await app.expectAccessible();
  await desk.getByRole('button', { name: 'Batalkan penahanan' }).click();
  await expect(desk.getByRole('heading', { name: 'Batalkan penahanan dana ini?' })).toBeFocused();
  await app.expectAccessible();
  await desk.getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(desk.getByText('Dibatalkan', { exact: true })).toBeVisible();
  await expect(desk.getByRole('button', { name: 'Tagih' })).toHaveCount(0);
  await expect(desk.getByRole('button', { name: 'Kembalikan dana' })).toHaveCount(0);
  await app.expectAccessible();
});

test('a card gateway timeout on the charge still ends paid, and the card is charged once', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.addCard({ number: cards.citra, holderName: 'Citra Lestari' });
  // Every charge the gateway holds (one worker: nothing else charges meanwhile).
  const charges = async () =>
    ((await (await page.request.get('/sandbox/card-ledger')).json()) as unknown[]).length;
  const before = await charges();
  await app.scenario(/Card gateway timeout on the next card charge/);
  await app.go(/shop/i);
  await app.addToCart(/Batik/);
  await app.proceedToPayment();
  await app.chooseCard(cards.citra);
  await page.getByRole('button', { name: /^Pay Rp\s?350,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible({ timeout: 30_000 });
  expect(await charges()).toBe(before + 1);
});

test('a hold not captured expires on the bank clock (+40 days) and shows as an expired hold', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await page.getByRole('button', { name: 'Reserve with a card hold: Hotel room deposit' }).click();
  await app.chooseCard(cards.citra);
  await page.getByRole('button', { name: /^Hold Rp\s?500,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Your room is reserved/ })).toBeVisible();
  const orderId = await app.paidOrderNumber();

  const order = await app.latestOrder();
  await expect(order.getByText('Authorised', { exact: true }).first()).toBeVisible();
  await app.scenario(/Advance the bank clock 40 days/);
  // The sandbox voids the hold and calls back; the shopper's page follows without a reload.
  await expect(order.getByText('Expired hold', { exact: true })).toBeVisible();

  await app.openBackOffice();
  await app.staffSignIn('desk');
  const desk = await app.staffPayment(orderId);
  await expect(desk.getByText('Expired hold', { exact: true })).toBeVisible();
  await expect(
    desk.getByText('The hold expired before it was captured; the shopper was not charged.'),
  ).toBeVisible();
  await expect(desk.getByRole('button', { name: 'Capture' })).toHaveCount(0);
  await app.expectAccessible();
});

test('removes a saved card', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.goToPaymentMethods();
  await page.getByRole('button', { name: 'Remove Visa ending in 0002' }).click();
  await expect(page.getByText('You will need to add it again to pay with this card.')).toBeVisible();
  await app.expectAccessible();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByText('Visa ending in 0002 was removed.').first()).toBeAttached();
  await expect(page.getByRole('button', { name: 'Remove Visa ending in 0002' })).toHaveCount(0);
  await app.expectAccessible();
});
