import type { BankCode, Binding, Locale } from '@ayokit/core';
import { type AyoApi, newIdempotencyKey } from '../api';
import { type LiveHub, watch } from '../live';
import { Observable } from '../observable';
import { type FlowError, toFlowError } from './errors';

export type BindingMode = 'popup' | 'iframe' | 'redirect';

/** Where the bank's page is shown right now. */
export type BankWindow = 'popup' | 'popupBlocked' | 'popupClosed' | 'iframe' | 'redirect';

export type BindingState =
  | { status: 'choosingBank' }
  | { status: 'creating'; bankCode: BankCode | null }
  | {
      status: 'awaitingBank';
      binding: Binding;
      webviewUrl: string;
      expiresAt: string | null;
      window: BankWindow;
    }
  | { status: 'verifying'; binding: Binding }
  | { status: 'bound'; binding: Binding; instrumentId: string }
  | { status: 'failed'; error: FlowError; binding: Binding | null }
  | { status: 'expired'; binding: Binding }
  | { status: 'stillProcessing'; binding: Binding };

export interface BindingFlowOptions {
  mode?: BindingMode;
  locale?: Locale;
  /** Where the bank's page returns in redirect mode (default: the current page). */
  returnUrl?: string;
  phoneNumber?: string;
}

/** How long after the session's expiry the flow keeps waiting for the bank's word. */
const GRACE_AFTER_EXPIRY_MS = 60_000;
const DEFAULT_WAIT_MS = 5 * 60_000;
export const REDIRECT_STORAGE_KEY = 'ayokit:binding';

function windowOf(): Window | null {
  return typeof window === 'undefined' ? null : window;
}

/**
 * The binding journey as a state machine, free of React: choose bank → create → the bank's page
 * (popup, iframe or redirect) → verifying → bound | failed | expired | stillProcessing.
 */
export class BindingFlow extends Observable<BindingState> {
  private stopWatch: (() => void) | null = null;
  private popup: Window | null = null;
  private popupTimer: ReturnType<typeof setInterval> | null = null;
  private lastBank: BankCode | null = null;
  private attached = false;
  private readonly onMessage = (e: MessageEvent) => {
    const data = e.data as { type?: unknown; bindingId?: unknown } | null;
    const s = this.getState();
    if (
      data?.type === 'ayokit:binding-return' &&
      'binding' in s &&
      s.binding &&
      data.bindingId === s.binding.id
    ) {
      void this.refresh();
    }
  };

  constructor(
    private readonly api: AyoApi,
    private readonly live: LiveHub,
    private readonly options: BindingFlowOptions = {},
  ) {
    super({ status: 'choosingBank' });
  }

  get mode(): BindingMode {
    return this.options.mode ?? 'popup';
  }

  /** Call from the click handler: a popup opened later is blocked by browsers. */
  async start(bankCode?: BankCode | null): Promise<void> {
    const s = this.getState();
    if (s.status === 'creating' || s.status === 'awaitingBank' || s.status === 'verifying') return;
    this.lastBank = bankCode ?? null;
    const win = windowOf();
    if (this.mode === 'popup' && win) {
      this.popup = win.open('', 'ayokit-bank', 'popup,width=480,height=760');
    }
    this.setState({ status: 'creating', bankCode: bankCode ?? null });
    let binding: Binding;
    try {
      const returnUrl = this.mode === 'redirect' ? (this.options.returnUrl ?? win?.location.href) : undefined;
      binding = await this.api.startBinding(
        {
          ...(bankCode ? { bankCode } : {}),
          ...(this.options.locale ? { locale: this.options.locale } : {}),
          ...(this.options.phoneNumber ? { phoneNumber: this.options.phoneNumber } : {}),
          ...(returnUrl ? { returnUrl } : {}),
        },
        newIdempotencyKey(),
      );
    } catch (err) {
      this.closePopup();
      this.setState({ status: 'failed', error: toFlowError(err), binding: null });
      return;
    }
    this.apply(binding);
    const state = this.getState();
    if (state.status !== 'awaitingBank') {
      this.closePopup();
      return;
    }
    if (this.mode === 'redirect' && win) {
      try {
        win.sessionStorage.setItem(REDIRECT_STORAGE_KEY, binding.id);
      } catch {
        // storage may be off; the ayokitBinding query parameter on return still resumes
      }
      win.location.assign(state.webviewUrl);
      return;
    }
    if (this.mode === 'popup') {
      if (this.popup && !this.popup.closed) {
        this.popup.location.href = state.webviewUrl;
        this.watchPopup();
      } else {
        this.setState({ ...state, window: 'popupBlocked' });
      }
    }
    this.follow(binding);
  }

  /** Reopens the bank's page after the popup was blocked or closed. */
  reopen(): void {
    const s = this.getState();
    const win = windowOf();
    if (s.status !== 'awaitingBank' || !win) return;
    this.popup = win.open(s.webviewUrl, 'ayokit-bank', 'popup,width=480,height=760');
    if (this.popup) {
      this.setState({ ...s, window: 'popup' });
      this.watchPopup();
    }
  }

  /** Back to choosing a bank; the bank's session simply expires. */
  cancel(): void {
    this.stopWatching();
    this.closePopup();
    this.setState({ status: 'choosingBank' });
  }

  retry(): Promise<void> {
    this.stopWatching();
    this.setState({ status: 'choosingBank' });
    return this.start(this.lastBank);
  }

  /** Redirect mode: pick the binding up again when the bank's page sends the shopper back. */
  async resume(bindingId?: string): Promise<void> {
    const win = windowOf();
    let id = bindingId ?? null;
    if (!id && win) {
      id = new URL(win.location.href).searchParams.get('ayokitBinding');
      try {
        id ??= win.sessionStorage.getItem(REDIRECT_STORAGE_KEY);
      } catch {
        // ignore
      }
    }
    if (!id) return;
    try {
      win?.sessionStorage.removeItem(REDIRECT_STORAGE_KEY);
    } catch {
      // ignore
    }
    const s = this.getState();
    if (s.status !== 'choosingBank') return;
    this.setState({ status: 'creating', bankCode: null });
    try {
      const binding = await this.api.getBinding(id);
      this.apply(binding, 'redirect');
      this.follow(binding);
    } catch (err) {
      this.setState({ status: 'failed', error: toFlowError(err), binding: null });
    }
  }

  /** Asks the proxy now (after the bank's page came back). */
  async refresh(): Promise<void> {
    const s = this.getState();
    if (!('binding' in s) || !s.binding) return;
    try {
      this.apply(await this.api.getBinding(s.binding.id));
    } catch {
      // the watcher keeps trying
    }
  }

  /** Hooks call this from an effect: starts listening (StrictMode-safe, may be called again). */
  attach(): () => void {
    this.attached = true;
    windowOf()?.addEventListener('message', this.onMessage);
    const s = this.getState();
    if ((s.status === 'awaitingBank' || s.status === 'verifying') && !this.stopWatch) this.follow(s.binding);
    return () => {
      this.attached = false;
      windowOf()?.removeEventListener('message', this.onMessage);
      this.stopWatching();
      if (this.popupTimer) clearInterval(this.popupTimer);
      this.popupTimer = null;
    };
  }

  private follow(binding: Binding) {
    if (!this.attached) return;
    this.stopWatching();
    const expires = binding.expiresAt ? Date.parse(binding.expiresAt) : Number.NaN;
    const deadline = Number.isNaN(expires) ? Date.now() + DEFAULT_WAIT_MS : expires + GRACE_AFTER_EXPIRY_MS;
    this.stopWatch = watch<Binding>({
      live: this.live,
      type: 'binding',
      id: binding.id,
      read: () => this.api.getBinding(binding.id),
      fromEvent: (e) => (e.type === 'binding' ? e.data : null),
      settled: (b) => b.status === 'succeeded' || b.status === 'failed',
      onUpdate: (b) => this.apply(b),
      onGiveUp: () => {
        const s = this.getState();
        if (s.status === 'awaitingBank' || s.status === 'verifying')
          this.setState({ status: 'stillProcessing', binding: s.binding });
      },
      deadline,
    });
  }

  private apply(binding: Binding, window?: BankWindow) {
    const prev = this.getState();
    switch (binding.status) {
      case 'in_progress':
        if (binding.webviewUrl) {
          this.setState({
            status: 'awaitingBank',
            binding,
            webviewUrl: binding.webviewUrl,
            expiresAt: binding.expiresAt,
            window:
              window ??
              (prev.status === 'awaitingBank' ? prev.window : this.mode === 'iframe' ? 'iframe' : this.mode),
          });
        }
        return;
      case 'verification_pending':
        this.setState({ status: 'verifying', binding });
        return;
      case 'succeeded':
        this.closePopup();
        this.setState({ status: 'bound', binding, instrumentId: binding.instrumentId ?? '' });
        return;
      case 'failed':
        this.closePopup();
        if (binding.failure?.code === 'SESSION_EXPIRED') this.setState({ status: 'expired', binding });
        else
          this.setState({
            status: 'failed',
            binding,
            error: binding.failure ?? {
              code: 'BINDING_FAILED',
              message: 'The bank did not bind the account.',
            },
          });
        return;
      default:
        binding.status satisfies never;
    }
  }

  private watchPopup() {
    if (this.popupTimer) clearInterval(this.popupTimer);
    this.popupTimer = setInterval(() => {
      if (!this.popup?.closed) return;
      if (this.popupTimer) clearInterval(this.popupTimer);
      this.popupTimer = null;
      const s = this.getState();
      if (s.status === 'awaitingBank') {
        this.setState({ ...s, window: 'popupClosed' });
        void this.refresh();
      }
    }, 500);
  }

  private closePopup() {
    if (this.popupTimer) clearInterval(this.popupTimer);
    this.popupTimer = null;
    if (this.popup && !this.popup.closed) this.popup.close();
    this.popup = null;
  }

  private stopWatching() {
    this.stopWatch?.();
    this.stopWatch = null;
  }
}
