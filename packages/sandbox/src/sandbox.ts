/** createSandbox: one simulated Ayoconnect environment for one merchant, as a fetch-standard app. */
import {
  BINDING_SESSION_DEFAULT_MINUTES,
  BINDING_SESSION_MAX_MINUTES,
  BINDING_SESSION_MIN_MINUTES,
  httpUrlOf,
  importPublicKey,
  MERCHANT_ID_PATTERN,
  resolveWireProfile,
  type SignatureEncoding,
  type WireProfileOverrides,
} from '@ayokit/core/snap';
import type { Hono } from 'hono';
import { createApp, type SandboxMode } from './app';
import type { SandboxEnv } from './auth';
import { Callbacks } from './callbacks';
import { Scheduler, VirtualClock } from './clock';
import type { PartnerClient, Sim } from './context';
import { type CardLedgerEntry, cardLedgerEntry } from './domain/cardPayments';
import { type LedgerEntry, ledgerEntry } from './domain/payments';
import { Hangs } from './endpointFaults';
import { type FaultControl, Faults } from './faults';
import {
  exportSnapshot,
  parseSnapshot,
  restoredNow,
  type SandboxSnapshot,
  scheduleRestoredWork,
} from './persistence';
import { publicKeyPemProblem } from './publicKeyPem';
import { createState, resetState } from './state';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  /** SPKI PEM of the partner's RSA key, which verifies its token requests. */
  publicKeyPem: string;
}

/** Credentials of the Card Acceptance API (form-encoded client_id / client_secret). */
export interface SandboxCardClient {
  clientId: string;
  clientSecret: string;
}

/** The card client a sandbox accepts when `cardClients` is not given. */
export const DEFAULT_CARD_CLIENT: SandboxCardClient = {
  clientId: 'sandbox-card-client',
  clientSecret: 'sandbox-card-secret',
};

export interface SandboxOptions {
  /** 6 characters; also the X-PARTNER-ID. */
  merchantId: string;
  clients: SandboxClient[];
  /** Card Acceptance API credentials; default `[DEFAULT_CARD_CLIENT]`. */
  cardClients?: SandboxCardClient[];
  /**
   * The merchant code the card API expects (X-Merchant-Code, the status query's merchantId), when
   * Ayoconnect gave the merchant one apart from its merchantId; 6 characters, default merchantId.
   */
  cardMerchantCode?: string;
  /** Origin where this app is served (http or https), for webview URLs, e.g. http://localhost:8787 */
  publicBaseUrl: string;
  /**
   * Origins allowed to frame the bank's pages (CSP frame-ancestors sources: `'self'`, `'none'`,
   * `https:` or an origin such as `https://shop.example`); default only the sandbox's own.
   */
  webviewFrameAncestors?: string[];
  callbackUrl?: string;
  callbackSecret?: string;
  /** The control API /sandbox/* answers only in test and demo (default test); 404 in strict. */
  mode?: SandboxMode;
  /** 1..60, default 3. */
  bindingSessionMinutes?: number;
  /** Shorthand for `profile.signatureEncoding`. */
  signatureEncoding?: SignatureEncoding;
  /**
   * The wire profile to serve (overrides of DEFAULT_WIRE_PROFILE). Give the proxy the same one:
   * the defaults are what real Ayoconnect is believed to do, so the sandbox shows production.
   */
  profile?: WireProfileOverrides;
  /** Delivers callbacks (default: Node's own HTTP client on Node, else globalThis.fetch). */
  fetch?: typeof fetch;
  /**
   * Virtual clock start in epoch milliseconds (e.g. `Date.parse('2026-01-01T10:00:00+07:00')`);
   * default Date.now(). Ignored when `state` is given.
   */
  startTime?: number;
  /** How long a callback may take before it counts as failed and is retried (ms, above 0); default 5000. */
  callbackTimeoutMs?: number;
  /**
   * A snapshot from `sandbox.exportState()` to carry on from (e.g. read back after a restart).
   * It is validated in full first; an unknown version or malformed data throws an Error naming
   * the problem, and nothing is restored.
   */
  state?: SandboxSnapshot;
}

export interface SandboxClock {
  now(): number;
  /** Moves virtual time forward, running every task that becomes due in time order, and awaits callbacks. */
  advance(seconds: number): Promise<void>;
}

export interface Sandbox {
  app: Hono<SandboxEnv>;
  fetch: (req: Request) => Promise<Response>;
  clock: SandboxClock;
  /** Runs due tasks now and awaits in-flight callbacks. */
  flush(): Promise<void>;
  /** Runs each task at its due time (or within 10 ms of it) in real time, on unref'd timers, for server use. */
  start(): void;
  stop(): void;
  ledger(): LedgerEntry[];
  /** Every card charge with its capture, void and refund: what was charged, at most once. */
  cardLedger(): CardLedgerEntry[];
  faults: FaultControl;
  /** Forgets all business data, scheduled work, faults and used X-EXTERNAL-IDs; keeps the clock and B2B tokens. */
  reset(): void;
  /** Everything the sandbox remembers, as plain JSON data for `createSandbox({ state })`. */
  exportState(): SandboxSnapshot;
  /**
   * Calls `listener` after anything that may have changed the state (a request, a scheduled task,
   * a clock advance, a fault change, a reset), so a host can persist `exportState()`. It may fire
   * when nothing changed and often: debounce the work. Returns a function that removes it.
   */
  onChange(listener: () => void): () => void;
}

/**
 * The real-time runner (`start`): the longest it waits before it looks at the tasks again, and the
 * shortest time between two of its runs.
 */
const MAX_WAIT_MS = 100;
const MIN_GAP_MS = 10;

/** Every option createSandbox reads: the type makes a new option fail to compile until it is listed. */
const OPTION_KEYS: Record<keyof SandboxOptions, true> = {
  merchantId: true,
  clients: true,
  cardClients: true,
  cardMerchantCode: true,
  publicBaseUrl: true,
  webviewFrameAncestors: true,
  callbackUrl: true,
  callbackSecret: true,
  mode: true,
  bindingSessionMinutes: true,
  signatureEncoding: true,
  profile: true,
  fetch: true,
  startTime: true,
  callbackTimeoutMs: true,
  state: true,
};

const MODES: readonly SandboxMode[] = ['test', 'demo', 'strict'];

/** setTimeout's longest delay: a longer one fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A frame-ancestors source: 'self', 'none', a scheme (https:) or a host source (https://*.shop.example:8443). */
const FRAME_ANCESTOR =
  /^(?:'self'|'none'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?)$/i;

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

function checkHttpUrl(name: string, value: unknown): void {
  if (!httpUrlOf(value))
    throw new Error(`createSandbox: ${name} must be an http or https URL, got ${show(value)}`);
}

/** Each client of `list` (named `option`) has a non-empty clientId and clientSecret, and ids differ. */
function checkClients(option: 'clients' | 'cardClients', list: readonly unknown[], withKey: boolean): void {
  const ids = new Set<string>();
  list.forEach((entry, i) => {
    const client = (entry ?? {}) as Partial<SandboxClient>;
    const name = `${option}[${i}]`;
    for (const field of ['clientId', 'clientSecret'] as const) {
      if (typeof client[field] !== 'string' || client[field] === '') {
        throw new Error(`createSandbox: ${name}.${field} must be a non-empty string`);
      }
    }
    const id = client.clientId as string;
    if (ids.has(id)) throw new Error(`createSandbox: ${name} repeats the clientId "${id}"`);
    ids.add(id);
    if (!withKey) return;
    const problem = publicKeyPemProblem(client.publicKeyPem);
    if (problem) throw new Error(`createSandbox: ${name}.publicKeyPem (client "${id}") ${problem}`);
  });
}

function validate(options: SandboxOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new Error('createSandbox: give the options object ({ merchantId, clients, publicBaseUrl, … })');
  }
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(OPTION_KEYS, key));
  if (unknown.length > 0) {
    throw new Error(
      `createSandbox: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; the options are ${Object.keys(OPTION_KEYS).join(', ')}`,
    );
  }
  if (typeof options.merchantId !== 'string' || !MERCHANT_ID_PATTERN.test(options.merchantId)) {
    throw new Error(`createSandbox: merchantId must be 6 letters or digits, got ${show(options.merchantId)}`);
  }
  if (!Array.isArray(options.clients)) {
    throw new Error(
      `createSandbox: clients must be a list of { clientId, clientSecret, publicKeyPem }, got ${show(options.clients)}`,
    );
  }
  if (options.cardMerchantCode !== undefined && !MERCHANT_ID_PATTERN.test(options.cardMerchantCode)) {
    throw new Error(
      `createSandbox: cardMerchantCode must be 6 letters or digits, got "${options.cardMerchantCode}"`,
    );
  }
  if (options.clients.length === 0) throw new Error('createSandbox: give at least one client in clients');
  checkClients('clients', options.clients, true);
  if (options.cardClients !== undefined) {
    if (!Array.isArray(options.cardClients) || options.cardClients.length === 0) {
      throw new Error(
        'createSandbox: give at least one card client in cardClients, or leave it out for the default',
      );
    }
    checkClients('cardClients', options.cardClients, false);
  }
  if (options.mode !== undefined && !MODES.includes(options.mode)) {
    throw new Error(
      `createSandbox: mode must be one of ${MODES.map((m) => `"${m}"`).join(', ')}, got ${show(options.mode)}`,
    );
  }
  const minutes = options.bindingSessionMinutes;
  if (
    minutes !== undefined &&
    (typeof minutes !== 'number' ||
      !Number.isFinite(minutes) ||
      minutes < BINDING_SESSION_MIN_MINUTES ||
      minutes > BINDING_SESSION_MAX_MINUTES)
  ) {
    throw new Error(
      `createSandbox: bindingSessionMinutes must be from ${BINDING_SESSION_MIN_MINUTES} to ${BINDING_SESSION_MAX_MINUTES}, got ${show(minutes)}`,
    );
  }
  const start = options.startTime;
  if (
    start !== undefined &&
    (typeof start !== 'number' || !Number.isFinite(start) || Number.isNaN(new Date(start).getTime()))
  ) {
    throw new Error(
      `createSandbox: startTime must be epoch milliseconds (a number, e.g. Date.parse('2026-01-01T10:00:00+07:00')), got ${show(start)}`,
    );
  }
  const timeout = options.callbackTimeoutMs;
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_MS)
  ) {
    throw new Error(
      `createSandbox: callbackTimeoutMs must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, got ${show(timeout)}`,
    );
  }
  checkHttpUrl('publicBaseUrl', options.publicBaseUrl);
  if (options.callbackUrl !== undefined) checkHttpUrl('callbackUrl', options.callbackUrl);
  const ancestors = options.webviewFrameAncestors;
  if (ancestors !== undefined) {
    if (!Array.isArray(ancestors)) {
      throw new Error(
        `createSandbox: webviewFrameAncestors must be a list of CSP sources (e.g. ["'self'", "https://shop.example"]), got ${show(ancestors)}`,
      );
    }
    ancestors.forEach((source, i) => {
      if (typeof source !== 'string' || !FRAME_ANCESTOR.test(source)) {
        throw new Error(
          `createSandbox: webviewFrameAncestors[${i}] must be one CSP source ('self', 'none', a scheme like https: or an origin like https://shop.example), got ${show(source)}`,
        );
      }
    });
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new Error(
      `createSandbox: fetch must be a function like globalThis.fetch, got ${show(options.fetch)}`,
    );
  }
}

export function createSandbox(options: SandboxOptions): Sandbox {
  return createSandboxOn(Date.now, options);
}

/**
 * createSandbox on the given real time, which the virtual clock follows between advances. Not
 * exported from the package: this package's tests pass one that stands still, so that virtual time
 * moves only when a test moves it, however slowly a loaded machine runs the test (a binding made a
 * second late expired a second late).
 */
export function createSandboxOn(realNow: () => number, options: SandboxOptions): Sandbox {
  validate(options);
  // Validate the whole snapshot before building anything: a bad one throws, nothing half-restored.
  const restored = options.state === undefined ? null : parseSnapshot(options.state, options.merchantId);
  const profile = resolveWireProfile(
    options.profile,
    options.signatureEncoding ? { signatureEncoding: options.signatureEncoding } : undefined,
  );
  const encoding = profile.signatureEncoding;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('[ayokit sandbox] state change listener failed', error);
      }
    }
  };
  const clock = new VirtualClock(
    restored ? restoredNow(restored.clock, realNow()) : (options.startTime ?? Date.now()),
    realNow,
  );
  const scheduler = new Scheduler(
    clock,
    (label, error) => console.error(`[ayokit sandbox] scheduled task failed: ${label}`, error),
    notify,
  );
  const faults = new Faults();
  if (restored) faults.restoreState(restored.faults);
  const state = restored?.state ?? createState();
  const callbacks = new Callbacks(
    {
      merchantId: options.merchantId,
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
      // Ayoconnect documents no DD callback auth: with `callbackAuth: confirm` they go unsigned.
      ...(options.callbackSecret && profile.dd.callbackAuth === 'signature'
        ? { callbackSecret: options.callbackSecret }
        : {}),
      typeHeader: profile.dd.callbackTypeHeader,
      signatureEncoding: encoding,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeoutMs: options.callbackTimeoutMs ?? 5000,
    },
    clock,
    scheduler,
    faults,
  );
  const clients = new Map<string, PartnerClient>(
    options.clients.map((c) => {
      const publicKey = importPublicKey(c.publicKeyPem);
      publicKey.catch(() => {}); // reported when a token request needs it
      return [c.clientId, { clientId: c.clientId, clientSecret: c.clientSecret, publicKey }];
    }),
  );
  const sim: Sim = {
    merchantId: options.merchantId,
    cardMerchantCode: options.cardMerchantCode ?? options.merchantId,
    publicBaseUrl: options.publicBaseUrl,
    frameAncestors: options.webviewFrameAncestors?.length ? options.webviewFrameAncestors : ["'self'"],
    bindingSessionMs: (options.bindingSessionMinutes ?? BINDING_SESSION_DEFAULT_MINUTES) * 60_000,
    encoding,
    profile,
    clients,
    cardClients: new Map(
      (options.cardClients ?? [DEFAULT_CARD_CLIENT]).map((c) => [c.clientId, c.clientSecret]),
    ),
    clock,
    scheduler,
    state,
    callbacks,
    faults,
  };
  if (restored) scheduleRestoredWork(sim);
  const hangs = new Hangs(notify);

  const faultControl: FaultControl = {
    add: (input) => {
      const fault = faults.add(input);
      notify();
      return fault;
    },
    list: () => faults.list(),
    clear: () => {
      faults.clear();
      notify();
    },
    remove: (id) => {
      const removed = faults.remove(id);
      if (removed) notify();
      return removed;
    },
  };
  const sandboxClock: SandboxClock = {
    now: () => clock.now(),
    advance: async (seconds) => {
      await scheduler.advance(seconds);
      notify();
    },
  };
  const flush = () => scheduler.drain();
  const ledger = () =>
    [...state.payments.values()].sort((a, b) => a.createdAt - b.createdAt).map(ledgerEntry);
  const cardLedger = () =>
    [...state.cardPayments.values()].sort((a, b) => a.createdAt - b.createdAt).map(cardLedgerEntry);
  const reset = () => {
    scheduler.clear();
    callbacks.reset();
    faults.clear();
    hangs.releaseAll();
    resetState(state);
    notify();
  };
  const app = createApp(
    sim,
    hangs,
    options.mode ?? 'test',
    { clock: sandboxClock, flush, ledger, cardLedger, reset, faults: faultControl },
    notify,
  );

  return {
    app,
    fetch: async (req) => app.fetch(req),
    clock: sandboxClock,
    flush,
    start() {
      scheduler.run(MAX_WAIT_MS, MIN_GAP_MS);
    },
    stop() {
      scheduler.stop();
    },
    ledger,
    cardLedger,
    faults: faultControl,
    reset,
    exportState: () => exportSnapshot(sim),
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
