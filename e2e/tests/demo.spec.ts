import { expect, test } from '@playwright/test';
import { DemoApp } from '../models/demo';

/**
 * Issue #3's journeys in the built demo: bind (dialog, popup, redirect), pay a checkout the
 * shop's server made with and without OTP, OTP third failure, a refund (by finance, in the back
 * office), unbinding, the banks' re-binding refusals, session expiry, a
 * lost callback, both languages — and axe on every state.
 * Each test signs in a different shopper or cleans up, since the demo's bank keeps its state.
 */
test.describe.configure({ mode: 'serial' });

test('binds BRI in the dialog, pays a checkout without OTP, sees the order; finance refunds it in the back office (English)', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.expectAccessible();
  await app.signIn(/Ani/);
  await app.expectAccessible();
  await app.bindInDialog(/BRI/, '1234500001');
  await expect(page.getByText(/Your BRI account is bound/).first()).toBeVisible();
  await app.expectAccessible();

  await app.go(/shop/i);
  await app.addToCart(/Gayo/);
  await app.proceedToPayment();
  // Ani has other accounts and cards by now (earlier spec files): pay with the one just bound.
  await app.pickRadio(/BRI ending in 0001/);
  await app.expectAccessible();
  await page.getByRole('button', { name: /^Pay Rp\s?95,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible();
  const orderId = await app.paidOrderNumber();

  // The shopper sees the order and its status, and no way to move money back.
  const order = await app.latestOrder();
  await expect(order.getByRole('heading', { name: orderId })).toBeVisible();
  await expect(order.getByText('Succeeded', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /refund|capture|void/i })).toHaveCount(0);
  await app.expectAccessible();

  // Finance refunds it in the back office.
  await app.openBackOffice();
  await app.staffSignIn('finance');
  const payment = await app.staffPayment(orderId);
  await expect(payment.getByText('Succeeded', { exact: true })).toBeVisible();
  // Named after its order (the back office lists many); the confirm step says the amount.
  await payment.getByRole('button', { name: new RegExp(`^Refund, order ${orderId} \\(Rp`) }).click();
  await expect(payment.getByRole('radio', { name: /partial refund/i })).toBeVisible();
  await app.expectAccessible();
  await payment.getByRole('button', { name: /^Refund Rp\s?[\d,]+$/ }).click();
  await expect(payment.getByText(/was refunded/).first()).toBeVisible();
  await expect(payment.getByText('Refunded', { exact: true }).first()).toBeVisible();
});

test('pays above Rp 1.000.000 with OTP: a wrong code is announced, the right one succeeds (Indonesian)', async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('id');
  await app.signIn(/Ani/);
  await app.addToCart(/Gamelan/);
  await app.proceedToPayment();
  await app.pickRadio(/BRI berakhiran 0001/);
  await page.getByRole('button', { name: /^Bayar Rp\s?1\.250\.000$/ }).click();
  await expect(page.getByRole('textbox', { name: /otp|kode/i })).toBeVisible();
  await app.expectAccessible();
  await app.otp('000000');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByText(/2/).first()).toBeVisible();
  await app.expectAccessible();
  await app.otp('123456');
  await expect(page.getByRole('heading', { name: /Terima kasih/ })).toBeVisible();
});

test('the third wrong OTP fails the payment and blocks the account', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Budi/);
  await app.bindInDialog(/BCA/, '3234500003');
  await expect(page.getByText(/Your BCA account is bound/).first()).toBeVisible();
  await app.go(/shop/i);
  await app.addToCart(/Teh tarik/);
  await app.proceedToPayment();
  await app.pickRadio(/BCA/);
  await page.getByRole('button', { name: /^Pay Rp\s?45,000$/ }).click();
  // Each wrong code is answered (attempts left goes down) before the next one is typed.
  await app.otp('999999');
  await expect(page.getByText('2 attempts left.')).toBeVisible();
  await app.otp('999999');
  await expect(page.getByText('1 attempt left.')).toBeVisible();
  await app.otp('999999');
  await expect(page.getByText(/The payment failed/).first()).toBeVisible();
  await expect(page.getByText(/blocked/i).first()).toBeVisible();
  await app.expectAccessible();
  await app.goToPaymentMethods();
  await expect(page.getByText(/blocked/i).first()).toBeVisible();
});

test('BCA allows one account per user: the bank is disabled with the reason', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Budi/);
  await app.goToPaymentMethods();
  await expect(page.getByRole('radio', { name: /BCA/ })).toBeDisabled();
  await app.expectAccessible();
});

test("BNI refuses an account bound by another shopper, with the seed's guidance", async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.bindInDialog(/BNI/, '5234500005');
  await expect(page.getByText(/Your BNI account is bound/).first()).toBeVisible();
  await page.getByRole('button', { name: /sign out/i }).click();
  await app.signIn(/Ani/);
  await app.bindInDialog(/BNI/, '5234500005', { refused: true });
  await expect(page.getByText(/refused to bind this account again/i).first()).toBeVisible();
  await expect(page.getByText(/use the account already bound/i).first()).toBeVisible();
  await expect(page.getByText(/unbind \(remove\) that account first/i)).toBeVisible();
  await app.expectAccessible();
});

for (const { bank, account, first, second } of [
  { bank: 'Mandiri', account: '9100000011', first: /Ani/, second: /Budi/ },
  { bank: 'Danamon', account: '9100000022', first: /Budi/, second: /Citra/ },
  { bank: 'CIMB', account: '9100000033', first: /Citra/, second: /Citra/ },
]) {
  test(`${bank} refuses binding the same account again, with the guidance`, async ({ page }) => {
    const app = new DemoApp(page);
    await app.open('en');
    await app.signIn(first);
    await app.bindInDialog(new RegExp(bank), account);
    await expect(page.getByText(new RegExp(`Your ${bank} account is bound`)).first()).toBeVisible();
    if (second !== first) {
      await page.getByRole('button', { name: /sign out/i }).click();
      await app.signIn(second);
    } else {
      // The same shopper starts over: a fresh page shows the bank list again.
      await page.reload();
    }
    await app.bindInDialog(new RegExp(bank), account, { refused: true });
    await expect(page.getByText(/refused to bind this account again/i).first()).toBeVisible();
    await expect(page.getByText(/unbind \(remove\) that account first/i).first()).toBeVisible();
  });
}

test('binds in a popup window', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.goToPaymentMethods();
  await app.chooseBindMode(/popup/i);
  await app.pickBank(/BRI/);
  const popupPromise = page.waitForEvent('popup');
  await app.continueToBank();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await app.completeBankPages(popup, { accountNumber: '6234500006' });
  await expect(page.getByText(/Your BRI account is bound/).first()).toBeVisible();
});

test('binds by full-page redirect and resumes on return', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.goToPaymentMethods();
  await app.chooseBindMode(/redirect/i);
  await app.pickBank(/Mandiri/);
  await app.continueToBank();
  await page.waitForURL(/\/webview\//);
  await app.completeBankPages(page, { accountNumber: '7234500007' });
  await page.waitForURL(/ayokitBinding=/);
  await expect(page.getByText(/Your Mandiri account is bound/).first()).toBeVisible();
});

test('an expired bank session ends as expired (virtual clock)', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.goToPaymentMethods();
  await app.chooseBindMode(/dialog/i);
  await app.pickBank(/Danamon/);
  await app.continueToBank();
  await expect(page.getByRole('dialog')).toBeVisible();
  await app.sandbox('clock/advance', { seconds: 181 });
  await expect(page.getByText(/expired before you finished/).first()).toBeVisible();
  await app.expectAccessible();
});

test("signing in and out with the keyboard puts the focus on the new view's heading, in the shop and the back office", async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  const press = async (name: RegExp) => {
    await page.getByRole('button', { name }).focus();
    await page.keyboard.press('Enter');
  };
  const focused = (name: RegExp) => expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await press(/^Sign in: Ani/);
  await focused(/^Shop$/i);
  await press(/^Sign out$/);
  await focused(/^Sign in as a demo shopper$/);
  await app.openBackOffice();
  await press(/^Sign in: Dewi/);
  await focused(/^Back office$/i);
  await press(/^Switch role$/i);
  await focused(/^Sign in as staff$/);
});

test("the keyboard stays in the bank's dialog: Tab goes through the framed page and round, never behind", async ({
  page,
}) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.goToPaymentMethods();
  await app.chooseBindMode(/dialog/i);
  await app.pickBank(/BRI/);
  await app.continueToBank();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.frameLocator('iframe').getByRole('button').first()).toBeVisible();
  const inside = () =>
    page.evaluate(() => !!document.querySelector('[role="dialog"]')?.contains(document.activeElement));
  const where = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'none');
  let wentRound = false;
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    expect(await inside(), `Tab ${i + 1}: ${await where()}`).toBe(true);
    if (i > 0 && (await where()).includes('ayo-button')) wentRound = true;
  }
  expect(wentRound).toBe(true);
  await dialog
    .getByRole('button', { name: /cancel/i })
    .first()
    .click();
  await expect(dialog).toHaveCount(0);
});

test('a lost payment callback still ends succeeded (reconciler), shown on the page', async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Ani/);
  await page.getByRole('button', { name: /Lose the next payment callback/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Done/ })).toBeVisible();
  await app.addToCart(/Batik/);
  await app.proceedToPayment();
  await app.pickRadio(/BRI ending in 0001/);
  await page.getByRole('button', { name: /^Pay Rp\s?350,000$/ }).click();
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible({ timeout: 30_000 });
});

test("removes a saved account with the bank's OTP (BNI)", async ({ page }) => {
  const app = new DemoApp(page);
  await app.open('en');
  await app.signIn(/Citra/);
  await app.bindInDialog(/BNI/, '8234500008');
  await expect(page.getByText(/Your BNI account is bound/).first()).toBeVisible();
  await page.getByRole('button', { name: /Remove BNI ending in 0008/ }).click();
  await app.expectAccessible();
  await page.getByRole('button', { name: /yes, remove/i }).click();
  await page.getByRole('textbox', { name: /otp|code/i }).fill('123456');
  await page.getByRole('button', { name: /verify|confirm/i }).click();
  await expect(page.getByText(/removed/i).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Remove BNI ending in 0008/ })).toHaveCount(0);
});
