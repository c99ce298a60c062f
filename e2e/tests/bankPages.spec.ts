import { type APIRequestContext, expect, test } from '@playwright/test';
import { BankPage } from '../models/bankPage';
import { CardPage } from '../models/cardPage';

/**
 * Issue #2's UI: the sandbox's hosted bank pages, walked in Chromium as a shopper would, with
 * the proxy reacting to the callback. The browser API is called as the merchant's frontend would.
 * The same for the hosted card registration page (the card gateway's), in English and Indonesian.
 */
async function signIn(request: APIRequestContext, baseURL: string, shopperId: string) {
  const res = await request.post('/demo/session', { data: { shopperId }, headers: { origin: baseURL } });
  expect(res.ok()).toBe(true);
}

async function startBinding(request: APIRequestContext, baseURL: string, body: Record<string, unknown>) {
  const res = await request.post('/ayokit/v1/bindings', {
    data: body,
    headers: {
      origin: baseURL,
      'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).binding as { id: string; webviewUrl: string };
}

async function bindingStatus(request: APIRequestContext, id: string) {
  const res = await request.get(`/ayokit/v1/bindings/${id}`);
  return (await res.json()).binding as {
    status: string;
    instrumentId: string | null;
    failure: { code: string } | null;
  };
}

test('binds a BRI account through the bank pages in English, axe-clean on every page', async ({
  page,
  baseURL,
}) => {
  await signIn(page.request, baseURL!, 'shopper-ani');
  const binding = await startBinding(page.request, baseURL!, { locale: 'en' });
  const bank = new BankPage(page);
  await page.goto(binding.webviewUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await bank.expectAccessible();
  await bank.chooseBank(/BRI/);
  await bank.expectAccessible();
  await bank.enterAccount('1234567890', '12/35');
  await bank.expectAccessible();
  await bank.enterOtp('123456');
  await expect(page).toHaveURL(/\/ayokit\/return\?/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await bank.expectAccessible();
  await expect.poll(async () => (await bindingStatus(page.request, binding.id)).status).toBe('succeeded');
  const instruments = await (await page.request.get('/ayokit/v1/instruments')).json();
  expect(instruments.instruments).toEqual([
    expect.objectContaining({ bankCode: '002', maskedNumber: expect.stringMatching(/7890$/) }),
  ]);
});

test('Indonesian pages; a wrong OTP is announced and the right one still binds', async ({
  page,
  baseURL,
}) => {
  await signIn(page.request, baseURL!, 'shopper-budi');
  const binding = await startBinding(page.request, baseURL!, { bankCode: '008', locale: 'id' });
  const bank = new BankPage(page);
  await page.goto(binding.webviewUrl);
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await bank.enterAccount('2234567890', '12/35');
  await bank.enterOtp('000000');
  await expect(page.getByText(/salah/i).first()).toBeVisible();
  await bank.expectAccessible();
  await bank.enterOtp('123456');
  await expect.poll(async () => (await bindingStatus(page.request, binding.id)).status).toBe('succeeded');
});

test('an expired session shows the expiry page and the binding fails as SESSION_EXPIRED', async ({
  page,
  baseURL,
}) => {
  await signIn(page.request, baseURL!, 'shopper-citra');
  const binding = await startBinding(page.request, baseURL!, { bankCode: '002', locale: 'en' });
  const advance = await page.request.post('/sandbox/clock/advance', { data: { seconds: 181 } });
  expect(advance.ok()).toBe(true);
  await page.goto(binding.webviewUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/expired/i);
  await new BankPage(page).expectAccessible();
  await expect
    .poll(async () => (await bindingStatus(page.request, binding.id)).failure?.code, { timeout: 15_000 })
    .toBe('SESSION_EXPIRED');
});

async function startCardRegistration(request: APIRequestContext, baseURL: string, locale: 'en' | 'id') {
  const res = await request.post('/ayokit/v1/card-registrations', {
    data: { locale },
    headers: {
      origin: baseURL,
      'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).cardRegistration as { id: string; webviewUrl: string };
}

async function cardRegistrationStatus(request: APIRequestContext, id: string) {
  const res = await request.get(`/ayokit/v1/card-registrations/${id}`);
  return (await res.json()).cardRegistration as { status: string; instrumentId: string | null };
}

for (const { locale, shopper, labels } of [
  {
    locale: 'en' as const,
    shopper: 'shopper-ani',
    labels: { title: 'Save your card', challenge: '3-D Secure verification', saved: 'Card saved' },
  },
  {
    locale: 'id' as const,
    shopper: 'shopper-citra',
    labels: {
      title: 'Simpan kartu',
      challenge: 'Verifikasi 3-D Secure',
      saved: 'Kartu berhasil disimpan',
    },
  },
]) {
  test(`the hosted card registration page (${locale.toUpperCase()}): errors, 3-D Secure and the result, axe-clean`, async ({
    page,
    baseURL,
  }) => {
    await signIn(page.request, baseURL!, shopper);
    const registration = await startCardRegistration(page.request, baseURL!, locale);
    const card = new CardPage(page);
    await page.goto(registration.webviewUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(labels.title);
    await card.expectAccessible();
    // A number that fails the Luhn check: the error summary and the field's error.
    await card.enterCard({ number: '4111111111111112' });
    await expect(page.getByLabel(/card number|nomor kartu/i)).toHaveAttribute('aria-invalid', 'true');
    await card.expectAccessible();
    await card.enterCard({ number: '4000000000003220' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(labels.challenge);
    await card.expectAccessible();
    await card.enterOtp('111111');
    await expect(page.getByLabel(/one-time code|kode otp/i)).toHaveAttribute('aria-invalid', 'true');
    await card.expectAccessible();
    await card.enterOtp('123456');
    // Back at the merchant's return page (the proxy's), or the gateway's result page.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await card.expectAccessible();
    await expect
      .poll(async () => (await cardRegistrationStatus(page.request, registration.id)).status)
      .toBe('succeeded');
  });
}
