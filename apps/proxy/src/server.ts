import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CARD_BASE_PATH, CARD_TOKEN_PATH, nodeHttp, nodeSend } from '@ayokit/core/snap';
import {
  AyoConfigError,
  type AyoProxy,
  type AyoProxyOptions,
  createAyoProxy,
  createPgliteDb,
  type Db,
} from '@ayokit/proxy';
import { createPostgresDb } from '@ayokit/proxy/node';
import { createSandbox, type Sandbox, type SandboxSnapshot } from '@ayokit/sandbox';
import type { ServerConfig } from './config';
import { demoRoutes } from './demo';
import { ExchangeLogFile } from './exchangeLogFile';
import { demoAuthenticate, demoAuthorizeStaff } from './session';
import { serveStatic } from './static';
import { WebhookLog } from './webhookLog';

/** What the embedded sandbox serves at the root: its APIs (Direct Debit, cards), the bank's and the card gateway's pages, its control API. */
const SANDBOX_PATHS = ['/dd/', CARD_TOKEN_PATH, `${CARD_BASE_PATH}/`, '/webview/', '/sandbox/'];

export interface Server {
  fetch: (request: Request) => Promise<Response>;
  proxy: AyoProxy;
  sandbox: Sandbox | null;
  /** The demo shop's backend log: the webhooks it received from the proxy. */
  webhookLog: WebhookLog;
  db: Db;
  /**
   * A shutdown's first step, as the listener closes (see drain.ts): ends the live-event streams,
   * and in embedded mode the proxy reaches the sandbox in-process from now on (its port no longer
   * takes connections, and a payment in flight has more calls to make).
   */
  beginDrain: () => void;
  /** Closes the proxy (waiting for its background work), then the state file, exchange log, database. */
  close: () => Promise<void>;
}

/** The deadline of an upstream call (the proxy's own default); the proxy's signal holds it too. */
const UPSTREAM_TIMEOUT_MS = 15_000;

/**
 * The embedded sandbox as the proxy reaches it: over real HTTP through Node's client (as without
 * a fetch option), or in-process once the server drains.
 */
function embeddedUpstream(sandbox: () => Sandbox | null, draining: () => boolean) {
  return async (request: Request): Promise<Response> => {
    const inProcess = draining() ? sandbox() : null;
    if (inProcess) return inProcess.fetch(request);
    const url = new URL(request.url);
    const http = nodeHttp(url.protocol);
    if (!http) return fetch(request);
    const answer = await nodeSend(
      http,
      url,
      {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(request.body ? { body: await request.text() } : {}),
      },
      UPSTREAM_TIMEOUT_MS,
    );
    return new Response(answer.text, { status: answer.status });
  };
}

/** The database; one that cannot be opened is named by its variable (the password never shown). */
export async function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (!config.databaseUrl) return createPgliteDb({ dataDir: join(config.dataDir, 'pglite') });
  try {
    return await createPostgresDb({ connectionString: config.databaseUrl });
  } catch (error) {
    throw new AyoConfigError('DATABASE_URL', (error as Error).message);
  }
}

/** Where the embedded sandbox keeps its state, in the data folder beside the proxy's database. */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';
const SANDBOX_WRITE_DELAY_MS = 200;

/**
 * The embedded sandbox, carrying on from its saved state when there is one. A file that does not
 * parse or validate is moved aside (`.bad-<timestamp>`) and the sandbox starts empty: never a crash.
 */
function loadSandbox(path: string, make: (state?: SandboxSnapshot) => Sandbox): Sandbox {
  if (!existsSync(path)) return make();
  try {
    return make(JSON.parse(readFileSync(path, 'utf8')) as SandboxSnapshot);
  } catch (error) {
    const fresh = make(); // throws when the options are the problem: then the file is left alone
    const aside = `${path}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const reason = error instanceof Error ? error.message : String(error);
    try {
      renameSync(path, aside);
      console.warn(`[ayokit] sandbox state not restored (${reason}); moved it to ${aside}, starting empty`);
    } catch (moveError) {
      console.warn(`[ayokit] sandbox state not restored (${reason}) and could not be moved aside`, moveError);
    }
    return fresh;
  }
}

/**
 * Saves the sandbox's state after changes (at most ~200 ms later) and on close, atomically: a
 * temporary file renamed over the old one, so a crash mid-write leaves the previous state intact.
 */
class SandboxStateFile {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly path: string,
    private readonly sandbox: Sandbox,
  ) {
    this.unsubscribe = sandbox.onChange(() => this.changed());
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, SANDBOX_WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  /** One write at a time, each of the state as it is when it starts. */
  private write(): Promise<void> {
    this.writing = this.writing.then(() => this.writeNow());
    return this.writing;
  }

  private async writeNow(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      const text = JSON.stringify(this.sandbox.exportState());
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      this.dirty = true; // try again with the next change or on close
      console.warn(`[ayokit] could not save the sandbox state to ${this.path}`, error);
    }
  }

  /** Stops listening and writes the final state. */
  async close(): Promise<void> {
    if (this.closed) return this.writing;
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = true;
    await this.write();
  }
}

/**
 * One origin serves everything the demo needs: `/ayokit/*` the proxy, `/demo/*` the demo shop's
 * own backend (sign-in, catalog and checkout, staff sign-in, webhook log; see demo.ts), and (embedded mode) the sandbox's API, bank pages and control API at the root — the
 * proxy reaches the sandbox over real HTTP like it would reach Ayoconnect.
 */
export async function createServer(
  config: ServerConfig,
  overrides: {
    db?: Db;
    /**
     * Reuse a running sandbox (tests restart the proxy while the "bank" keeps its state). Not
     * saved to the data folder: only a sandbox this function creates is.
     */
    sandbox?: Sandbox;
    reconcile?: AyoProxyOptions['reconcile'];
  } = {},
): Promise<Server> {
  const db = overrides.db ?? (await openDb(config));
  const ayo = config.ayoconnect;
  const baseUrl = ayo.mode === 'remote' ? ayo.baseUrl : `http://127.0.0.1:${config.port}`;
  let sandbox: Sandbox | null = overrides.sandbox ?? null;
  let stateFile: SandboxStateFile | null = null;
  if (ayo.mode === 'embedded' && !sandbox) {
    // The proxy's database survives restarts, so the "bank" must too: its tokens, bindings, payments.
    const statePath = join(config.dataDir, SANDBOX_STATE_FILE);
    sandbox = loadSandbox(statePath, (state) =>
      createSandbox({
        merchantId: ayo.merchantId,
        clients: [{ clientId: ayo.clientId, clientSecret: ayo.clientSecret, publicKeyPem: ayo.publicKeyPem }],
        ...(config.card
          ? { cardClients: [{ clientId: config.card.clientId, clientSecret: config.card.clientSecret }] }
          : {}),
        // AYOCONNECT_CARD_MERCHANT_CODE: the "bank" expects the code the proxy sends.
        ...(config.card?.merchantCode ? { cardMerchantCode: config.card.merchantCode } : {}),
        publicBaseUrl: config.publicUrl,
        callbackUrl: `${baseUrl}/ayokit/callbacks/ayoconnect`,
        callbackSecret: ayo.callbackSecret,
        mode: 'demo',
        webviewFrameAncestors: ["'self'", ...config.allowedOrigins],
        ...(config.profile ? { profile: config.profile } : {}),
        ...(state ? { state } : {}),
      }),
    );
    stateFile = new SandboxStateFile(statePath, sandbox);
  }
  const exchangeLog = config.exchangeLog ? new ExchangeLogFile(config.exchangeLog) : null;
  let draining = false;
  const proxy = createAyoProxy({
    ayoconnect: {
      baseUrl,
      ...(ayo.mode === 'embedded'
        ? {
            fetch: embeddedUpstream(
              () => sandbox,
              () => draining,
            ),
          }
        : {}),
      ...(exchangeLog ? { exchangeLog: exchangeLog.write } : {}),
      clientId: ayo.clientId,
      clientSecret: ayo.clientSecret,
      privateKeyPem: ayo.privateKeyPem,
      merchantId: ayo.merchantId,
      ...(config.profile ? { profile: config.profile } : {}),
      ...(config.card
        ? {
            card: {
              clientId: config.card.clientId,
              clientSecret: config.card.clientSecret,
              ...(config.card.baseUrl ? { baseUrl: config.card.baseUrl } : {}),
              ...(config.card.merchantCode ? { merchantCode: config.card.merchantCode } : {}),
            },
          }
        : {}),
    },
    db,
    authenticate: demoAuthenticate(config.sessionSecret),
    authorizeStaff: demoAuthorizeStaff(config.sessionSecret),
    ...(config.webhooks ? { webhooks: config.webhooks } : {}),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    // Under the profile's callbackAuth 'confirm' callbacks come unsigned: no secret to check them by.
    ...(ayo.callbackSecret && config.profile?.dd?.callbackAuth !== 'confirm'
      ? { callbackSecret: ayo.callbackSecret }
      : {}),
    ...(overrides.reconcile
      ? { reconcile: overrides.reconcile }
      : config.callbackGraceMs
        ? {
            reconcile: {
              callbackGraceMs: config.callbackGraceMs,
              retryBaseMs: config.callbackGraceMs,
              intervalMs: Math.min(1_000, config.callbackGraceMs),
            },
          }
        : {}),
  });

  const webhookLog = new WebhookLog();
  const demo = demoRoutes({
    sessionSecret: config.sessionSecret,
    allowedOrigins: config.allowedOrigins,
    proxy,
    webhookLog,
    webhookSecret: config.webhooks?.secret,
    webhookUrl: config.webhooks?.url,
  });

  const demoDir = config.demoAppDir;
  const demoApp = demoDir && existsSync(join(demoDir, 'index.html')) ? serveStatic(demoDir) : null;

  sandbox?.start();
  return {
    db,
    proxy,
    sandbox,
    webhookLog,
    fetch: async (request) => {
      // A Host or path no URL parser takes (`Host: xn--`) is the client's mistake, said in JSON.
      let path: string;
      try {
        path = new URL(request.url).pathname;
      } catch {
        return json(400, 'INVALID_REQUEST', 'The request URL is not valid.');
      }
      if (path.startsWith('/ayokit/')) return proxy.fetch(request);
      if (path.startsWith('/demo/')) return demo.fetch(request);
      if (sandbox && SANDBOX_PATHS.some((p) => path.startsWith(p))) return sandbox.fetch(request);
      const page = demoApp ? await demoApp(request) : null;
      if (page) return page;
      if (sandbox) return sandbox.fetch(request);
      return json(404, 'NOT_FOUND', 'Not found.');
    },
    beginDrain: () => {
      draining = true;
      proxy.endStreams();
    },
    close: async () => {
      sandbox?.stop();
      try {
        await proxy.close();
      } finally {
        await stateFile?.close();
        await exchangeLog?.close();
        await db.close();
      }
    },
  };
}

const json = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ code, message }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
