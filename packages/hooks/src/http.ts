import {
  API_PREFIX,
  AyoError,
  apiErrorSchema,
  auditResponse,
  banksResponse,
  bindingResponse,
  type CapturePaymentRequest,
  type CreateBindingRequest,
  type CreateCardRegistrationRequest,
  type CreateRefundRequest,
  capabilitiesSchema,
  cardRegistrationResponse,
  checkoutResponse,
  IDEMPOTENCY_HEADER,
  instrumentResponse,
  instrumentsResponse,
  liveEventSchema,
  type PayCheckoutRequest,
  paymentResponse,
  paymentsResponse,
  refundResponse,
  refundsResponse,
  STAFF_API_PREFIX,
  type StaffListPaymentsQuery,
  staffMeResponse,
  staffPaymentResponse,
  staffPaymentsResponse,
  unbindingResponse,
  type VoidPaymentRequest,
} from '@ayokit/core';
import type * as z from 'zod/mini';
import type { Audience, AuditQuery, AyoApi } from './api';

const enc = encodeURIComponent;

/** `?a=1&b=x` from the defined values of a query, or '' when there are none. */
function search(query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface HttpAyoClientOptions {
  /** Where the proxy is mounted, e.g. `/ayokit` or `https://shop.example/ayokit`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Cookies to the proxy: `include` when it is on another origin. */
  credentials?: RequestCredentials;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

/**
 * The proxy over HTTP: the shopper's `${baseUrl}/v1` and the back office's `${baseUrl}/staff/v1`.
 * Every response is validated with the contract's schemas.
 */
export class HttpAyoClient implements AyoApi {
  private readonly base: string;
  private readonly staffBase: string;

  constructor(private readonly options: HttpAyoClientOptions) {
    const root = options.baseUrl.replace(/\/$/, '');
    this.base = `${root}${API_PREFIX.replace(/^\/ayokit/, '')}`;
    this.staffBase = `${root}${STAFF_API_PREFIX.replace(/^\/ayokit/, '')}`;
  }

  private request<S extends z.ZodMiniType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    return this.send(schema, `${this.base}${path}`, method, body, idempotencyKey);
  }

  private staff<S extends z.ZodMiniType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    return this.send(schema, `${this.staffBase}${path}`, method, body, idempotencyKey);
  }

  private async send<S extends z.ZodMiniType>(
    schema: S,
    url: string,
    method: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(url, {
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

  getCapabilities(audience: Audience) {
    return this.send(
      capabilitiesSchema,
      `${audience === 'staff' ? this.staffBase : this.base}/capabilities`,
      'GET',
    );
  }
  async listBanks() {
    return (await this.request(banksResponse, 'GET', '/banks')).banks;
  }
  async startBinding(input: CreateBindingRequest, key: string) {
    return (await this.request(bindingResponse, 'POST', '/bindings', input, key)).binding;
  }
  async getBinding(id: string) {
    return (await this.request(bindingResponse, 'GET', `/bindings/${enc(id)}`)).binding;
  }
  async startCardRegistration(input: CreateCardRegistrationRequest, key: string) {
    return (await this.request(cardRegistrationResponse, 'POST', '/card-registrations', input, key))
      .cardRegistration;
  }
  async getCardRegistration(id: string) {
    return (await this.request(cardRegistrationResponse, 'GET', `/card-registrations/${enc(id)}`))
      .cardRegistration;
  }
  async listInstruments() {
    return (await this.request(instrumentsResponse, 'GET', '/instruments')).instruments;
  }
  async setDefaultInstrument(id: string) {
    return (
      await this.request(instrumentResponse, 'PATCH', `/instruments/${enc(id)}`, {
        isDefault: true,
      })
    ).instrument;
  }
  async startUnbinding(instrumentId: string, key: string) {
    return (
      await this.request(unbindingResponse, 'POST', `/instruments/${enc(instrumentId)}/unbind`, {}, key)
    ).unbinding;
  }
  async getUnbinding(id: string) {
    return (await this.request(unbindingResponse, 'GET', `/unbindings/${enc(id)}`)).unbinding;
  }
  async submitUnbindingOtp(id: string, otp: string) {
    return (await this.request(unbindingResponse, 'POST', `/unbindings/${enc(id)}/otp`, { otp })).unbinding;
  }
  async resendUnbindingOtp(id: string) {
    return (await this.request(unbindingResponse, 'POST', `/unbindings/${enc(id)}/otp/resend`, {})).unbinding;
  }
  async getCheckout(id: string) {
    return (await this.request(checkoutResponse, 'GET', `/checkouts/${enc(id)}`)).checkout;
  }
  async payCheckout(checkoutId: string, input: PayCheckoutRequest, key: string) {
    return (await this.request(paymentResponse, 'POST', `/checkouts/${enc(checkoutId)}/pay`, input, key))
      .payment;
  }
  async getPayment(id: string) {
    return (await this.request(paymentResponse, 'GET', `/payments/${enc(id)}`)).payment;
  }
  async listPayments() {
    return (await this.request(paymentsResponse, 'GET', '/payments')).payments;
  }
  async submitPaymentOtp(id: string, otp: string) {
    return (await this.request(paymentResponse, 'POST', `/payments/${enc(id)}/otp`, { otp })).payment;
  }
  async resendPaymentOtp(id: string) {
    return (await this.request(paymentResponse, 'POST', `/payments/${enc(id)}/otp/resend`, {})).payment;
  }
  async listRefunds(paymentId: string) {
    return (await this.request(refundsResponse, 'GET', `/payments/${enc(paymentId)}/refunds`)).refunds;
  }

  // ---- staff -------------------------------------------------------------------------------

  async getStaff() {
    return (await this.staff(staffMeResponse, 'GET', '/me')).staff;
  }
  async listStaffPayments(query: StaffListPaymentsQuery = {}) {
    return (await this.staff(staffPaymentsResponse, 'GET', `/payments${search(query)}`)).payments;
  }
  async getStaffPayment(id: string) {
    return (await this.staff(staffPaymentResponse, 'GET', `/payments/${enc(id)}`)).payment;
  }
  async listStaffRefunds(paymentId: string) {
    return (await this.staff(refundsResponse, 'GET', `/payments/${enc(paymentId)}/refunds`)).refunds;
  }
  async createRefund(paymentId: string, input: CreateRefundRequest, key: string) {
    return (await this.staff(refundResponse, 'POST', `/payments/${enc(paymentId)}/refunds`, input, key))
      .refund;
  }
  async capturePayment(id: string, input: CapturePaymentRequest, key: string) {
    return (await this.staff(staffPaymentResponse, 'POST', `/payments/${enc(id)}/capture`, input, key))
      .payment;
  }
  async voidPayment(id: string, input: VoidPaymentRequest, key: string) {
    return (await this.staff(staffPaymentResponse, 'POST', `/payments/${enc(id)}/void`, input, key)).payment;
  }
  async listAuditEntries(query: AuditQuery = {}) {
    return (await this.staff(auditResponse, 'GET', `/audit${search({ ...query })}`)).entries;
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
