import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * The Next.js example shop (apps/next-example), built from the packed tarballs and started by
 * scripts/example-next.mjs, which passes its address in NEXT_EXAMPLE_URL. Same Chromium and
 * launch arguments as the main suite; no web server of its own.
 */
const baseURL = process.env.NEXT_EXAMPLE_URL;
if (!baseURL) throw new Error('NEXT_EXAMPLE_URL is not set: run `node scripts/example-next.mjs`.');

// The main suite's settings (timeouts, one worker, reporter, Chromium), without its web servers.
export default defineConfig({
  ...base,
  testDir: '.',
  webServer: undefined,
  use: { ...base.use, baseURL },
});
