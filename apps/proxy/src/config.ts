import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generateRsaKeyPair,
  httpUrlOf,
  MERCHANT_ID_PATTERN,
  type WireProfileOverrides,
} from '@ayokit/core/snap';
import { originProblem, privateKeyPemProblem } from '@ayokit/proxy';
import { loadWireProfile } from '@ayokit/proxy/node';
import { checkExchangeLogFile } from './exchangeLogFile';

export interface ServerConfig {
  port: number;
  host: string;
  /** Origin the browser reaches this server at. */
  publicUrl: string;
  allowedOrigins: string[];
  dataDir: string;
  /** The built demo storefront (apps/demo/dist), served at `/` when present. */
  demoAppDir: string | undefined;
  databaseUrl: string | undefined;
  sessionSecret: string;
  /** How long to wait for a callback before asking the bank (ms); the e2e suite shortens it. */
  callbackGraceMs: number | undefined;
  /**
   * Card Acceptance credentials (a separate API): AYOCONNECT_CARD_* in remote mode (left out, the
   * proxy tries the Direct Debit client id and secret); in embedded mode, invented once like the
   * other local secrets and given to the embedded sandbox.
   */
  card:
    | {
        baseUrl: string | undefined;
        clientId: string;
        clientSecret: string;
        merchantCode: string | undefined;
      }
    | undefined;
  /**
   * Order events as signed webhooks: AYOKIT_WEBHOOK_URL + AYOKIT_WEBHOOK_SECRET when set, and
   * during a secret rotation AYOKIT_WEBHOOK_PREVIOUS_SECRETS (the old ones, still signed with). In
   * embedded mode they default to this server's own `/demo/webhooks` (the demo's "shop backend
   * log") with a secret invented once; in remote mode there are none unless both are set.
   */
  webhooks: { url: string; secret: string; previousSecrets?: string[] } | undefined;
  /**
   * Wire profile overrides from the JSON file at AYOCONNECT_PROFILE (what `pnpm ayoconnect:probe`
   * writes), given to the proxy and to the embedded sandbox alike.
   */
  profile: WireProfileOverrides | undefined;
  /**
   * AYOKIT_EXCHANGE_LOG: a file the proxy appends every upstream request and response to, one
   * redacted JSON line each (debugging a first day against real Ayoconnect). Checked at startup.
   */
  exchangeLog: string | undefined;
  /** Real Ayoconnect (or a sandbox at a URL) when set; otherwise the embedded sandbox. */
  ayoconnect:
    | {
        mode: 'remote';
        baseUrl: string;
        clientId: string;
        clientSecret: string;
        privateKeyPem: string;
        merchantId: string;
        callbackSecret: string | undefined;
      }
    | {
        mode: 'embedded';
        clientId: string;
        clientSecret: string;
        privateKeyPem: string;
        publicKeyPem: string;
        merchantId: string;
        callbackSecret: string;
      };
}

/** Secrets the embedded setup invents once and keeps in the data folder, so restarts agree. */
async function localSecrets(dataDir: string) {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Awaited<ReturnType<typeof invent>>>;
    if (saved.cardClientId && saved.cardClientSecret && saved.webhookSecret)
      return saved as Awaited<ReturnType<typeof invent>>;
    // Saved before cards (or webhooks) existed: add what is missing, keep the rest.
    const upgraded = {
      ...(saved.cardClientId && saved.cardClientSecret ? {} : inventCard()),
      webhookSecret: randomBytes(24).toString('base64url'),
      ...saved,
    } as Awaited<ReturnType<typeof invent>>;
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const secrets = await invent();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function invent() {
  const keys = await generateRsaKeyPair();
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    clientId: `ayokit-local-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    callbackSecret: randomBytes(24).toString('base64url'),
    webhookSecret: randomBytes(24).toString('base64url'),
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    ...inventCard(),
  };
}

function inventCard() {
  return {
    cardClientId: `ayokit-local-card-${randomBytes(4).toString('hex')}`,
    cardClientSecret: randomBytes(24).toString('base64url'),
  };
}

/**
 * AYOKIT_WEBHOOK_URL and AYOKIT_WEBHOOK_SECRET: both or neither; AYOKIT_WEBHOOK_PREVIOUS_SECRETS
 * only with them. A mistake names the variable.
 */
export function webhookConfig(env: NodeJS.ProcessEnv): ServerConfig['webhooks'] {
  const url = env.AYOKIT_WEBHOOK_URL?.trim() || undefined;
  const secret = env.AYOKIT_WEBHOOK_SECRET || undefined;
  const previous = optional(env, PREVIOUS_SECRETS);
  if (!url && !secret) {
    if (previous)
      fail(
        PREVIOUS_SECRETS,
        'is set but AYOKIT_WEBHOOK_URL and AYOKIT_WEBHOOK_SECRET are not: it lists the old secrets of a rotation, beside the new AYOKIT_WEBHOOK_SECRET.',
      );
    return undefined;
  }
  if (!url) fail('AYOKIT_WEBHOOK_URL', 'is not set but AYOKIT_WEBHOOK_SECRET is: set both, or neither.');
  if (!httpUrlOf(url))
    fail(
      'AYOKIT_WEBHOOK_URL',
      `must be an http(s) URL such as https://shop.example/webhooks/ayokit (got ${JSON.stringify(url)}).`,
    );
  if (!secret?.trim())
    fail('AYOKIT_WEBHOOK_SECRET', 'must be set (a long random string) when AYOKIT_WEBHOOK_URL is.');
  const previousSecrets = previous ? previousSecretsOf(previous, secret) : undefined;
  return previousSecrets ? { url, secret, previousSecrets } : { url, secret };
}

const PREVIOUS_SECRETS = 'AYOKIT_WEBHOOK_PREVIOUS_SECRETS';

/**
 * AYOKIT_WEBHOOK_PREVIOUS_SECRETS: comma-separated (spaces around the commas ignored), each
 * non-empty, none twice and none the current secret. Messages never show a secret.
 */
function previousSecretsOf(value: string, secret: string): string[] {
  const list = value.split(',').map((s) => s.trim());
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    const n = i + 1;
    if (s === '')
      fail(
        PREVIOUS_SECRETS,
        `secret ${n} of ${list.length} is empty (a stray comma?): list the old secrets, comma-separated.`,
      );
    if (s === secret)
      fail(
        PREVIOUS_SECRETS,
        `secret ${n} is AYOKIT_WEBHOOK_SECRET itself: list only the secrets from before the rotation.`,
      );
    const first = seen.get(s);
    if (first !== undefined)
      fail(PREVIOUS_SECRETS, `secrets ${first} and ${n} are the same: list each once.`);
    seen.set(s, n);
  });
  return list;
}

/** What apps/proxy needs to call Ayoconnect itself; all of them, or it cannot. */
const REMOTE_REQUIRED = [
  'AYOCONNECT_CLIENT_ID',
  'AYOCONNECT_CLIENT_SECRET',
  'AYOCONNECT_PRIVATE_KEY',
  'AYOCONNECT_MERCHANT_ID',
] as const;
/**
 * Variables only the real gateway (or a sandbox at a URL) reads: any one of them set means the
 * operator meant remote mode. AYOCONNECT_MERCHANT_ID, AYOCONNECT_CARD_MERCHANT_CODE and
 * AYOCONNECT_PROFILE serve the embedded sandbox too, so they alone do not.
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

const isSet = (env: NodeJS.ProcessEnv, name: string) => Boolean(env[name]?.trim());

/**
 * Remote when the Ayoconnect credentials are set, embedded when none of the remote-only variables
 * is. Anything in between is a mistake that would otherwise run the fake bank quietly: it throws,
 * naming what is set and what is missing.
 */
export function ayoconnectMode(env: NodeJS.ProcessEnv): 'remote' | 'embedded' {
  const given = REMOTE_ONLY.filter((name) => isSet(env, name));
  if (given.length === 0) return 'embedded';
  const missing = REMOTE_REQUIRED.filter((name) => !isSet(env, name));
  if (missing.length === 0) return 'remote';
  throw new ConfigError(
    missing.join(', '),
    `${list(given)} ${given.length > 1 ? 'are' : 'is'} set, so apps/proxy would call Ayoconnect, but ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} not: ` +
      `set ${REMOTE_REQUIRED.join(', ')} (all four), or unset ${given.length > 1 ? 'them' : 'it'} to run the embedded sandbox.`,
  );
}

const list = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');

/**
 * A mistake in the environment, found before the server starts: the message begins with the
 * variable (or variables) to fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (variable: string, detail: string): never => {
  throw new ConfigError(variable, `${variable}: ${detail}`);
};

/** Shows a value in a message; long ones (a key pasted where a path was meant) by their length. */
const shown = (value: string) =>
  value.length > 120 ? `a value of ${value.length} characters` : JSON.stringify(value);

/** A variable that must not be empty when it is set (empty would mean something else entirely). */
function notBlank(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (value.trim() === '') fail(name, 'is set but empty: give a value, or unset it for the default.');
  return value.trim();
}

/** A variable for which empty counts as unset (as it always has). */
const optional = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function portOf(env: NodeJS.ProcessEnv): number {
  const value = notBlank(env, 'PORT') ?? '8787';
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65_535))
    fail('PORT', `must be a port number from 1 to 65535 (got ${shown(value)}).`);
  return port;
}

function hostOf(env: NodeJS.ProcessEnv): string {
  const host = notBlank(env, 'HOST') ?? '127.0.0.1';
  if (/[\s/]/.test(host))
    fail('HOST', `must be a host name or IP address to listen on (got ${shown(host)}).`);
  return host;
}

function httpUrl(name: string, value: string, example: string): URL {
  const url = httpUrlOf(value);
  if (!url) fail(name, `must be an http(s) URL such as ${example} (got ${shown(value)}).`);
  return url as URL;
}

/** An origin (scheme, host, port; no path, query or fragment), by the proxy's rule for allowedOrigins. */
function originOf(name: string, value: string, example: string): string {
  const problem = originProblem(value);
  if (problem) fail(name, `must be an origin such as ${example}, and ${shown(value)} is not: ${problem}.`);
  return new URL(value).origin;
}

function allowedOriginsOf(env: NodeJS.ProcessEnv, fallback: string[]): string[] {
  const value = notBlank(env, 'ALLOWED_ORIGINS');
  if (value === undefined) return fallback;
  const origins = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (origins.length === 0)
    fail('ALLOWED_ORIGINS', "lists no origin: give the shop's, e.g. https://shop.example.");
  return origins.map((o) => originOf('ALLOWED_ORIGINS', o, 'https://shop.example'));
}

/** The shortest SESSION_SECRET taken: what the server invents is 43 characters (32 random bytes). */
export const SESSION_SECRET_MIN_LENGTH = 32;

function sessionSecretOf(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.SESSION_SECRET;
  if (value === undefined) return undefined;
  if (value.length < SESSION_SECRET_MIN_LENGTH)
    fail(
      'SESSION_SECRET',
      `must be at least ${SESSION_SECRET_MIN_LENGTH} characters (got ${value.length}): a long random string such as \`openssl rand -base64 32\` prints, or unset it to use one kept in the data folder.`,
    );
  return value;
}

function callbackGraceOf(env: NodeJS.ProcessEnv): number | undefined {
  const value = optional(env, 'AYOKIT_CALLBACK_GRACE_MS');
  if (value === undefined) return undefined;
  const ms = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1))
    fail(
      'AYOKIT_CALLBACK_GRACE_MS',
      `must be a whole number of milliseconds, at least 1 (got ${shown(value)}).`,
    );
  return ms;
}

function merchantCodeOf(name: string, value: string): string {
  if (!MERCHANT_ID_PATTERN.test(value))
    fail(name, `must be the 6 letters or digits Ayoconnect gave you, e.g. AYOPOP (got ${shown(value)}).`);
  return value;
}

/**
 * AYOCONNECT_PRIVATE_KEY: the PEM itself (`\n` escapes allowed), or the path of a file holding
 * it. Checked here, naming the variable: a missing file, or a file or value that is not a
 * PKCS#8 RSA private key. The key never appears in a message.
 */
function privateKeyOf(value: string): string {
  const name = 'AYOCONNECT_PRIVATE_KEY';
  let pem = value;
  let file = '';
  if (value.includes('-----BEGIN')) {
    pem = value.replace(/\\n/g, '\n');
  } else {
    try {
      pem = readFileSync(value, 'utf8');
      file = value;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      fail(
        name,
        `is neither a PEM ("-----BEGIN PRIVATE KEY-----…") nor a file that can be read: ${value.length > 120 ? `a value of ${value.length} characters` : value} (${code}).`,
      );
    }
  }
  const problem = privateKeyPemProblem(pem);
  if (problem) fail(name, file ? `the file ${file} ${problem}.` : `${problem}.`);
  return pem;
}

/** The data folder, with the secrets the embedded setup keeps there; a folder it cannot use is named. */
async function dataDirOf(env: NodeJS.ProcessEnv) {
  const dataDir = notBlank(env, 'AYOKIT_DATA_DIR') ?? join(process.cwd(), '.data');
  try {
    return { dataDir, local: await localSecrets(dataDir) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return fail(
      'AYOKIT_DATA_DIR',
      `cannot keep the local secrets in ${dataDir} (${reason}); give a folder this server can write.`,
    );
  }
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  const port = portOf(env);
  const host = hostOf(env);
  const publicUrlValue = notBlank(env, 'PUBLIC_URL');
  const publicUrl = publicUrlValue
    ? originOf('PUBLIC_URL', publicUrlValue, 'https://shop.example')
    : `http://localhost:${port}`;
  const allowedOrigins = allowedOriginsOf(env, [
    publicUrl,
    `http://127.0.0.1:${port}`,
    'http://localhost:5173',
  ]);
  const sessionSecret = sessionSecretOf(env);
  const callbackGraceMs = callbackGraceOf(env);
  const remote = ayoconnectMode(env) === 'remote';
  const webhooks = webhookConfig(env);
  const profile = env.AYOCONNECT_PROFILE?.trim() ? loadWireProfile(env.AYOCONNECT_PROFILE.trim()) : undefined;
  const exchangeLog = env.AYOKIT_EXCHANGE_LOG?.trim()
    ? checkExchangeLogFile(env.AYOKIT_EXCHANGE_LOG.trim())
    : undefined;
  const given = optional(env, 'AYOCONNECT_MERCHANT_ID');
  const merchantId = given ? merchantCodeOf('AYOCONNECT_MERCHANT_ID', given) : 'AYOKIT';
  const cardCode = optional(env, 'AYOCONNECT_CARD_MERCHANT_CODE');
  const cardMerchantCode = cardCode ? merchantCodeOf('AYOCONNECT_CARD_MERCHANT_CODE', cardCode) : undefined;
  const ayoconnect = remote ? remoteAyoconnect(env, merchantId) : undefined;
  if (ayoconnect?.callbackSecret && profile?.dd?.callbackAuth === 'confirm')
    fail(
      'AYOCONNECT_CALLBACK_SECRET',
      'is set but the AYOCONNECT_PROFILE file says dd.callbackAuth "confirm" (callbacks come unsigned, every one confirmed through the API): unset one of them.',
    );
  const card = remote ? remoteCard(env, cardMerchantCode) : undefined;
  const { dataDir, local } = await dataDirOf(env);
  return {
    port,
    host,
    publicUrl,
    allowedOrigins,
    dataDir,
    demoAppDir: env.DEMO_APP_DIR ?? fileURLToPath(new URL('../../demo/dist', import.meta.url)),
    databaseUrl: optional(env, 'DATABASE_URL'),
    sessionSecret: sessionSecret ?? local.sessionSecret,
    profile,
    exchangeLog,
    callbackGraceMs,
    webhooks:
      webhooks ??
      (remote
        ? undefined
        : // The proxy calls this same server, over loopback like it reaches the embedded sandbox.
          { url: `http://127.0.0.1:${port}/demo/webhooks`, secret: local.webhookSecret }),
    card: remote
      ? card
      : {
          baseUrl: undefined,
          clientId: local.cardClientId,
          clientSecret: local.cardClientSecret,
          merchantCode: cardMerchantCode,
        },
    ayoconnect: ayoconnect ?? {
      mode: 'embedded',
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      privateKeyPem: local.privateKeyPem,
      publicKeyPem: local.publicKeyPem,
      merchantId,
      callbackSecret: local.callbackSecret,
    },
  };
}

function remoteAyoconnect(
  env: NodeJS.ProcessEnv,
  merchantId: string,
): Extract<ServerConfig['ayoconnect'], { mode: 'remote' }> {
  const baseUrl = optional(env, 'AYOCONNECT_BASE_URL');
  if (baseUrl) httpUrl('AYOCONNECT_BASE_URL', baseUrl, 'https://sandbox.api.of.ayoconnect.id');
  return {
    mode: 'remote',
    baseUrl: baseUrl ?? 'https://sandbox.api.of.ayoconnect.id',
    clientId: env.AYOCONNECT_CLIENT_ID!,
    clientSecret: env.AYOCONNECT_CLIENT_SECRET!,
    privateKeyPem: privateKeyOf(env.AYOCONNECT_PRIVATE_KEY!.trim()),
    merchantId,
    callbackSecret: env.AYOCONNECT_CALLBACK_SECRET?.trim() ? env.AYOCONNECT_CALLBACK_SECRET : undefined,
  };
}

/**
 * AYOCONNECT_CARD_*: the card client id and secret both or neither (neither: the Direct Debit
 * ones are tried, as the README says), and the card base URL and merchant code either way.
 */
function remoteCard(env: NodeJS.ProcessEnv, merchantCode: string | undefined): ServerConfig['card'] {
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
  if (baseUrl) httpUrl('AYOCONNECT_CARD_BASE_URL', baseUrl, 'https://gateway.example.id');
  if (!clientId && !baseUrl && !merchantCode) return undefined;
  return {
    baseUrl,
    clientId: clientId ? env.AYOCONNECT_CARD_CLIENT_ID! : env.AYOCONNECT_CLIENT_ID!,
    clientSecret: clientSecret ? env.AYOCONNECT_CARD_CLIENT_SECRET! : env.AYOCONNECT_CLIENT_SECRET!,
    merchantCode,
  };
}
