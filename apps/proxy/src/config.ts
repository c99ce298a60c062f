import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRsaKeyPair, httpUrlOf, type WireProfileOverrides } from '@ayokit/core/snap';
import { AyoConfigError } from '@ayokit/proxy';
import {
  loadWireProfile,
  nonEmptyVariable,
  optionalVariable,
  pasteProblem,
  readAyoconnectEnv,
  readShopEnv,
  shownValue,
} from '@ayokit/proxy/node';
import { DEFAULT_DRAIN_TIMEOUT_MS } from './drain';
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
   * AYOKIT_DRAIN_TIMEOUT_MS: on SIGTERM/SIGINT, how long the requests in flight may take to finish
   * before their connections are cut (default 25 s: under Kubernetes' 30 s grace period).
   */
  drainTimeoutMs: number;
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
  const previous = optionalVariable(env, PREVIOUS_SECRETS);
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
  const pasted = pasteProblem(secret as string);
  if (pasted) fail('AYOKIT_WEBHOOK_SECRET', `${pasted}.`);
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

/** A mistake in the environment, found before the server starts: AyoConfigError naming the variable. */
function fail(variable: string, detail: string): never {
  throw new AyoConfigError(variable, detail);
}

function portOf(env: NodeJS.ProcessEnv): number {
  const value = nonEmptyVariable(env, 'PORT') ?? '8787';
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65_535))
    fail('PORT', `must be a port number from 1 to 65535 (got ${shownValue(value)}).`);
  return port;
}

function hostOf(env: NodeJS.ProcessEnv): string {
  const host = nonEmptyVariable(env, 'HOST') ?? '127.0.0.1';
  if (/[\s/]/.test(host))
    fail('HOST', `must be a host name or IP address to listen on (got ${shownValue(host)}).`);
  return host;
}

function callbackGraceOf(env: NodeJS.ProcessEnv): number | undefined {
  const value = optionalVariable(env, 'AYOKIT_CALLBACK_GRACE_MS');
  if (value === undefined) return undefined;
  const ms = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1))
    fail(
      'AYOKIT_CALLBACK_GRACE_MS',
      `must be a whole number of milliseconds, at least 1 (got ${shownValue(value)}).`,
    );
  return ms;
}

function drainTimeoutOf(env: NodeJS.ProcessEnv): number {
  const value = optionalVariable(env, 'AYOKIT_DRAIN_TIMEOUT_MS');
  if (value === undefined) return DEFAULT_DRAIN_TIMEOUT_MS;
  const ms = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 0 && ms <= MAX_DRAIN_TIMEOUT_MS))
    fail(
      'AYOKIT_DRAIN_TIMEOUT_MS',
      `must be a whole number of milliseconds from 0 to ${MAX_DRAIN_TIMEOUT_MS} (got ${shownValue(value)}).`,
    );
  return ms;
}

/** An hour: a drain longer than that is a typo (seconds meant as minutes…), not a plan. */
const MAX_DRAIN_TIMEOUT_MS = 3_600_000;

/** The data folder, with the secrets the embedded setup keeps there; a folder it cannot use is named. */
async function dataDirOf(env: NodeJS.ProcessEnv) {
  const dataDir = nonEmptyVariable(env, 'AYOKIT_DATA_DIR') ?? join(process.cwd(), '.data');
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
  // PUBLIC_URL, ALLOWED_ORIGINS, SESSION_SECRET: the same reader as the Next.js example's.
  const { publicUrl, allowedOrigins, sessionSecret } = readShopEnv(env, {
    defaultPublicUrl: `http://localhost:${port}`,
    defaultAllowedOrigins: (publicUrl) => [publicUrl, `http://127.0.0.1:${port}`, 'http://localhost:5173'],
  });
  const callbackGraceMs = callbackGraceOf(env);
  const drainTimeoutMs = drainTimeoutOf(env);
  // AYOCONNECT_*: all the credentials or none, each checked (the same reader as any merchant's).
  const read = readAyoconnectEnv(env);
  const remote = read.mode === 'remote';
  const webhooks = webhookConfig(env);
  const profile = env.AYOCONNECT_PROFILE?.trim() ? loadWireProfile(env.AYOCONNECT_PROFILE.trim()) : undefined;
  const exchangeLog = env.AYOKIT_EXCHANGE_LOG?.trim()
    ? checkExchangeLogFile(env.AYOKIT_EXCHANGE_LOG.trim())
    : undefined;
  if (remote && read.callbackSecret && profile?.dd?.callbackAuth === 'confirm')
    fail(
      'AYOCONNECT_CALLBACK_SECRET',
      'is set but the AYOCONNECT_PROFILE file says dd.callbackAuth "confirm" (callbacks come unsigned, every one confirmed through the API): unset one of them.',
    );
  const { dataDir, local } = await dataDirOf(env);
  return {
    port,
    host,
    publicUrl,
    allowedOrigins,
    dataDir,
    demoAppDir: env.DEMO_APP_DIR ?? fileURLToPath(new URL('../../demo/dist', import.meta.url)),
    databaseUrl: optionalVariable(env, 'DATABASE_URL'),
    sessionSecret: sessionSecret ?? local.sessionSecret,
    profile,
    exchangeLog,
    callbackGraceMs,
    drainTimeoutMs,
    webhooks:
      webhooks ??
      (remote
        ? undefined
        : // The proxy calls this same server, over loopback like it reaches the embedded sandbox.
          { url: `http://127.0.0.1:${port}/demo/webhooks`, secret: local.webhookSecret }),
    card:
      read.mode === 'remote'
        ? read.ayoconnect.card && {
            baseUrl: read.ayoconnect.card.baseUrl,
            clientId: read.ayoconnect.card.clientId,
            clientSecret: read.ayoconnect.card.clientSecret,
            merchantCode: read.ayoconnect.card.merchantCode,
          }
        : {
            baseUrl: undefined,
            clientId: local.cardClientId,
            clientSecret: local.cardClientSecret,
            merchantCode: read.cardMerchantCode,
          },
    ayoconnect:
      read.mode === 'remote'
        ? {
            mode: 'remote',
            baseUrl: read.ayoconnect.baseUrl,
            clientId: read.ayoconnect.clientId,
            clientSecret: read.ayoconnect.clientSecret,
            privateKeyPem: read.ayoconnect.privateKeyPem,
            merchantId: read.ayoconnect.merchantId,
            callbackSecret: read.callbackSecret,
          }
        : {
            mode: 'embedded',
            clientId: local.clientId,
            clientSecret: local.clientSecret,
            privateKeyPem: local.privateKeyPem,
            publicKeyPem: local.publicKeyPem,
            merchantId: read.merchantId ?? 'AYOKIT',
            callbackSecret: local.callbackSecret,
          },
  };
}
