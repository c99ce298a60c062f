import { expect, type Locator, type Page, test } from '@playwright/test';
import { analyze } from '../models/axe';
import { BankPage } from '../models/bankPage';

/**
 * apps/next-example as a merchant ships it: installed from the packed tarballs, `next build`,
 * `next start`. The proxy sits in one route handler (app/ayokit/[...path]/route.ts), the checkout
 * is made by a server component, the simulator's bank pages are route handlers too.
 */
test.describe.configure({ mode: 'serial' });

/** A second shop origin in ALLOWED_ORIGINS (scripts/example-next.mjs sets both). */
const otherShopOrigin = process.env.NEXT_EXAMPLE_OTHER_ORIGIN ?? '';
const PROBE = '/ayokit/v1/instruments/ins_0000000000000000';

async function expectAccessible(page: Page) {
  // After a client-side navigation, Next.js streams the page's metadata after its content: the
  // page is analysed once it has its title, as a shopper's browser shows it.
  await expect(page).toHaveTitle(/\S/);
  const results = await analyze(page);
  const found = results.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]);
  expect(results.violations, JSON.stringify(found, null, 2)).toEqual([]);
}

/** Clicks a radio's card (its label) as a shopper does; the native radio inside gets checked. */
async function pickRadio(page: Page, name: RegExp) {
  const radio = page.getByRole('radio', { name });
  await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
  await expect(radio).toBeChecked();
}

test('the route handler hands every method to the proxy: its CORS, CSRF and 401 answers, never Next’s 405', async ({
  request,
}) => {
  expect(otherShopOrigin, 'NEXT_EXAMPLE_OTHER_ORIGIN').toMatch(/^https?:\/\//);
  const preflight = (origin: string) =>
    request.fetch(PROBE, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
  const allowed = await preflight(otherShopOrigin);
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()['access-control-allow-origin']).toBe(otherShopOrigin);
  expect(allowed.headers()['access-control-allow-credentials']).toBe('true');
  expect(allowed.headers()['access-control-allow-methods']).toContain('PATCH');
  expect(allowed.headers()['access-control-allow-headers']?.toLowerCase()).toContain('idempotency-key');
  const refused = await preflight('https://evil.example');
  expect(refused.headers()['access-control-allow-origin']).toBeUndefined();

  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
    const res = await request.fetch(PROBE, {
      method,
      ...(method === 'GET' ? {} : { data: { isDefault: true } }),
    });
    expect(res.status(), method).toBe(401);
    expect(res.headers()['content-type'], method).toContain('application/json');
    expect(await res.json(), method).toMatchObject({ code: 'UNAUTHENTICATED' });
  }
  const staff = await request.get('/ayokit/staff/v1/me');
  expect(staff.status()).toBe(401);
  expect(await staff.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  // A state-changing call from another site is refused before anyone is looked up (CSRF).
  const crossSite = await request.post('/ayokit/v1/bindings', {
    headers: { Origin: 'https://evil.example' },
    data: { bankCode: '002' },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toMatchObject({ code: 'FORBIDDEN_ORIGIN' });
  // Ayoconnect's callbacks reach the proxy too: an unsigned one is its own 4xx, in JSON.
  const callback = await request.post('/ayokit/callbacks/ayoconnect', { data: {} });
  expect(callback.status()).toBeGreaterThanOrEqual(400);
  expect(callback.status()).toBeLessThan(500);
  expect(callback.headers()['content-type']).toContain('json');
});

let paidOrder = '';

test('a shopper signs in, binds BRI on the bank’s pages, pays the checkout the server made and sees it paid (English)', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Sign in as Ani Wijaya' }).click();
  await expect(page.getByText('Signed in as Ani Wijaya')).toBeVisible();
  await expectAccessible(page);

  // A shopper's cookie is no staff sign-in.
  expect((await page.request.get('/ayokit/staff/v1/me')).status()).toBe(401);

  // Bind: <BindAccount/> opens the simulated bank's pages (served by a route handler) in a popup.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Payment methods' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment methods' })).toBeVisible();
  await pickRadio(page, /BRI/);
  await expectAccessible(page);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Continue to bank' }).click();
  const bank = new BankPage(await popupOpened);
  await bank.page.waitForLoadState();
  await expect(bank.page).toHaveURL(/\/webview\//);
  await bank.expectAccessible();
  await bank.enterAccount('1234500001', '12/35');
  await bank.enterOtp('123456');
  await expect(page.getByText('Your BRI account is bound.').first()).toBeVisible();
  const saved = page.getByRole('region', { name: 'Saved accounts' });
  await expect(saved.getByRole('button', { name: 'Remove BRI ending in 0001' })).toBeVisible();
  await expectAccessible(page);

  // PATCH through the route handler, signed in: the instrument becomes the default.
  const { instruments } = (await (await page.request.get('/ayokit/v1/instruments')).json()) as {
    instruments: { id: string; isDefault: boolean }[];
  };
  expect(instruments).toHaveLength(1);
  const patched = await page.request.patch(`/ayokit/v1/instruments/${instruments[0]!.id}`, {
    data: { isDefault: true },
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ instrument: { id: instruments[0]!.id, isDefault: true } });

  // Pay: the server component priced the order and made the checkout; the page only picks the account.
  await nav.getByRole('link', { name: 'Shop' }).click();
  await page.getByRole('link', { name: 'Buy Gayo coffee beans, 250 g' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toHaveText(/^order-/);
  paidOrder = (await orderNumber.textContent()) ?? '';
  await expect(page.getByRole('radio', { name: /BRI ending in 0001/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Pay Rp\s?95,000$/ }).click();

  await page.waitForURL(/\/checkout\/done\?checkout=chk_/);
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you!' })).toBeVisible();
  await expect(page.getByText(`Order ${paidOrder} is paid.`)).toBeVisible();
  await expect(page.getByTestId('server-status')).toHaveText('Succeeded');
  await expectAccessible(page);

  // The simulated bank took the server's price, once.
  const ledger = (await (await page.request.get('/sandbox/ledger')).json()) as {
    amount: number;
    charged: boolean;
  }[];
  expect(ledger.filter((e) => e.charged).map((e) => e.amount)).toEqual([95_000]);
});

test('finance signs in to the back office (Bahasa Indonesia) and refunds the paid order', async ({
  page,
}) => {
  expect(paidOrder).toMatch(/^order-/);
  await page.goto('/back-office');
  await expect(page.getByRole('heading', { level: 1, name: 'Kantor belakang' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Masuk sebagai Fajar Nugroho/ }).click();
  await expect(page.getByText(/Masuk sebagai Fajar Nugroho/)).toBeVisible();

  const payment: Locator = page
    .getByRole('list', { name: 'Semua pembayaran' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: paidOrder }) });
  await expect(payment).toBeVisible();
  await expect(payment.getByText('Berhasil', { exact: true })).toBeVisible();
  await expectAccessible(page);
  // Named after its order (a back office lists many); the confirm step says the amount it moves.
  await payment
    .getByRole('button', { name: new RegExp(`^Kembalikan dana, pesanan ${paidOrder} \\(Rp`) })
    .click();
  await expectAccessible(page);
  await payment.getByRole('button', { name: /^Kembalikan Rp\s?[\d.]+$/ }).click();
  await expect(payment.getByText(/telah dikembalikan/).first()).toBeVisible();
  await expect(payment.getByText('Dikembalikan', { exact: true }).first()).toBeVisible();

  const ledger = (await (await page.request.get('/sandbox/ledger')).json()) as { refundedAmount: number }[];
  expect(ledger.map((e) => e.refundedAmount)).toEqual([95_000]);
});
