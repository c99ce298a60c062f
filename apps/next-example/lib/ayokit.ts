import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateRsaKeyPair, httpUrlOf } from '@ayokit/core/snap';
import { type AyoProxy, createAyoProxy, createPgliteDb, type Db } from '@ayokit/proxy';
import { createSandbox, type Sandbox, type SandboxSnapshot } from '@ayokit/sandbox';
import { readConfig, type ShopConfig } from './config';
import { authenticateShopper, authorizeStaff } from './session';

export interface Ayokit {
  proxy: AyoProxy;
  /** The simulator of Ayoconnect, when no Ayoconnect credentials are set. */
  sandbox: Sandbox | null;
  config: ShopConfig;
  /** Signs the shop's session cookies. */
  sessionSecret: string;
}

// Kept on globalThis: Next.js may load this module once per route bundle, and a data folder takes
// one PGlite only.
const KEY = Symbol.for('ayokit-next-example');
type Holder = { [KEY]?: Promise<Ayokit> };

/**
 * The proxy, its database and (without credentials) the simulator, made on the first request
 * that needs them and kept for the life of the server. `next build` loads this module but never
 * calls this, so a build opens no database and writes no data folder.
 */
export function ayokit(): Promise<Ayokit> {
  const holder = globalThis as Holder;
  holder[KEY] ??= start().catch((error: unknown) => {
    delete holder[KEY]; // the next request tries again
    throw error;
  });
  return holder[KEY];
}

async function openDb(config: ShopConfig): Promise<Db> {
  if (config.databaseUrl) {
    const { createPostgresDb } = await import('@ayokit/proxy/node');
    return createPostgresDb({ connectionString: config.databaseUrl });
  }
  return createPgliteDb({ dataDir: join(config.dataDir, 'pglite') });
}

async function start(): Promise<Ayokit> {
  const config = readConfig();
  const db = await openDb(config);
  try {
    return await withDb(config, db);
  } catch (error) {
    await db.close(); // the next request opens it again
    throw error;
  }
}

async function withDb(config: ShopConfig, db: Db): Promise<Ayokit> {
  const shop = (sessionSecret: string) => ({
    db,
    authenticate: (request: Request) => authenticateShopper(request, sessionSecret),
    authorizeStaff: (request: Request) => authorizeStaff(request, sessionSecret),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
  });

  if (config.ayoconnect.mode === 'remote') {
    const { ayoconnect, callbackSecret } = config.ayoconnect;
    const sessionSecret = config.sessionSecret ?? (await localSecrets(config.dataDir)).sessionSecret;
    const proxy = createAyoProxy({ ...shop(sessionSecret), ayoconnect, callbackSecret });
    await proxy.ready; // migrations done and the private key signs: fail here, not mid-payment
    return { proxy, sandbox: null, config, sessionSecret };
  }

  // AYOCONNECT_MERCHANT_ID and AYOCONNECT_CARD_MERCHANT_CODE name the simulator's merchant, as in apps/proxy.
  const { merchantId = MERCHANT_ID, cardMerchantCode } = config.ayoconnect;
  const merchant = { merchantId, ...(cardMerchantCode ? { cardMerchantCode } : {}) };
  const local = await localSecrets(config.dataDir);
  const sessionSecret = config.sessionSecret ?? local.sessionSecret;
  let proxy: AyoProxy | null = null;
  const sandbox = await openSandbox(config, local, merchant, (callback) =>
    proxy ? proxy.fetch(callback) : Promise.resolve(new Response(null, { status: 503 })),
  );
  proxy = createAyoProxy({
    ...shop(sessionSecret),
    callbackSecret: local.callbackSecret,
    ayoconnect: {
      // The simulator answers in this process (sandbox.fetch): the same requests, signatures and
      // answers as over the network, with no port to know. The URL only names it (an origin: a
      // base URL takes no path).
      baseUrl: httpUrlOf(config.publicUrl)?.origin ?? config.publicUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      privateKeyPem: local.privateKeyPem,
      merchantId,
      fetch: sandbox.fetch,
      card: {
        clientId: local.cardClientId,
        clientSecret: local.cardClientSecret,
        ...(cardMerchantCode ? { merchantCode: cardMerchantCode } : {}),
        fetch: sandbox.fetch,
      },
    },
  });
  await proxy.ready;
  sandbox.start();
  return { proxy, sandbox, config, sessionSecret };
}

const MERCHANT_ID = 'AYOKIT';

interface LocalSecrets {
  sessionSecret: string;
  clientId: string;
  clientSecret: string;
  callbackSecret: string;
  privateKeyPem: string;
  publicKeyPem: string;
  cardClientId: string;
  cardClientSecret: string;
}

/** Keys and secrets the local setup invents once and keeps in the data folder, so restarts agree. */
async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const random = () => randomBytes(24).toString('base64url');
  const keys = await generateRsaKeyPair();
  const secrets: LocalSecrets = {
    sessionSecret: random(),
    clientId: `local-${randomBytes(4).toString('hex')}`,
    clientSecret: random(),
    callbackSecret: random(),
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    cardClientId: `local-card-${randomBytes(4).toString('hex')}`,
    cardClientSecret: random(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The simulator, carrying on from the state it saved (its "bank" must outlive a restart, like the
 * proxy's database). It delivers its callbacks to the proxy in this process.
 */
async function openSandbox(
  config: ShopConfig,
  local: LocalSecrets,
  merchant: { merchantId: string; cardMerchantCode?: string },
  deliver: (request: Request) => Promise<Response>,
): Promise<Sandbox> {
  const stateFile = join(config.dataDir, 'sandbox-state.json');
  const make = (state?: SandboxSnapshot) =>
    createSandbox({
      ...merchant,
      clients: [
        { clientId: local.clientId, clientSecret: local.clientSecret, publicKeyPem: local.publicKeyPem },
      ],
      cardClients: [{ clientId: local.cardClientId, clientSecret: local.cardClientSecret }],
      publicBaseUrl: config.publicUrl, // the bank's pages: app/webview/[...path]/route.ts
      webviewFrameAncestors: ["'self'", ...config.allowedOrigins],
      callbackUrl: `${config.publicUrl}/ayokit/callbacks/ayoconnect`,
      callbackSecret: local.callbackSecret,
      fetch: (input, init) => deliver(new Request(input, init)),
      mode: 'demo',
      ...(state ? { state } : {}),
    });
  let sandbox: Sandbox;
  try {
    sandbox = existsSync(stateFile)
      ? make(JSON.parse(await readFile(stateFile, 'utf8')) as SandboxSnapshot)
      : make();
  } catch (error) {
    console.warn(`[shop] the simulator's saved state was not restored (${(error as Error).message})`);
    await rename(stateFile, `${stateFile}.bad-${Date.now()}`);
    sandbox = make();
  }
  // Saved at most every 200 ms, a temporary file renamed over the last one; and when the server stops.
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing = Promise.resolve();
  const save = async () => {
    await writeFile(`${stateFile}.tmp`, JSON.stringify(sandbox.exportState()), { mode: 0o600 });
    await rename(`${stateFile}.tmp`, stateFile);
  };
  sandbox.onChange(() => {
    timer ??= setTimeout(() => {
      timer = null;
      writing = writing
        .then(save)
        .catch((error) => console.warn("[shop] could not save the simulator's state", error));
    }, 200);
    timer.unref?.();
  });
  process.once('exit', () => {
    if (!timer) return; // nothing unsaved
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(sandbox.exportState()), { mode: 0o600 });
    renameSync(`${stateFile}.tmp`, stateFile);
  });
  return sandbox;
}

/**
 * A route handler for the simulator's paths the browser reaches (its bank pages, its control API):
 * served only while the shop runs without Ayoconnect credentials.
 */
export async function sandboxRoute(request: Request): Promise<Response> {
  const { sandbox } = await ayokit();
  if (sandbox) return sandbox.fetch(request);
  return Response.json({ code: 'NOT_FOUND', message: 'Not found.' }, { status: 404 });
}
