import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8790);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Both ports can move (E2E_PORT, E2E_STORYBOOK_PORT), so two checkouts can run the suite at once. */
const STORYBOOK_PORT = Number(process.env.E2E_STORYBOOK_PORT ?? 6007);
process.env.STORYBOOK_URL ??= `http://127.0.0.1:${STORYBOOK_PORT}`;
// Set once in the runner; the workers inherit it (tests/secrets.spec.ts reads the server's secrets).
process.env.E2E_DATA_DIR ??= join(tmpdir(), `ayokit-e2e-${Date.now()}`);

/** Debian's Chromium, never a downloaded browser (nothing but npm and Debian packages here). */
export default defineConfig({
  testDir: './tests',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // The built Storybook (`pnpm storybook:build`), for the a11y sweep over every story.
      command: `node serve-static.mjs ../storybook-static ${STORYBOOK_PORT}`,
      url: `${process.env.STORYBOOK_URL}/index.json`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: 'pnpm --filter @ayokit/demo build && pnpm --filter @ayokit/proxy-app start',
      url: `${BASE_URL}/demo/shoppers`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PORT: String(PORT),
        PUBLIC_URL: BASE_URL,
        ALLOWED_ORIGINS: BASE_URL,
        AYOKIT_DATA_DIR: process.env.E2E_DATA_DIR,
        AYOKIT_CALLBACK_GRACE_MS: '2000',
      },
    },
  ],
});
