import { expect, type Page, test } from '@playwright/test';
import { analyze } from '../models/axe';
import { DemoApp } from '../models/demo';

/**
 * examples/vite-app served by examples/node-http, both installed from the packed tarballs: sign
 * in, bind a BRI account on the simulator's bank pages (in the kit's dialog), let the server make a
 * checkout and pay it — with axe on each state, and the page in both languages.
 */
async function expectAccessible(page: Page) {
  // The bank's page in the dialog is another document: its landmarks may repeat the shop's.
  const results = await analyze(page, undefined, { rules: { 'landmark-unique': { enabled: false } } });
  const violations = results.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

test('signs in, binds BRI in the dialog, pays a server-made checkout (English), then reads in Indonesian', async ({
  page,
}) => {
  const kit = new DemoApp(page); // its bank-page and radio helpers
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Example Shop' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in as Ani Wijaya' }).click();
  await expect(page.getByText('Signed in as Ani Wijaya')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your bank accounts' })).toBeVisible();
  await expectAccessible(page);

  // Bind: the kit's bank picker, then the simulator's bank pages in the kit's dialog.
  const accounts = page.getByRole('region', { name: 'Your bank accounts' });
  const bri = accounts.getByRole('radio', { name: /BRI/ });
  await page.locator(`label[for="${await bri.getAttribute('id')}"]`).click();
  await accounts.getByRole('button', { name: /continue to bank/i }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await kit.completeBankPages(page.getByRole('dialog').frameLocator('iframe'), {
    accountNumber: '1234500001',
  });
  await expect(accounts.getByText(/Your BRI account is bound/).first()).toBeVisible();
  await expectAccessible(page);

  // The server checks the cart: 12 gamelans are refused, in the shop's own words.
  const gamelans = page.getByRole('spinbutton', { name: 'Quantity of Mini gamelan' });
  await gamelans.fill('12');
  await page.getByRole('button', { name: 'Check out' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Each item can be ordered 1 to 9 times.' }),
  ).toBeVisible();
  await gamelans.fill('0');

  // Two coffees: the server prices them (Rp 190,000) and makes the checkout; the kit pays it.
  await page.getByRole('spinbutton', { name: 'Quantity of Gayo coffee, 250 g' }).fill('2');
  await page.getByRole('button', { name: 'Check out' }).click();
  const payment = page.getByRole('region', { name: 'Payment' });
  await expect(payment).toBeVisible();
  await kit.pickRadio(/BRI ending in 0001/);
  await expectAccessible(page);
  await payment.getByRole('button', { name: /^Pay Rp\s?190,000$/ }).click();
  await expect(
    payment.getByRole('status').filter({ hasText: /Thank you! Order order-.* is paid\./ }),
  ).toBeVisible();
  await expectAccessible(page);

  // The same page in Indonesian: the shop's strings and the kit's.
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { level: 2, name: 'Rekening bank Anda' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Keranjang Anda' })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Pembayaran' })
      .getByText(/Terima kasih! Pesanan order-.* sudah dibayar\./),
  ).toBeVisible();
  await expectAccessible(page);
});
