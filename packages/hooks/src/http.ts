import {
  API_PREFIX,
  AyoError,
  apiErrorSchema,
  banksResponse,
  bindingResponse,
  type CapturePaymentRequest,
  type CreateBindingRequest,
  type CreateCardRegistrationRequest,
  type CreatePaymentRequest,
  type CreateRefundRequest,
  cardRegistrationResponse,
  IDEMPOTENCY_HEADER,
  instrumentResponse,
  instrumentsResponse,
  liveEventSchema,
  paymentResponse,
  paymentsResponse,
  refundResponse,
  refundsResponse,
  unbindingResponse,
  type VoidPaymentRequest,
} from '@ayokit/core';
import type * as z from 'zod/mini';
import type { AyoApi } from './api';

export interface HttpAyoClientOptions {
  /** Where the proxy is mounted, e.g. `/ayokit` or `https://shop.example/ayokit`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Cookies to the proxy: `include` when it is on another origin. */
  credentials?: RequestCredentials;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

/** The proxy over HTTP. Every response is validated with the contract's schemas. */
export class HttpAyoClient implements AyoApi {
  private readonly base: string;

  constructor(private readonly options: HttpAyoClientOptions) {
    this.base = `${options.baseUrl.replace(/\/$/, '')}${API_PREFIX.replace(/^\/ayokit/, '')}`;
  }

  private async request<S extends z.ZodMiniType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(`${this.base}${path}`, {
        method,
        headers,
        credentials: this.options.credentials ?? 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch {
      throw new AyoError('UPSTREAM_UNAVAILABLE', 'The payment server could not be reached.');
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new AyoError(
        res.ok ? 'INTERNAL' : 'UPSTREAM_UNAVAILABLE',
        `Unexpected response (HTTP ${res.status}).`,
      );
    }
    if (!res.ok) {
      const err = apiErrorSchema.safeParse(json);
      if (err.success) {
        throw new AyoError(err.data.code, err.data.message, {
          ...(err.data.responseCode ? { responseCode: err.data.responseCode } : {}),
          ...(err.data.issues ? { issues: err.data.issues } : {}),
        });
      }
      throw new AyoError(
        res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL',
        `Unexpected response (HTTP ${res.status}).`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new AyoError('INTERNAL', 'The payment server sent a response this kit does not understand.');
    return parsed.data;
  }

  async listBanks() {
    return (await this.request(banksResponse, 'GET', '/banks')).banks;
  }
  async startBinding(input: CreateBindingRequest, key: string) {
    return (await this.request(bindingResponse, 'POST', '/bindings', input, key)).binding;
  }
  async getBinding(id: string) {
    return (await this.request(bindingResponse, 'GET', `/bindings/${encodeURIComponent(id)}`)).binding;
  }
  async startCardRegistration(input: CreateCardRegistrationRequest, key: string) {
    return (await this.request(cardRegistrationResponse, 'POST', '/card-registrations', input, key))
      .cardRegistration;
  }
  async getCardRegistration(id: string) {
    return (
      await this.request(cardRegistrationResponse, 'GET', `/card-registrations/${encodeURIComponent(id)}`)
    ).cardRegistration;
  }
  async listInstruments() {
    return (await this.request(instrumentsResponse, 'GET', '/instruments')).instruments;
  }
  async setDefaultInstrument(id: string) {
    return (
      await this.request(instrumentResponse, 'PATCH', `/instruments/${encodeURIComponent(id)}`, {
        isDefault: true,
      })
    ).instrument;
  }
  async startUnbinding(instrumentId: string, key: string) {
    return (
      await this.request(
        unbindingResponse,
        'POST',
        `/instruments/${encodeURIComponent(instrumentId)}/unbind`,
        {},
        key,
      )
    ).unbinding;
  }
  async getUnbinding(id: string) {
    return (await this.request(unbindingResponse, 'GET', `/unbindings/${encodeURIComponent(id)}`)).unbinding;
  }
  async submitUnbindingOtp(id: string, otp: string) {
    return (
      await this.request(unbindingResponse, 'POST', `/unbindings/${encodeURIComponent(id)}/otp`, { otp })
    ).unbinding;
  }
  async resendUnbindingOtp(id: string) {
    return (
      await this.request(unbindingResponse, 'POST', `/unbindings/${encodeURIComponent(id)}/otp/resend`, {})
    ).unbinding;
  }
  async createPayment(input: CreatePaymentRequest, key: string) {
    return (await this.request(paymentResponse, 'POST', '/payments', input, key)).payment;
  }
  async getPayment(id: string) {
    return (await this.request(paymentResponse, 'GET', `/payments/${encodeURIComponent(id)}`)).payment;
  }
  async listPayments() {
    return (await this.request(paymentsResponse, 'GET', '/payments')).payments;
  }
  async submitPaymentOtp(id: string, otp: string) {
    return (await this.request(paymentResponse, 'POST', `/payments/${encodeURIComponent(id)}/otp`, { otp }))
      .payment;
  }
  async resendPaymentOtp(id: string) {
    return (await this.request(paymentResponse, 'POST', `/payments/${encodeURIComponent(id)}/otp/resend`, {}))
      .payment;
  }
  async capturePayment(id: string, input: CapturePaymentRequest, key: string) {
    return (
      await this.request(paymentResponse, 'POST', `/payments/${encodeURIComponent(id)}/capture`, input, key)
    ).payment;
  }
  async voidPayment(id: string, input: VoidPaymentRequest, key: string) {
    return (
      await this.request(paymentResponse, 'POST', `/payments/${encodeURIComponent(id)}/void`, input, key)
    ).payment;
  }
  async createRefund(paymentId: string, input: CreateRefundRequest, key: string) {
    return (
      await this.request(
        refundResponse,
        'POST',
        `/payments/${encodeURIComponent(paymentId)}/refunds`,
        input,
        key,
      )
    ).refund;
  }
  async listRefunds(paymentId: string) {
    return (await this.request(refundsResponse, 'GET', `/payments/${encodeURIComponent(paymentId)}/refunds`))
      .refunds;
  }

  subscribe(
    onEvent: Parameters<AyoApi['subscribe']>[0],
    onState: Parameters<AyoApi['subscribe']>[1],
  ): () => void {
    if (typeof EventSource === 'undefined') {
      onState(false);
      return () => undefined;
    }
    const source = new EventSource(`${this.base}/events`, {
      withCredentials: this.options.credentials === 'include',
    });
    const handle = (type: string) => (e: MessageEvent<string>) => {
      try {
        const parsed = liveEventSchema.safeParse({ type, data: JSON.parse(e.data) });
        if (parsed.success) onEvent(parsed.data);
      } catch {
        // a malformed event is dropped; polling still converges
      }
    };
    for (const type of ['binding', 'card_registration', 'instrument', 'payment', 'refund', 'unbinding']) {
      source.addEventListener(type, handle(type) as EventListener);
    }
    source.addEventListener('ready', () => onState(true));
    source.onerror = () => onState(false);
    return () => source.close();
  }
}
