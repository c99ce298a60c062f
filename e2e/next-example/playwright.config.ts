import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

/**
 * The Next.js example shop (apps/next-example), built from the packed tarballs and started by
 * scripts/example-next.mjs, which passes its address in NEXT_EXAMPLE_URL.
 */
const baseURL = process.env.NEXT_EXAMPLE_URL;
if (!baseURL) throw new Error('NEXT_EXAMPLE_URL is not set: run `node scripts/example-next.mjs`.');

export default defineConfig({
  testDir: '.',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, trace: 'off', screenshot: 'only-on-failure', launchOptions: chromiumLaunchOptions },
});
