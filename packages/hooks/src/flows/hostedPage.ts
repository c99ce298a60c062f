import type { Instrument, LiveEvent, Locale } from '@ayokit/core';
import { newIdempotencyKey } from '../api';
import { type LiveHub, watch } from '../live';
import { Observable } from '../observable';
import { type FlowError, toFlowError } from './errors';

/** How a hosted page (the bank's binding page, the gateway's card page) opens. */
export type PageMode = 'popup' | 'iframe' | 'redirect';

/** Where the hosted page is shown right now. */
export type PageWindow = 'popup' | 'popupBlocked' | 'popupClosed' | 'iframe' | 'redirect';

/** What a binding and a card registration have in common. */
export interface HostedResource {
  id: string;
  webviewUrl: string | null;
  expiresAt: string | null;
  instrumentId: string | null;
  failure: FlowError | null;
}

/** Where a resource is on its way: still on the page, being checked, or done. */
export type PagePhase = 'awaiting' | 'verifying' | 'succeeded' | 'failed';

/** The generic journey; BindingState and CardRegistrationState are views of it. */
export type HostedPageState<R, A> =
  | { status: 'idle' }
  | { status: 'creating'; arg: A }
  | { status: 'awaitingPage'; resource: R; webviewUrl: string; expiresAt: string | null; window: PageWindow }
  | { status: 'verifying'; resource: R }
  | { status: 'succeeded'; resource: R; instrumentId: string; instrument: Instrument | null }
  | { status: 'failed'; error: FlowError; resource: R | null }
  | { status: 'expired'; resource: R }
  | { status: 'stillProcessing'; resource: R };

/** The differences between hosted-page flows, as data and a few functions. */
export interface HostedPageKind<R extends HostedResource, A> {
  event: Extract<LiveEvent['type'], 'binding' | 'card_registration'>;
  windowName: string;
  /** sessionStorage key and query parameter that resume a redirect. */
  storageKey: string;
  queryParam: string;
  /** The `type` of the message the return page posts, and its field naming the resource. */
  returnMessage: string;
  returnIdField: string;
  create(arg: A, common: { locale?: Locale; returnUrl?: string }, key: string): Promise<R>;
  get(id: string): Promise<R>;
  phase(r: R): PagePhase;
  fallbackFailure: FlowError;
  /** The shopper came back from the page: show "verifying" until the answer is in. */
  verifyOnReturn?: boolean;
  /** Looks up the new instrument before saying "succeeded" (cards show the new card). */
  loadInstrument?: (id: string) => Promise<Instrument | null>;
}

export interface HostedPageOptions {
  mode?: PageMode;
  locale?: Locale;
  /** Where the page returns in redirect mode (default: the current page). */
  returnUrl?: string;
}

/** How long after the session's expiry the flow keeps waiting for the provider's word. */
const GRACE_AFTER_EXPIRY_MS = 60_000;
const DEFAULT_WAIT_MS = 5 * 60_000;

function windowOf(): Window | null {
  return typeof window === 'undefined' ? null : window;
}

/**
 * A journey through a page someone else hosts, free of React: create → the page (popup, iframe
 * or redirect) → verifying → succeeded | failed | expired | stillProcessing. A closed or blocked
 * popup is noticed; redirect mode resumes from sessionStorage or the query parameter.
 */
export class HostedPageFlow<R extends HostedResource, A, S> extends Observable<S> {
  #page: HostedPageState<R, A> = { status: 'idle' };
  #stopWatch: (() => void) | null = null;
  #popup: Window | null = null;
  #popupTimer: ReturnType<typeof setInterval> | null = null;
  #lastArg: A | undefined;
  #attached = false;
  readonly #onMessage = (e: MessageEvent) => {
    const data = e.data as Record<string, unknown> | null;
    const s = this.#page;
    if (data?.type !== this.#kind.returnMessage || !('resource' in s) || !s.resource) return;
    if (data[this.#kind.returnIdField] !== s.resource.id) return;
    if (this.#kind.verifyOnReturn && s.status === 'awaitingPage') {
      this.#closePopup();
      this.#set({ status: 'verifying', resource: s.resource });
    }
    void this.refresh();
  };

  readonly #live: LiveHub;
  readonly #kind: HostedPageKind<R, A>;
  #options: HostedPageOptions;
  readonly #present: (s: HostedPageState<R, A>) => S;

  constructor(
    live: LiveHub,
    kind: HostedPageKind<R, A>,
    options: HostedPageOptions,
    present: (s: HostedPageState<R, A>) => S,
  ) {
    super(present({ status: 'idle' }));
    const { mode } = options;
    // In development (a production build drops it and its words), as the provider's props.
    if (
      process.env.NODE_ENV !== 'production' &&
      mode !== undefined &&
      mode !== 'popup' &&
      mode !== 'iframe' &&
      mode !== 'redirect'
    )
      throw new TypeError(`mode: must be "popup", "iframe" or "redirect" (got ${JSON.stringify(mode)})`);
    this.#live = live;
    this.#kind = kind;
    this.#options = options;
    this.#present = present;
  }

  get mode(): PageMode {
    return this.#options.mode ?? 'popup';
  }

  /** The language the next page is asked for (the provider's locale may change after mounting). */
  setLocale(locale: Locale | undefined): void {
    this.#options = { ...this.#options, locale };
  }

  protected get pageState(): HostedPageState<R, A> {
    return this.#page;
  }

  #set(next: HostedPageState<R, A>) {
    this.#page = next;
    this.setState(this.#present(next));
  }

  /** Call from the click handler: a popup opened later is blocked by browsers. */
  async start(arg: A): Promise<void> {
    const s = this.#page;
    if (s.status === 'creating' || s.status === 'awaitingPage' || s.status === 'verifying') return;
    this.#lastArg = arg;
    const win = windowOf();
    if (this.mode === 'popup' && win) {
      this.#popup = win.open('', this.#kind.windowName, 'popup,width=480,height=760');
    }
    this.#set({ status: 'creating', arg });
    let resource: R;
    try {
      const returnUrl =
        this.mode === 'redirect' ? (this.#options.returnUrl ?? win?.location.href) : undefined;
      resource = await this.#kind.create(
        arg,
        {
          ...(this.#options.locale ? { locale: this.#options.locale } : {}),
          ...(returnUrl ? { returnUrl } : {}),
        },
        newIdempotencyKey(),
      );
    } catch (err) {
      this.#closePopup();
      this.#set({ status: 'failed', error: toFlowError(err), resource: null });
      return;
    }
    this.#apply(resource);
    const state = this.#page;
    if (state.status !== 'awaitingPage') {
      this.#closePopup();
      return;
    }
    if (this.mode === 'redirect' && win) {
      try {
        win.sessionStorage.setItem(this.#kind.storageKey, resource.id);
      } catch {
        // storage may be off; the query parameter on return still resumes
      }
      win.location.assign(state.webviewUrl);
      return;
    }
    if (this.mode === 'popup') {
      if (this.#popup && !this.#popup.closed) {
        this.#popup.location.href = state.webviewUrl;
        this.#watchPopup();
      } else {
        this.#set({ ...state, window: 'popupBlocked' });
      }
    }
    this.#follow(resource);
  }

  /** Reopens the page after the popup was blocked or closed. */
  reopen(): void {
    const s = this.#page;
    const win = windowOf();
    if (s.status !== 'awaitingPage' || !win) return;
    this.#popup = win.open(s.webviewUrl, this.#kind.windowName, 'popup,width=480,height=760');
    if (this.#popup) {
      this.#set({ ...s, window: 'popup' });
      this.#watchPopup();
    }
  }

  /** Back to the start; the page's session simply expires. */
  cancel(): void {
    this.#stopWatching();
    this.#closePopup();
    this.#set({ status: 'idle' });
  }

  retry(): Promise<void> {
    this.#stopWatching();
    this.#set({ status: 'idle' });
    return this.start(this.#lastArg as A);
  }

  /** Redirect mode: pick the resource up again when the page sends the shopper back. */
  async resume(id?: string): Promise<void> {
    const win = windowOf();
    let found = id ?? null;
    if (!found && win) {
      found = new URL(win.location.href).searchParams.get(this.#kind.queryParam);
      try {
        found ??= win.sessionStorage.getItem(this.#kind.storageKey);
      } catch {
        // ignore
      }
    }
    if (!found) return;
    try {
      win?.sessionStorage.removeItem(this.#kind.storageKey);
    } catch {
      // ignore
    }
    if (this.#page.status !== 'idle') return;
    this.#set({ status: 'creating', arg: undefined as A });
    try {
      const resource = await this.#kind.get(found);
      this.#apply(resource, 'redirect');
      // Back from the page and still open: the provider is checking what was entered.
      if (this.#kind.verifyOnReturn && this.pageState.status === 'awaitingPage')
        this.#set({ status: 'verifying', resource });
      this.#follow(resource);
    } catch (err) {
      this.#set({ status: 'failed', error: toFlowError(err), resource: null });
    }
  }

  /** Asks the proxy now (after the page came back). */
  async refresh(): Promise<void> {
    const s = this.#page;
    if (!('resource' in s) || !s.resource) return;
    try {
      this.#apply(await this.#kind.get(s.resource.id));
    } catch {
      // the watcher keeps trying
    }
  }

  /** Hooks call this from an effect: starts listening (StrictMode-safe, may be called again). */
  attach(): () => void {
    this.#attached = true;
    windowOf()?.addEventListener('message', this.#onMessage);
    const s = this.#page;
    if ((s.status === 'awaitingPage' || s.status === 'verifying') && !this.#stopWatch)
      this.#follow(s.resource);
    return () => {
      this.#attached = false;
      windowOf()?.removeEventListener('message', this.#onMessage);
      this.#stopWatching();
      if (this.#popupTimer) clearInterval(this.#popupTimer);
      this.#popupTimer = null;
    };
  }

  #follow(resource: R) {
    if (!this.#attached) return;
    this.#stopWatching();
    const expires = resource.expiresAt ? Date.parse(resource.expiresAt) : Number.NaN;
    const deadline = Number.isNaN(expires)
      ? this.#live.now() + DEFAULT_WAIT_MS
      : expires + GRACE_AFTER_EXPIRY_MS;
    this.#stopWatch = watch<R>({
      live: this.#live,
      type: this.#kind.event,
      id: resource.id,
      read: () => this.#kind.get(resource.id),
      fromEvent: (e) => (e.type === this.#kind.event ? (e.data as unknown as R) : null),
      settled: (r) => {
        const p = this.#kind.phase(r);
        return p === 'succeeded' || p === 'failed';
      },
      onUpdate: (r) => this.#apply(r),
      onGiveUp: () => {
        const s = this.#page;
        if (s.status === 'awaitingPage' || s.status === 'verifying')
          this.#set({ status: 'stillProcessing', resource: s.resource });
      },
      deadline,
    });
  }

  #apply(resource: R, window?: PageWindow) {
    const prev = this.#page;
    const phase = this.#kind.phase(resource);
    switch (phase) {
      case 'awaiting':
        // Once back from the page, a poll saying "still open" does not send the shopper back.
        if (prev.status === 'verifying') {
          this.#set({ status: 'verifying', resource });
          return;
        }
        if (resource.webviewUrl) {
          this.#set({
            status: 'awaitingPage',
            resource,
            webviewUrl: resource.webviewUrl,
            expiresAt: resource.expiresAt,
            window:
              window ??
              (prev.status === 'awaitingPage' ? prev.window : this.mode === 'iframe' ? 'iframe' : this.mode),
          });
        }
        return;
      case 'verifying':
        this.#set({ status: 'verifying', resource });
        return;
      case 'succeeded': {
        this.#closePopup();
        if (prev.status === 'succeeded') return;
        const instrumentId = resource.instrumentId ?? '';
        const load = this.#kind.loadInstrument;
        if (!load) {
          this.#set({ status: 'succeeded', resource, instrumentId, instrument: null });
          return;
        }
        this.#set({ status: 'verifying', resource });
        void load(instrumentId)
          .catch(() => null)
          .then((instrument) => {
            if (this.#page.status === 'verifying' && this.#page.resource.id === resource.id)
              this.#set({ status: 'succeeded', resource, instrumentId, instrument });
          });
        return;
      }
      case 'failed':
        this.#closePopup();
        if (resource.failure?.code === 'SESSION_EXPIRED') this.#set({ status: 'expired', resource });
        else
          this.#set({
            status: 'failed',
            resource,
            error: resource.failure ?? this.#kind.fallbackFailure,
          });
        return;
      default:
        phase satisfies never;
    }
  }

  #watchPopup() {
    if (this.#popupTimer) clearInterval(this.#popupTimer);
    this.#popupTimer = setInterval(() => {
      if (!this.#popup?.closed) return;
      if (this.#popupTimer) clearInterval(this.#popupTimer);
      this.#popupTimer = null;
      const s = this.#page;
      if (s.status === 'awaitingPage') {
        this.#set({ ...s, window: 'popupClosed' });
        void this.refresh();
      }
    }, 500);
  }

  #closePopup() {
    if (this.#popupTimer) clearInterval(this.#popupTimer);
    this.#popupTimer = null;
    if (this.#popup && !this.#popup.closed) this.#popup.close();
    this.#popup = null;
  }

  #stopWatching() {
    this.#stopWatch?.();
    this.#stopWatch = null;
  }
}
