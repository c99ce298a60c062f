/**
 * `pnpm ayoconnect:keys [--out ./ayoconnect-private.pem] [--force]`: a new RSA-2048 key pair for
 * Ayoconnect's token requests (X-SIGNATURE = SHA256withRSA). The private key goes to a file only
 * its owner can read and never leaves this machine; the public key is printed, to register with
 * Ayoconnect. An existing file is never overwritten without --force: it may be the key
 * Ayoconnect already knows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRsaKeyPair } from '@ayokit/core/snap';

export const DEFAULT_KEY_FILE = 'ayoconnect-private.pem';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where relative paths start: the directory the command was typed in. */
  cwd: string;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  // pnpm runs root scripts in the workspace root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

const USAGE = `usage: pnpm ayoconnect:keys [--out <file>] [--force]
  --out <file>  where the private key goes (default ./${DEFAULT_KEY_FILE})
  --force       replace an existing file (the old key stops working once Ayoconnect has the new one)`;

/** SHA-256 of the public key's DER, to compare with what Ayoconnect shows. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = Buffer.from(publicKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

/** Writes `text` at `path` with mode 0600, atomically (a temporary file renamed over it). */
function writePrivate(path: string, text: string): void {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export async function keysMain(argv: string[], io: CliIo): Promise<number> {
  let values: { out?: string | undefined; force?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const path = resolve(io.cwd, values.out ?? DEFAULT_KEY_FILE);
  if (existsSync(path) && !values.force) {
    io.err(
      `${path} exists: not overwritten (it may be the key Ayoconnect already has).\n` +
        'Use --out <file> for a new file, or --force to replace it.',
    );
    return 1;
  }
  if (!existsSync(dirname(path))) {
    io.err(`${dirname(path)} does not exist: create it or choose another --out.`);
    return 1;
  }
  const { privateKeyPem, publicKeyPem } = await generateRsaKeyPair();
  writePrivate(path, privateKeyPem);
  io.out(`Private key (RSA-2048, PKCS#8) written to ${path} (mode 0600). Keep it secret; never commit it.

Public key to register with Ayoconnect (fingerprint ${publicKeyFingerprint(publicKeyPem)}):

${publicKeyPem}
Next steps:
  1. Send the public key above to Ayoconnect (onboarding / merchant dashboard) and receive your
     client id, client secret and merchant id (and, for cards, the Card Acceptance credentials).
  2. Set the proxy's environment:
       AYOCONNECT_BASE_URL=https://sandbox.api.of.ayoconnect.id
       AYOCONNECT_CLIENT_ID=…  AYOCONNECT_CLIENT_SECRET=…  AYOCONNECT_MERCHANT_ID=…
       AYOCONNECT_PRIVATE_KEY=${path}
  3. Register your callback URL with Ayoconnect: {PUBLIC_URL}/ayokit/callbacks/ayoconnect
  4. Run \`pnpm ayoconnect:probe\` with the same variables, then start the proxy with
     AYOCONNECT_PROFILE=ayoconnect-profile.json (see "Pointing at real Ayoconnect" in the README).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await keysMain(process.argv.slice(2), processIo());
}
