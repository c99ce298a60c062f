import { generateRsaKeyPair } from '@ayokit/core/snap';
import type { TestProject } from 'vitest/node';

/**
 * Vitest globalSetup: the partner's RSA key pair for this package's tests (src/testing.ts), made
 * once per run, before any test starts. Each worker made its own before, in its first test: four
 * 2048-bit key generations at once, while the workers were still importing, took that test to
 * 2.3–3.6 s on the 2-core machine with the test run niced under load (as `npm test` runs it).
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('sandboxTestKeys', await generateRsaKeyPair());
}
