/**
 * `pnpm ayoconnect:probe [--out ayoconnect-profile.json] [--production]`: a merchant's first hour
 * with real credentials. Makes each safe call once (B2B token, a binding session no shopper
 * completes, its inquiry, the status of an unknown payment, the card token, a card webview),
 * prints every exchange redacted, and answers the open questions of AYOCONNECT-API.md §11 that
 * need no shopper: (1) signature encoding, (2) X-EXTERNAL-ID replay, (5) response field names,
 * (7) card header names and timestamp. Writes what it settled as a wire profile
 * (`{ profile, findings }`, read by AYOCONNECT_PROFILE) with the raw findings beside it.
 * It never moves money, and refuses a production host unless --production.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveWireProfile, type WireProfileOverrides } from '@ayokit/core/snap';
import {
  AYOCONNECT_CREDENTIALS,
  AYOCONNECT_SANDBOX_URL,
  type AyoconnectEnv,
  missingCredentials,
  readAyoconnectEnv,
} from '../../src/node/env';
import { loadWireProfile } from '../../src/node/profile';
import { AyoConfigError, signingKey } from '../../src/options';
import { type CliIo, processIo } from './keys';
import { runProbe } from './run';
import { formatExchange, type ProbeTarget } from './wire';

export type { ProbeReport } from './run';

export const DEFAULT_PROFILE_FILE = 'ayoconnect-profile.json';

// ── The command ──────────────────────────────────────────────────────────────────────────────

const USAGE = `usage: pnpm ayoconnect:probe [--out ${DEFAULT_PROFILE_FILE}] [--production] [--profile <file>]
                             [--phone 62…] [--bank 002] [--return-url <url>] [--timeout-ms 15000]
environment: AYOCONNECT_BASE_URL (default ${AYOCONNECT_SANDBOX_URL}), AYOCONNECT_CLIENT_ID,
  AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY (PEM or file), AYOCONNECT_MERCHANT_ID;
  optional AYOCONNECT_CARD_CLIENT_ID, AYOCONNECT_CARD_CLIENT_SECRET, AYOCONNECT_CARD_BASE_URL,
  AYOCONNECT_CARD_MERCHANT_CODE, AYOCONNECT_PROFILE (the profile to start from), PUBLIC_URL`;

type Credentials = Extract<AyoconnectEnv, { mode: 'remote' }>;

/**
 * The AYOCONNECT_* variables, read and checked as the proxy reads them (readAyoconnectEnv; a
 * relative key path from where the command was typed), the key proven to sign as the proxy's
 * `ready` does. A mistake throws an AyoConfigError naming the variable. Undefined when a
 * credential is missing: the probe calls Ayoconnect, it has no embedded sandbox to fall back to.
 */
async function credentialsOf(env: NodeJS.ProcessEnv, cwd: string): Promise<Credentials | undefined> {
  if (missingCredentials(env).length) return undefined;
  const read = readAyoconnectEnv(env, { cwd });
  if (read.mode !== 'remote') return undefined; // not reached: the client id is set
  await signingKey(read.ayoconnect.privateKeyPem, 'AYOCONNECT_PRIVATE_KEY');
  return read;
}

export interface ProbeDeps {
  fetch?: (request: Request) => Promise<Response>;
}

/** The command: exit 0 when it ran with a B2B token, 1 without one, 2 on a usage or setup error. */
export async function probeMain(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  deps: ProbeDeps = {},
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', short: 'o' },
        production: { type: 'boolean', default: false },
        profile: { type: 'string' },
        phone: { type: 'string' },
        bank: { type: 'string' },
        'return-url': { type: 'string' },
        'timeout-ms': { type: 'string' },
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
  const fail = (message: string) => {
    io.err(message);
    return 2;
  };
  let credentials: Credentials | undefined;
  try {
    credentials = await credentialsOf(env, io.cwd);
  } catch (error) {
    if (!(error instanceof AyoConfigError)) throw error;
    return fail(error.message);
  }
  if (!credentials) {
    return fail(
      `${missingCredentials(env).join(', ')}: not set. The probe calls Ayoconnect: set ` +
        `${AYOCONNECT_CREDENTIALS.join(', ')} (all four).\n${USAGE}`,
    );
  }
  const { ayoconnect } = credentials;
  const { merchantId } = ayoconnect;

  let baseOverrides: WireProfileOverrides | undefined;
  const profileFile = (values.profile as string | undefined) ?? env.AYOCONNECT_PROFILE?.trim();
  try {
    if (profileFile)
      baseOverrides = loadWireProfile(
        resolve(io.cwd, profileFile),
        values.profile ? '--profile' : 'AYOCONNECT_PROFILE',
      );
  } catch (error) {
    return fail((error as Error).message);
  }
  const profile = resolveWireProfile(baseOverrides);

  // Origins (readAyoconnectEnv checked them), a trailing slash forgiven.
  const baseUrl = ayoconnect.baseUrl.replace(/\/$/, '');
  const cardBaseUrl = (ayoconnect.card?.baseUrl ?? baseUrl).replace(/\/$/, '');
  const hosts = [baseUrl, cardBaseUrl].map((url) => new URL(url).hostname);
  const production = hosts.filter((h) => profile.productionHosts.includes(h));
  if (production.length && !values.production) {
    return fail(
      `Refusing to probe ${[...new Set(production)].join(', ')}: a production host (profile.productionHosts). ` +
        'The probe opens binding sessions and webviews there (no money moves). Pass --production if you mean it.',
    );
  }

  const timeoutMs = Number(values['timeout-ms'] ?? 15_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return fail('--timeout-ms must be a positive number.');
  const phoneNo = (values.phone as string | undefined) ?? '6281200000000';
  if (!/^62\d{7,11}$/.test(phoneNo)) return fail('--phone must be 62 then 7–11 digits (9–13 in all).');
  const bankCode = (values.bank as string | undefined) ?? '002';
  if (!/^\d{3}$/.test(bankCode))
    return fail('--bank must be a 3-digit bank code such as 002 (BRI) or 014 (BCA).');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/$/, '');
  const returnUrl =
    (values['return-url'] as string | undefined) ??
    (publicUrl ? `${publicUrl}/ayokit/probe-return` : 'https://shop.example/ayokit/probe-return');

  const { clientId, clientSecret, privateKeyPem, card } = ayoconnect;
  const target: ProbeTarget = {
    baseUrl,
    cardBaseUrl,
    clientId,
    clientSecret,
    privateKeyPem,
    merchantId,
    card: {
      // Like the proxy: without card credentials, the Direct Debit ones are tried.
      clientId: card?.clientId ?? clientId,
      clientSecret: card?.clientSecret ?? clientSecret,
      merchantCode: card?.merchantCode ?? merchantId,
    },
    profile,
    timeoutMs,
    fetch: deps.fetch ?? ((r) => fetch(r)),
  };

  io.out(`ayoconnect:probe → ${baseUrl} (cards: ${cardBaseUrl}), merchant ${merchantId}`);
  if (profileFile) io.out(`starting from the profile in ${profileFile}`);
  const report = await runProbe({
    target,
    baseOverrides,
    phoneNo,
    bankCode,
    returnUrl,
    onNote: (text) => io.out(`\n# ${text}`),
    onEntry: (entry) => io.out(formatExchange(entry)),
  });

  const out = resolve(io.cwd, (values.out as string | undefined) ?? DEFAULT_PROFILE_FILE);
  const file = {
    profile: report.profile,
    findings: report.findings,
    probedAt: report.probedAt,
    baseUrl: report.baseUrl,
    cardBaseUrl: report.cardBaseUrl,
  };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  loadWireProfile(out, '--out'); // what the proxy will read: proven readable before we say so

  io.out(`\n${report.exchanges} exchanges. Findings:`);
  for (const [name, f] of Object.entries(report.findings)) {
    io.out(`  ${f.question ? `${f.question} ` : ''}${name} [${f.status}]: ${f.answer}`);
  }
  io.out(`\nWrote ${out}. Start the proxy with AYOCONNECT_PROFILE=${out}`);
  if (!report.tokenObtained)
    io.err('No B2B token was issued: check the credentials and the registered public key.');
  return report.tokenObtained ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await probeMain(process.argv.slice(2), process.env, processIo());
}
