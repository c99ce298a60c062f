import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRsaKeyPair, type WireProfileOverrides } from '@ayokit/core/snap';
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
   * Order events as signed webhooks: AYOKIT_WEBHOOK_URL + AYOKIT_WEBHOOK_SECRET when set. In
   * embedded mode they default to this server's own `/demo/webhooks` (the demo's "shop backend
   * log") with a secret invented once; in remote mode there are none unless both are set.
   */
  webhooks: { url: string; secret: string } | undefined;
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

function readPem(value: string): string {
  return value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : readFileSync(value, 'utf8');
}

/** AYOKIT_WEBHOOK_URL and AYOKIT_WEBHOOK_SECRET: both or neither; a mistake names the variable. */
export function webhookConfig(env: NodeJS.ProcessEnv): ServerConfig['webhooks'] {
  const url = env.AYOKIT_WEBHOOK_URL?.trim() || undefined;
  const secret = env.AYOKIT_WEBHOOK_SECRET || undefined;
  if (!url && !secret) return undefined;
  if (!url)
    throw new Error('AYOKIT_WEBHOOK_SECRET is set but AYOKIT_WEBHOOK_URL is not: set both, or neither.');
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new Error(
      `AYOKIT_WEBHOOK_URL must be an http(s) URL such as https://shop.example/webhooks/ayokit (got ${JSON.stringify(url)}).`,
    );
  }
  if (!secret?.trim()) {
    throw new Error('AYOKIT_WEBHOOK_SECRET must be set (a long random string) when AYOKIT_WEBHOOK_URL is.');
  }
  return { url, secret };
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
  throw new Error(
    `${list(given)} ${given.length > 1 ? 'are' : 'is'} set, so apps/proxy would call Ayoconnect, but ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} not: ` +
      `set ${REMOTE_REQUIRED.join(', ')} (all four), or unset ${given.length > 1 ? 'them' : 'it'} to run the embedded sandbox.`,
  );
}

const list = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  const webhooks = webhookConfig(env);
  const profile = env.AYOCONNECT_PROFILE?.trim() ? loadWireProfile(env.AYOCONNECT_PROFILE.trim()) : undefined;
  const exchangeLog = env.AYOKIT_EXCHANGE_LOG?.trim()
    ? checkExchangeLogFile(env.AYOKIT_EXCHANGE_LOG.trim())
    : undefined;
  const port = Number(env.PORT ?? 8787);
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const dataDir = env.AYOKIT_DATA_DIR ?? join(process.cwd(), '.data');
  const local = await localSecrets(dataDir);
  const allowedOrigins = (
    env.ALLOWED_ORIGINS ?? `${publicUrl},http://127.0.0.1:${port},http://localhost:5173`
  )
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const remote = ayoconnectMode(env) === 'remote';
  return {
    port,
    host,
    publicUrl,
    allowedOrigins,
    dataDir,
    demoAppDir: env.DEMO_APP_DIR ?? fileURLToPath(new URL('../../demo/dist', import.meta.url)),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: env.SESSION_SECRET ?? local.sessionSecret,
    profile,
    exchangeLog,
    callbackGraceMs: env.AYOKIT_CALLBACK_GRACE_MS ? Number(env.AYOKIT_CALLBACK_GRACE_MS) : undefined,
    webhooks:
      webhooks ??
      (remote
        ? undefined
        : // The proxy calls this same server, over loopback like it reaches the embedded sandbox.
          { url: `http://127.0.0.1:${port}/demo/webhooks`, secret: local.webhookSecret }),
    card: !remote
      ? {
          baseUrl: undefined,
          clientId: local.cardClientId,
          clientSecret: local.cardClientSecret,
          merchantCode: env.AYOCONNECT_CARD_MERCHANT_CODE || undefined,
        }
      : env.AYOCONNECT_CARD_CLIENT_ID && env.AYOCONNECT_CARD_CLIENT_SECRET
        ? {
            baseUrl: env.AYOCONNECT_CARD_BASE_URL || undefined,
            clientId: env.AYOCONNECT_CARD_CLIENT_ID,
            clientSecret: env.AYOCONNECT_CARD_CLIENT_SECRET,
            merchantCode: env.AYOCONNECT_CARD_MERCHANT_CODE || undefined,
          }
        : undefined,
    ayoconnect: remote
      ? {
          mode: 'remote',
          baseUrl: env.AYOCONNECT_BASE_URL ?? 'https://sandbox.api.of.ayoconnect.id',
          clientId: env.AYOCONNECT_CLIENT_ID!,
          clientSecret: env.AYOCONNECT_CLIENT_SECRET!,
          privateKeyPem: readPem(env.AYOCONNECT_PRIVATE_KEY!),
          merchantId: env.AYOCONNECT_MERCHANT_ID!.trim(),
          callbackSecret: env.AYOCONNECT_CALLBACK_SECRET,
        }
      : {
          mode: 'embedded',
          clientId: local.clientId,
          clientSecret: local.clientSecret,
          privateKeyPem: local.privateKeyPem,
          publicKeyPem: local.publicKeyPem,
          merchantId: env.AYOCONNECT_MERCHANT_ID ?? 'AYOKIT',
          callbackSecret: local.callbackSecret,
        },
  };
}
