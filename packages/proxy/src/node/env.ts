import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MERCHANT_ID_PATTERN } from '@ayokit/core/snap';
import type { AyoProxyOptions } from '../app';
import {
  AyoConfigError,
  baseUrlProblem,
  credentialProblem,
  originProblem,
  privateKeyPemProblem,
} from '../options';

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
  const baseUrl = optionalVariable(env, 'AYOCONNECT_BASE_URL');
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

/**
 * A variable for which empty counts as unset, trimmed. Exported (with `nonEmptyVariable` and
 * `shownValue`) for a server reading variables of its own by the same rules.
 */
export const optionalVariable = (env: Env, name: string) => env[name]?.trim() || undefined;

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
export const shownValue = (value: string) =>
  value.length > 120 ? `a value of ${value.length} characters` : JSON.stringify(value);

/**
 * The client ids and secrets, and the callback secret: checked as `createAyoProxy` checks them,
 * naming the variable.
 */
const CLIENT_CREDENTIALS = [
  'AYOCONNECT_CLIENT_ID',
  'AYOCONNECT_CLIENT_SECRET',
  'AYOCONNECT_CARD_CLIENT_ID',
  'AYOCONNECT_CARD_CLIENT_SECRET',
  'AYOCONNECT_CALLBACK_SECRET',
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
  const value = optionalVariable(env, name);
  if (value !== undefined && !MERCHANT_ID_PATTERN.test(value))
    fail(
      name,
      `must be the 6 letters or digits Ayoconnect gave you, e.g. AYOPOP (got ${shownValue(value)}).`,
    );
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
      // A path is shown (a relative one with the folder it was looked for in); anything else may be
      // a secret pasted into the wrong variable (a key's body without its header, a client
      // secret), and only its length is shown.
      const pathLike = value.length <= 200 && /[\\/]|\.(pem|key|txt)$/i.test(value);
      const given = pathLike
        ? `${value}${isAbsolute(value) ? '' : ` in ${cwd}`}`
        : `a value of ${value.length} characters that is not a path`;
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
  const clientId = optionalVariable(env, 'AYOCONNECT_CARD_CLIENT_ID');
  const clientSecret = optionalVariable(env, 'AYOCONNECT_CARD_CLIENT_SECRET');
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
  const baseUrl = optionalVariable(env, 'AYOCONNECT_CARD_BASE_URL');
  if (baseUrl) checkBaseUrl('AYOCONNECT_CARD_BASE_URL', baseUrl, 'card');
  if (!clientId && !baseUrl && !merchantCode) return undefined;
  return {
    clientId: clientId ? env.AYOCONNECT_CARD_CLIENT_ID! : env.AYOCONNECT_CLIENT_ID!,
    clientSecret: clientSecret ? env.AYOCONNECT_CARD_CLIENT_SECRET! : env.AYOCONNECT_CLIENT_SECRET!,
    ...(baseUrl ? { baseUrl } : {}),
    ...(merchantCode ? { merchantCode } : {}),
  };
}

/** What `readShopEnv` found: `createAyoProxy`'s `publicUrl` and `allowedOrigins`, and your sign-in's secret. */
export interface ShopEnv {
  /** PUBLIC_URL, an origin (a trailing slash forgiven), or `defaultPublicUrl` when it is unset. */
  publicUrl: string;
  /**
   * ALLOWED_ORIGINS, comma-separated origins, each as the browser sends it (`HTTPS://Shop.Example:443`
   * is `https://shop.example`); when it is unset, `defaultAllowedOrigins(publicUrl)`.
   */
  allowedOrigins: string[];
  /** SESSION_SECRET, at least 32 characters; undefined when it is unset (use one of your own). */
  sessionSecret: string | undefined;
}

/** How `readShopEnv` reads the environment. */
export interface ReadShopEnvOptions {
  /** The public URL when PUBLIC_URL is unset, e.g. `http://localhost:3000`. */
  defaultPublicUrl: string;
  /** The allowed origins when ALLOWED_ORIGINS is unset (default: the public URL alone). */
  defaultAllowedOrigins?: (publicUrl: string) => string[];
}

/** The shortest SESSION_SECRET taken: 32 random bytes in base64url are 43 characters. */
const SESSION_SECRET_MIN_LENGTH = 32;

/**
 * Reads the variables of the server the proxy is mounted in, as apps/proxy and the Next.js example
 * do: PUBLIC_URL (where shoppers reach it), ALLOWED_ORIGINS (the shop's pages: the proxy's CORS and
 * CSRF allow-list) and SESSION_SECRET (what your own sign-in signs its cookies with). A mistake
 * throws an AyoConfigError whose `option` is the variable, its message beginning with it: a value
 * set but empty, a URL that is not an origin (a path, a query, another scheme), a list with no
 * origin, a session secret shorter than 32 characters.
 */
export function readShopEnv(env: Env, options: ReadShopEnvOptions): ShopEnv {
  const publicUrlValue = nonEmptyVariable(env, 'PUBLIC_URL');
  const publicUrl = publicUrlValue ? originOf('PUBLIC_URL', publicUrlValue) : options.defaultPublicUrl;
  const originsValue = nonEmptyVariable(env, 'ALLOWED_ORIGINS');
  const allowedOrigins =
    originsValue === undefined
      ? (options.defaultAllowedOrigins?.(publicUrl) ?? [publicUrl])
      : originsOf(originsValue);
  return { publicUrl, allowedOrigins, sessionSecret: sessionSecretOf(env) };
}

/**
 * A variable that must not be empty when it is set (empty would mean something else entirely),
 * trimmed; undefined when unset. Empty throws an AyoConfigError naming it.
 */
export function nonEmptyVariable(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (value.trim() === '') fail(name, 'is set but empty: give a value, or unset it for the default.');
  return value.trim();
}

/** An origin, by the proxy's rule for `allowedOrigins` (originProblem). */
function originOf(name: string, value: string): string {
  const problem = originProblem(value);
  if (problem)
    fail(
      name,
      `must be an origin such as https://shop.example, and ${shownValue(value)} is not: ${problem}.`,
    );
  return new URL(value).origin;
}

function originsOf(value: string): string[] {
  const origins = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (origins.length === 0)
    fail('ALLOWED_ORIGINS', "lists no origin: give the shop's, e.g. https://shop.example.");
  return origins.map((o) => originOf('ALLOWED_ORIGINS', o));
}

function sessionSecretOf(env: Env): string | undefined {
  const value = env.SESSION_SECRET;
  if (value === undefined) return undefined;
  if (value.length < SESSION_SECRET_MIN_LENGTH)
    fail(
      'SESSION_SECRET',
      `must be at least ${SESSION_SECRET_MIN_LENGTH} characters (got ${value.length}): a long random string such as \`openssl rand -base64 32\` prints, or unset it for the default.`,
    );
  return value;
}
