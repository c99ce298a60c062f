import { API_PREFIX, AyoError, STAFF_API_PREFIX, STAFF_ROLES, type StaffRole } from '@ayokit/core';
import { generateRsaKeyPair, type WireProfileOverrides } from '@ayokit/core/snap';
import {
  type CardDriveInput,
  type CardDriveResult,
  createSandbox,
  driveBindingWebview,
  driveCardRegistration,
  type Sandbox,
  type SandboxOptions,
} from '@ayokit/sandbox';
import { type AyoProxy, type AyoProxyOptions, createAyoProxy } from '../src';
import type { Db } from '../src/db/types';

export const SHOP = 'http://shop.test';
export const SANDBOX = 'http://sandbox.test';
export const CALLBACK_SECRET = 'callback-secret-for-tests';
/** Card Acceptance has its own credentials. */
export const CARD_CLIENT = { clientId: 'card-client-1', clientSecret: 'card-secret-1' };

let keys: Promise<{ privateKeyPem: string; publicKeyPem: string }> | null = null;
const testKeys = () => {
  keys ??= generateRsaKeyPair();
  return keys;
};

export interface World {
  sandbox: Sandbox;
  proxy: AyoProxy;
  /** Browser-side calls as a signed-in shopper. */
  as: (userId: string) => Shopper;
  /** Back-office calls as a member of staff (every role unless told). */
  staff: (id?: string, roles?: StaffRole[]) => ApiClient;
  /** Runs the sandbox's due work (settlements, callbacks) and the proxy's reconciler. */
  settle: () => Promise<void>;
  advance: (seconds: number) => Promise<void>;
  /**
   * Stops the proxy and starts a new one on the same database, as a deploy or a crash would;
   * callbacks arriving meanwhile get a 503 (the sandbox retries them).
   */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

export interface WorldOptions {
  sandbox?: Partial<SandboxOptions>;
  proxy?: Partial<AyoProxyOptions>;
  /** The proxy's upstream timeout (default 2 s). */
  timeoutMs?: number;
  /** One wire profile for both: the sandbox serves it, the proxy speaks it. */
  profile?: WireProfileOverrides;
}

/** A sandbox and a proxy wired to each other in memory (no ports), on the given database. */
export async function createWorld(db: Db, options: WorldOptions = {}): Promise<World> {
  const { privateKeyPem, publicKeyPem } = await testKeys();
  let proxy: AyoProxy | null = null;
  let down = false;
  const sandbox = createSandbox({
    merchantId: 'AYOKIT',
    clients: [{ clientId: 'client-1', clientSecret: 'secret-1', publicKeyPem }],
    cardClients: [CARD_CLIENT],
    publicBaseUrl: SANDBOX,
    callbackUrl: `${SHOP}/ayokit/callbacks/ayoconnect`,
    callbackSecret: CALLBACK_SECRET,
    mode: 'test',
    fetch: async (input, init) =>
      down || !proxy
        ? new Response('restarting', { status: 503 })
        : proxy.fetch(new Request(input as RequestInfo, init)),
    ...(options.profile ? { profile: options.profile } : {}),
    ...options.sandbox,
  });
  const start = () =>
    createAyoProxy({
      ayoconnect: {
        baseUrl: SANDBOX,
        clientId: 'client-1',
        clientSecret: 'secret-1',
        privateKeyPem,
        merchantId: 'AYOKIT',
        timeoutMs: options.timeoutMs ?? 2_000,
        fetch: (r) => sandbox.fetch(r),
        card: CARD_CLIENT,
        ...(options.profile ? { profile: options.profile } : {}),
      },
      db,
      authenticate: (req) => {
        const id = req.headers.get('x-test-user');
        return id ? { id, phoneNumber: '081234567890' } : null;
      },
      // `x-test-staff: <id>:<role>,<role>`; a shopper's header is not enough.
      authorizeStaff: (req) => {
        const header = req.headers.get('x-test-staff');
        if (!header) return null;
        const [id = '', roles = ''] = header.split(':');
        return { id, name: `Staff ${id}`, roles: roles.split(',').filter(Boolean) as StaffRole[] };
      },
      allowedOrigins: [SHOP],
      callbackSecret: CALLBACK_SECRET,
      reconcile: { intervalMs: 0 },
      now: () => sandbox.clock.now(),
      log: () => undefined,
      ...options.proxy,
    });
  proxy = start();
  await proxy.ready;
  const current = () => proxy as AyoProxy;
  return {
    sandbox,
    get proxy() {
      return current();
    },
    as: (userId) => shopper(current, sandbox, userId),
    staff: (id = 'staff-1', roles = [...STAFF_ROLES]) =>
      client(current, STAFF_API_PREFIX, { 'x-test-staff': `${id}:${roles.join(',')}` }),
    settle: async () => {
      // Past the bank's settlement delay (2 s virtual by default), then deliver what is due.
      await sandbox.clock.advance(3);
      await sandbox.flush();
    },
    advance: async (seconds) => {
      await sandbox.clock.advance(seconds);
      await current().reconcile();
      await sandbox.flush();
    },
    restart: async () => {
      down = true;
      await current().close();
      const next = start();
      await next.ready;
      proxy = next;
      down = false;
    },
    close: async () => {
      sandbox.stop();
      await current().close();
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

let keyCounter = 0;
export const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

export interface PostOptions {
  key?: string | null;
  origin?: string | null;
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls to one of the proxy's APIs with fixed identity headers. */
export interface ApiClient {
  get: <T = Record<string, unknown>>(path: string) => Promise<ApiResponse<T>>;
  post: <T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    options?: PostOptions,
  ) => Promise<ApiResponse<T>>;
}

/** What the merchant's server fixes in a checkout (the test's stand-in for the shop's pricing). */
export interface PayInput {
  instrumentId: string | null;
  amount: number;
  mode?: 'direct' | 'authorize' | string;
  description?: string;
  orderId?: string;
}

export interface Shopper extends ApiClient {
  userId: string;
  /**
   * The merchant's server creates a checkout for this shopper (amount, order, mode), then the
   * shopper pays it with `instrumentId` (POST /checkouts/:id/pay). The same `key` pays the same
   * checkout again (a retry).
   */
  pay: <T = Record<string, unknown>>(input: PayInput, options?: PostOptions) => Promise<ApiResponse<T>>;
  /** The shop's back office (all roles), for refunds, captures and voids of this shopper's payments. */
  backOffice: ApiClient;
  /** Binds an account end to end: start, walk the bank's pages, wait for the callback. */
  bind: (input: {
    bankCode: string;
    accountNumber: string;
    cardExpiry?: string;
    otp?: string;
  }) => Promise<BoundResult>;
  /** Registers a card end to end: start, walk the gateway's page (3-D Secure too), let the callback land. */
  registerCard: (input: CardDriveInput) => Promise<RegisteredCard>;
}

export interface RegisteredCard {
  cardRegistration: {
    id: string;
    status: string;
    instrumentId: string | null;
    failure: { code: string } | null;
  };
  page: CardDriveResult;
}

export interface BoundResult {
  binding: Record<string, unknown> & { id: string; status: string; instrumentId: string | null };
  webview: { status: string; message?: string | undefined };
}

function client(proxy: () => AyoProxy, prefix: string, identity: Record<string, string>): ApiClient {
  const call = async <T>(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await proxy().fetch(
      new Request(`${SHOP}${prefix}${path}`, {
        method,
        headers: { ...identity, ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
    );
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body, options = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.origin !== null) headers.origin = options.origin ?? SHOP;
      if (options.key !== null) headers['idempotency-key'] = options.key ?? newKey();
      return call('POST', path, { body: options.raw ?? JSON.stringify(body ?? {}), headers });
    },
  };
}

let orderCounter = 0;

function shopper(proxy: () => AyoProxy, sandbox: Sandbox, userId: string): Shopper {
  const api = client(proxy, API_PREFIX, { 'x-test-user': userId });
  const checkoutOfKey = new Map<string, Promise<{ id: string }>>();
  const self: Shopper = {
    userId,
    ...api,
    backOffice: client(proxy, STAFF_API_PREFIX, { 'x-test-staff': `staff-1:${STAFF_ROLES.join(',')}` }),
    pay: async (input, options = {}) => {
      // One checkout per key, even for parallel retries: they pay the same checkout.
      let checkout = options.key ? checkoutOfKey.get(options.key) : undefined;
      if (!checkout) {
        checkout = proxy().checkouts.create({
          userId,
          amount: input.amount,
          orderId: input.orderId ?? `order-${++orderCounter}`,
          ...(input.description ? { description: input.description } : {}),
          ...(input.mode ? { mode: input.mode as 'direct' | 'authorize' } : {}),
        });
        if (options.key) checkoutOfKey.set(options.key, checkout);
      }
      let checkoutId: string;
      try {
        checkoutId = (await checkout).id;
      } catch (error) {
        // The merchant's server refused its own input: shown as the API would answer it.
        if (!(error instanceof AyoError)) throw error;
        return { status: error.status, body: error.toJSON() as never, headers: new Headers() };
      }
      return api.post(`/checkouts/${checkoutId}/pay`, { instrumentId: input.instrumentId }, options);
    },
    bind: async ({ bankCode, accountNumber, cardExpiry = '12/35', otp = '123456' }) => {
      const started = await self.post<{ binding: { id: string; webviewUrl: string } }>('/bindings', {
        bankCode,
      });
      if (started.status !== 201) throw new Error(`binding start failed: ${JSON.stringify(started.body)}`);
      const webview = await driveBindingWebview(
        (input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(new Request(input, init)),
        started.body.binding.webviewUrl,
        { accountNumber, cardExpiry, otp },
      );
      await sandbox.flush();
      const status = await self.get<BoundResult['binding']>(`/bindings/${started.body.binding.id}`);
      return { binding: (status.body as unknown as { binding: BoundResult['binding'] }).binding, webview };
    },
    registerCard: async (input) => {
      const started = await self.post<{ cardRegistration: { id: string; webviewUrl: string } }>(
        '/card-registrations',
        {},
      );
      if (started.status !== 201) throw new Error(`registration failed: ${JSON.stringify(started.body)}`);
      const page = await driveCardRegistration(
        (request) => sandbox.fetch(request),
        started.body.cardRegistration.webviewUrl,
        input,
      );
      await sandbox.flush();
      const read = await self.get<{ cardRegistration: RegisteredCard['cardRegistration'] }>(
        `/card-registrations/${started.body.cardRegistration.id}`,
      );
      return { cardRegistration: read.body.cardRegistration, page };
    },
  };
  return self;
}
