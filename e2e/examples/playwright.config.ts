import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * The example apps (examples/), installed from the packed tarballs and started by
 * scripts/example-node-vite.mjs, which passes their URL in EXAMPLE_BASE_URL. Same Chromium and
 * launch arguments as the main suite; no web server of its own.
 */
const baseURL = process.env.EXAMPLE_BASE_URL;
if (!baseURL) throw new Error('EXAMPLE_BASE_URL is not set: run node scripts/example-node-vite.mjs');

// The main suite's settings (timeouts, one worker, reporter, Chromium), without its web servers.
export default defineConfig({
  ...base,
  testDir: '.',
  webServer: undefined,
  use: { ...base.use, baseURL, locale: 'en-US' },
});
