import { checkConfig } from './config';

/**
 * Called by instrumentation.ts when the server starts, before it serves a request: a mistake in
 * the environment stops it here, the message beginning with the variable to fix. (An error thrown
 * from `register()` would not stop it: Next.js logs it and answers every request with a 500.)
 */
export function checkEnvironmentOrExit(): void {
  try {
    const config = checkConfig();
    const mode = config.ayoconnect.mode === 'remote' ? 'Ayoconnect' : 'the embedded simulator';
    console.log(`[shop] environment checked: ${config.publicUrl}, ${mode}`);
  } catch (error) {
    console.error(`[shop] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
