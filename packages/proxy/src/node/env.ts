import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MERCHANT_ID_PATTERN } from '@ayokit/core/snap';
import type { AyoProxyOptions } from '../app';
import { AyoConfigError, baseUrlProblem, credentialProblem, privateKeyPemProblem } from '../options';

/** The environment, as `process.env` holds it. */
type Env = Readonly<Record<string, string | undefined>>;

/** What `readAyoconnectEnv` found: Ayoconnect's credentials, or none of them. */
export type AyoconnectEnv =
  | {
      /**
       * No credential is set: run against a simulator of your own (`@ayokit/sandbox`), with its
       * invented keys.
       */
      mode: 'embedded';
      /** AYOCONNECT_MERCHANT_ID, checked: the simulator's merchant when set. */
      merchantId: string | undefined;
      /** AYOCONNECT_CARD_MERCHANT_CODE, checked: the simulator's card merchant code when set. */
      cardMerchantCode: string | undefined;
    }
  | {
      /** Every credential is set: call Ayoconnect (or a gateway at AYOCONNECT_BASE_URL). */
      mode: 'remote';
      /** `createAyoProxy`'s `ayoconnect`, to spread in beside options of your own (timeoutMs, profile…). */
      ayoconnect: Pick<
        AyoProxyOptions['ayoconnect'],
        'baseUrl' | 'clientId' | 'clientSecret' | 'privateKeyPem' | 'merchantId' | 'card'
      >;
      /** AYOCONNECT_CALLBACK_SECRET: `createAyoProxy`'s `callbackSecret` (undefined when unset). */
      callbackSecret: string | undefined;
    };

/** Ayoconnect's sandbox host [ref: /reference/dd-v3-debit-payment-host-to-host]. */
export const AYOCONNECT_SANDBOX_URL = 'https://sandbox.api.of.ayoconnect.id';

/** What the proxy (or the probe) needs to call Ayoconnect itself; all of them, or it cannot. */
export const AYOCONNECT_CREDENTIALS = [
  'AYOCONNECT_CLIENT_ID',
  'AYOCONNECT_CLIENT_SECRET',
  'AYOCONNECT_PRIVATE_KEY',
  'AYOCONNECT_MERCHANT_ID',
] as const;
/**
 * Variables only the real gateway (or a sandbox at a URL) reads: any one of them set means the
 * operator meant remote mode. AYOCONNECT_MERCHANT_ID and AYOCONNECT_CARD_MERCHANT_CODE serve the
 * embedded sandbox too, so they alone do not.
 */
const REMOTE_ONLY = [
  'AYOCONNECT_CLIENT_ID',
  'AYOCONNECT_CLIENT_SECRET',
  'AYOCONNECT_PRIVATE_KEY',
  'AYOCONNECT_BASE_URL',
  'AYOCONNECT_CALLBACK_SECRET',
  'AYOCONNECT_CARD_CLIENT_ID',
  'AYOCONNECT_CARD_CLIENT_SECRET',
  'AYOCONNECT_CARD_BASE_URL',
] as const;

/** How `readAyoconnectEnv` reads the environment. */
export interface ReadAyoconnectEnvOptions {
  /**
   * Where a relative AYOCONNECT_PRIVATE_KEY path is found (default `process.cwd()`): a command run
   * through a package manager may want the folder it was typed in (`INIT_CWD`).
   */
  cwd?: string;
}

/**
 * Reads the AYOCONNECT_* variables, as apps/proxy and the Next.js example do: remote when the
 * client id, client secret, private key and merchant id are all set; embedded when none of the
 * variables only the gateway reads is set. Anything in between is a mistake that would otherwise
 * run the simulator quietly (or a gateway with a made-up merchant id). Every mistake throws an
 * AyoConfigError whose `option` is the variable (or variables) to fix, its message beginning with
 * it:
 *
 * - AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY (the PEM, `\n` escapes
 *   allowed, or the path of a file holding it; PKCS#8 RSA), AYOCONNECT_MERCHANT_ID (6 letters or
 *   digits): the credentials;
 * - AYOCONNECT_BASE_URL: the gateway, by default Ayoconnect's sandbox;
 * - AYOCONNECT_CALLBACK_SECRET: only when callbacks are signed for you;
 * - AYOCONNECT_CARD_CLIENT_ID and AYOCONNECT_CARD_CLIENT_SECRET (both or neither: neither tries the
 *   Direct Debit ones), AYOCONNECT_CARD_BASE_URL, AYOCONNECT_CARD_MERCHANT_CODE: Card Acceptance.
 */
export function readAyoconnectEnv(env: Env, options: ReadAyoconnectEnvOptions = {}): AyoconnectEnv {
  const remote = isRemote(env);
  const merchantId = merchantCodeOf(env, 'AYOCONNECT_MERCHANT_ID');
  const cardMerchantCode = merchantCodeOf(env, 'AYOCONNECT_CARD_MERCHANT_CODE');
  if (!remote) return { mode: 'embedded', merchantId, cardMerchantCode };
  for (const name of CLIENT_CREDENTIALS) checkCredential(env, name);
  const baseUrl = optional(env, 'AYOCONNECT_BASE_URL');
  if (baseUrl) checkBaseUrl('AYOCONNECT_BASE_URL', baseUrl, 'dd');
  const card = cardOf(env, cardMerchantCode);
  return {
    mode: 'remote',
    ayoconnect: {
      baseUrl: baseUrl ?? AYOCONNECT_SANDBOX_URL,
      clientId: env.AYOCONNECT_CLIENT_ID!,
      clientSecret: env.AYOCONNECT_CLIENT_SECRET!,
      privateKeyPem: privateKeyOf(env.AYOCONNECT_PRIVATE_KEY!.trim(), options.cwd),
      merchantId: merchantId!, // required for remote (isRemote)
      ...(card ? { card } : {}),
    },
    callbackSecret: env.AYOCONNECT_CALLBACK_SECRET?.trim() ? env.AYOCONNECT_CALLBACK_SECRET : undefined,
  };
}

const isSet = (env: Env, name: string) => Boolean(env[name]?.trim());

/** A variable for which empty counts as unset. */
const optional = (env: Env, name: string) => env[name]?.trim() || undefined;

/** The credentials (AYOCONNECT_CREDENTIALS) that are unset or blank. */
export const missingCredentials = (env: Env): string[] =>
  AYOCONNECT_CREDENTIALS.filter((name) => !isSet(env, name));

function isRemote(env: Env): boolean {
  const given = REMOTE_ONLY.filter((name) => isSet(env, name));
  if (given.length === 0) return false;
  const missing = missingCredentials(env);
  if (missing.length === 0) return true;
  throw new AyoConfigError(
    missing.join(', '),
    `${list(given)} ${given.length > 1 ? 'are' : 'is'} set, so the proxy would call Ayoconnect, but ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} not: ` +
      `set ${AYOCONNECT_CREDENTIALS.join(', ')} (all four), or unset ${given.length > 1 ? 'them' : 'it'} to run the embedded sandbox.`,
  );
}

const list = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');

const fail = (variable: string, detail: string): never => {
  throw new AyoConfigError(variable, detail);
};

/** Shows a value in a message; long ones (a key pasted where a path was meant) by their length. */
const shown = (value: string) =>
  value.length > 120 ? `a value of ${value.length} characters` : JSON.stringify(value);

/** The client ids and secrets: checked as `createAyoProxy` checks them, naming the variable. */
const CLIENT_CREDENTIALS = [
  'AYOCONNECT_CLIENT_ID',
  'AYOCONNECT_CLIENT_SECRET',
  'AYOCONNECT_CARD_CLIENT_ID',
  'AYOCONNECT_CARD_CLIENT_SECRET',
] as const;

function checkCredential(env: Env, name: string): void {
  const value = env[name];
  if (!value?.trim()) return; // unset, or blank (unset): isRemote and cardOf say what is missing
  const problem = credentialProblem(value);
  if (problem) fail(name, `${problem}.`);
}

/** An origin, by the proxy's own rule for `ayoconnect.baseUrl` (a path would be dropped). */
function checkBaseUrl(name: string, value: string, api: 'dd' | 'card'): void {
  const problem = baseUrlProblem(value, api);
  if (problem) fail(name, `${problem}.`);
}

function merchantCodeOf(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value !== undefined && !MERCHANT_ID_PATTERN.test(value))
    fail(name, `must be the 6 letters or digits Ayoconnect gave you, e.g. AYOPOP (got ${shown(value)}).`);
  return value;
}

/**
 * AYOCONNECT_PRIVATE_KEY: the PEM itself (`\n` escapes allowed), or the path of a file holding
 * it (relative to `cwd`). A missing file, or a file or value that is not a PKCS#8 RSA private key,
 * is named here. The key never appears in a message.
 */
function privateKeyOf(value: string, cwd = process.cwd()): string {
  const name = 'AYOCONNECT_PRIVATE_KEY';
  let pem = value;
  let file = '';
  if (value.includes('-----BEGIN')) {
    pem = value.replace(/\\n/g, '\n');
  } else {
    const path = resolve(cwd, value);
    try {
      pem = readFileSync(path, 'utf8');
      file = path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      // A relative path names the folder it was looked for in.
      const given =
        value.length > 120
          ? `a value of ${value.length} characters`
          : `${value}${isAbsolute(value) ? '' : ` in ${cwd}`}`;
      fail(
        name,
        `is neither a PEM ("-----BEGIN PRIVATE KEY-----…") nor a file that can be read: ${given} (${code}).`,
      );
    }
  }
  const problem = privateKeyPemProblem(pem);
  if (problem) fail(name, file ? `the file ${file} ${problem}.` : `${problem}.`);
  return pem;
}

/**
 * AYOCONNECT_CARD_*: the card client id and secret both or neither (neither: the Direct Debit ones
 * are tried), and the card base URL and merchant code either way. Undefined when none is set.
 */
function cardOf(
  env: Env,
  merchantCode: string | undefined,
): Extract<AyoconnectEnv, { mode: 'remote' }>['ayoconnect']['card'] {
  const clientId = optional(env, 'AYOCONNECT_CARD_CLIENT_ID');
  const clientSecret = optional(env, 'AYOCONNECT_CARD_CLIENT_SECRET');
  if (clientId && !clientSecret)
    fail(
      'AYOCONNECT_CARD_CLIENT_SECRET',
      'must be set when AYOCONNECT_CARD_CLIENT_ID is (both, or neither to try the Direct Debit ones).',
    );
  if (clientSecret && !clientId)
    fail(
      'AYOCONNECT_CARD_CLIENT_ID',
      'must be set when AYOCONNECT_CARD_CLIENT_SECRET is (both, or neither to try the Direct Debit ones).',
    );
  const baseUrl = optional(env, 'AYOCONNECT_CARD_BASE_URL');
  if (baseUrl) checkBaseUrl('AYOCONNECT_CARD_BASE_URL', baseUrl, 'card');
  if (!clientId && !baseUrl && !merchantCode) return undefined;
  return {
    clientId: clientId ? env.AYOCONNECT_CARD_CLIENT_ID! : env.AYOCONNECT_CLIENT_ID!,
    clientSecret: clientSecret ? env.AYOCONNECT_CARD_CLIENT_SECRET! : env.AYOCONNECT_CLIENT_SECRET!,
    ...(baseUrl ? { baseUrl } : {}),
    ...(merchantCode ? { merchantCode } : {}),
  };
}
