import { PHASE_PRODUCTION_BUILD } from 'next/constants';

/**
 * Runs once when a Next.js server starts (`next start`, `next dev`), before it serves a request:
 * the environment is checked here, so a mistake stops the server naming the variable instead of
 * showing as a 500 on the first request. The proxy and its database are still made by the first
 * request (lib/ayokit.ts), and never at build time.
 */
export async function register() {
  // Node.js only (node:fs, the key file), and never while `next build` renders pages.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) {
    const { checkEnvironmentOrExit } = await import('./lib/startup');
    checkEnvironmentOrExit();
  }
}
