import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DemoApp } from '../models/demo';

/**
 * No secret reaches the browser: not in any built asset (the demo, Storybook, the packages'
 * dist), not in any answer of the proxy or the demo's session API that a shopper's browser
 * receives. The secrets are the running server's own (its data folder) plus every account token
 * its bank issued (the sandbox's ledger).
 */
// An ES module (the package is `type: module`): no __dirname.
const root = fileURLToPath(new URL('../..', import.meta.url));
const ASSET_DIRS = [
  'apps/demo/dist',
  'storybook-static',
  'packages/core/dist',
  'packages/hooks/dist',
  'packages/react/dist',
];

function serverSecrets(): string[] {
  const file = join(process.env.E2E_DATA_DIR as string, 'local-secrets.json');
  const s = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  // The private key's body lines (each 64 base64 characters) are what a leak would carry.
  const keyLines = (s.privateKeyPem as string).split('\n').filter((l) => l.length === 64);
  return [
    s.sessionSecret,
    s.clientSecret,
    s.callbackSecret,
    s.webhookSecret,
    s.cardClientSecret,
    ...keyLines,
  ].filter(Boolean) as string[];
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

test('no server secret or private key in any built browser asset', async ({ request }) => {
  await request.get('/demo/shoppers'); // the server is up, so its secrets exist
  const secrets = serverSecrets();
  expect(secrets.length).toBeGreaterThan(5);
  let scanned = 0;
  for (const dir of ASSET_DIRS) {
    const abs = join(root, dir);
    expect(existsSync(abs), `${dir} is built`).toBe(true);
    for (const file of files(abs)) {
      if (!/\.(js|mjs|cjs|css|html|json|map|txt)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      scanned++;
      expect(/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text), relative(root, file)).toBe(false);
      for (const secret of secrets) expect(text.includes(secret), relative(root, file)).toBe(false);
    }
  }
  expect(scanned).toBeGreaterThan(50);
});

test('no secret or account token in anything the proxy and the demo backend send a shopper or staff', async ({
  page,
}) => {
  const answers: { url: string; text: string }[] = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (!/^\/(ayokit|demo)\//.test(url.pathname) || url.pathname.endsWith('/events')) return;
    const text = await res.text().catch(() => '');
    answers.push({ url: url.pathname, text: `${text}\n${JSON.stringify(res.headers())}` });
  });
  const app = new DemoApp(page);
  await app.open('en');
  // Earlier specs left every shopper with accounts, payments and refunds: visit all of it.
  for (const shopper of [/Ani/, /Budi/, /Citra/]) {
    await app.signIn(shopper);
    const tabs = await page.getByRole('navigation').getByRole('link').allTextContents();
    for (const tab of tabs) {
      await app.go(new RegExp(`^${tab.trim()}$`));
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('button', { name: /sign out/i }).click();
  }
  // The back office, as both roles: the staff API, the audit trail, the shop backend log.
  await app.openBackOffice();
  for (const who of ['desk', 'finance'] as const) {
    await app.staffSignIn(who);
    await page.waitForLoadState('networkidle');
  }
  expect(answers.some((a) => a.url.startsWith('/ayokit/staff/'))).toBe(true);
  expect(answers.some((a) => a.url === '/demo/webhook-log')).toBe(true);
  const ledger = (await (await page.request.get('/sandbox/ledger')).json()) as { accountToken: string }[];
  const tokens = [...new Set(ledger.map((e) => e.accountToken))];
  expect(tokens.length).toBeGreaterThan(0);
  expect(answers.filter((a) => a.url.startsWith('/ayokit/')).length).toBeGreaterThan(5);
  for (const secret of [...serverSecrets(), ...tokens]) {
    for (const a of answers) expect(a.text.includes(secret), `${a.url} carries a secret`).toBe(false);
  }
});
