/** createSandbox: one simulated Ayoconnect environment for one merchant, as a fetch-standard app. */
import {
  BINDING_SESSION_DEFAULT_MINUTES,
  BINDING_SESSION_MAX_MINUTES,
  BINDING_SESSION_MIN_MINUTES,
  importPublicKey,
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
  /** Origin where this app is served, for webview URLs, e.g. http://localhost:8787 */
  publicBaseUrl: string;
  /** Origins allowed to frame the bank's pages (CSP frame-ancestors); default only the sandbox's own. */
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
  /** Virtual clock start (ms); default Date.now(). Ignored when `state` is given. */
  startTime?: number;
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

function validate(options: SandboxOptions): void {
  if (!/^[A-Za-z0-9]{6}$/.test(options.merchantId)) {
    throw new Error(`createSandbox: merchantId must be 6 letters or digits, got "${options.merchantId}"`);
  }
  if (options.clients.length === 0) throw new Error('createSandbox: give at least one client in clients');
  if (options.cardClients?.length === 0) {
    throw new Error(
      'createSandbox: give at least one card client in cardClients, or leave it out for the default',
    );
  }
  const minutes = options.bindingSessionMinutes;
  if (
    minutes !== undefined &&
    (!Number.isFinite(minutes) ||
      minutes < BINDING_SESSION_MIN_MINUTES ||
      minutes > BINDING_SESSION_MAX_MINUTES)
  ) {
    throw new Error(
      `createSandbox: bindingSessionMinutes must be from ${BINDING_SESSION_MIN_MINUTES} to ${BINDING_SESSION_MAX_MINUTES}, got ${minutes}`,
    );
  }
  try {
    new URL(options.publicBaseUrl);
  } catch {
    throw new Error(`createSandbox: publicBaseUrl must be an absolute URL, got "${options.publicBaseUrl}"`);
  }
  if (options.callbackUrl !== undefined) {
    try {
      new URL(options.callbackUrl);
    } catch {
      throw new Error(`createSandbox: callbackUrl must be an absolute URL, got "${options.callbackUrl}"`);
    }
  }
}

export function createSandbox(options: SandboxOptions): Sandbox {
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
  const clock = new VirtualClock(restored ? restoredNow(restored.clock) : (options.startTime ?? Date.now()));
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
