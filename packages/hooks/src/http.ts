import {
  API_PREFIX,
  AyoError,
  apiErrorCheck,
  auditResponseCheck,
  banksResponseCheck,
  bindingResponseCheck,
  type CapturePaymentRequest,
  type Check,
  type CreateBindingRequest,
  type CreateCardRegistrationRequest,
  type CreateRefundRequest,
  capabilitiesCheck,
  cardRegistrationResponseCheck,
  checkoutResponseCheck,
  IDEMPOTENCY_HEADER,
  instrumentResponseCheck,
  instrumentsResponseCheck,
  liveEventCheck,
  type PayCheckoutRequest,
  paymentResponseCheck,
  paymentsResponseCheck,
  refundResponseCheck,
  refundsResponseCheck,
  STAFF_API_PREFIX,
  type StaffListPaymentsQuery,
  staffMeResponseCheck,
  staffPaymentResponseCheck,
  staffPaymentsResponseCheck,
  unbindingResponseCheck,
  type VoidPaymentRequest,
  validate,
} from '@ayokit/core';
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
 * Every response is checked against the contract's schemas (their compiled form, without zod's
 * runtime: `@ayokit/core`'s checks.gen.ts).
 */
export class HttpAyoClient implements AyoApi {
  private readonly base: string;
  private readonly staffBase: string;

  constructor(private readonly options: HttpAyoClientOptions) {
    const root = options.baseUrl.replace(/\/$/, '');
    this.base = `${root}${API_PREFIX.replace(/^\/ayokit/, '')}`;
    this.staffBase = `${root}${STAFF_API_PREFIX.replace(/^\/ayokit/, '')}`;
  }

  private request<T>(
    check: Check<T>,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    return this.send(check, `${this.base}${path}`, method, body, idempotencyKey);
  }

  private staff<T>(
    check: Check<T>,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    return this.send(check, `${this.staffBase}${path}`, method, body, idempotencyKey);
  }

  private async send<T>(
    check: Check<T>,
    url: string,
    method: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
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
      const err = validate(apiErrorCheck, json);
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
    const parsed = validate(check, json);
    if (!parsed.success)
      throw new AyoError('INTERNAL', 'The payment server sent a response this kit does not understand.');
    return parsed.data;
  }

  getCapabilities(audience: Audience) {
    return this.send(
      capabilitiesCheck,
      `${audience === 'staff' ? this.staffBase : this.base}/capabilities`,
      'GET',
    );
  }
  async listBanks() {
    return (await this.request(banksResponseCheck, 'GET', '/banks')).banks;
  }
  async startBinding(input: CreateBindingRequest, key: string) {
    return (await this.request(bindingResponseCheck, 'POST', '/bindings', input, key)).binding;
  }
  async getBinding(id: string) {
    return (await this.request(bindingResponseCheck, 'GET', `/bindings/${enc(id)}`)).binding;
  }
  async startCardRegistration(input: CreateCardRegistrationRequest, key: string) {
    return (await this.request(cardRegistrationResponseCheck, 'POST', '/card-registrations', input, key))
      .cardRegistration;
  }
  async getCardRegistration(id: string) {
    return (await this.request(cardRegistrationResponseCheck, 'GET', `/card-registrations/${enc(id)}`))
      .cardRegistration;
  }
  async listInstruments() {
    return (await this.request(instrumentsResponseCheck, 'GET', '/instruments')).instruments;
  }
  async setDefaultInstrument(id: string) {
    return (
      await this.request(instrumentResponseCheck, 'PATCH', `/instruments/${enc(id)}`, {
        isDefault: true,
      })
    ).instrument;
  }
  async startUnbinding(instrumentId: string, key: string) {
    return (
      await this.request(unbindingResponseCheck, 'POST', `/instruments/${enc(instrumentId)}/unbind`, {}, key)
    ).unbinding;
  }
  async getUnbinding(id: string) {
    return (await this.request(unbindingResponseCheck, 'GET', `/unbindings/${enc(id)}`)).unbinding;
  }
  async submitUnbindingOtp(id: string, otp: string) {
    return (await this.request(unbindingResponseCheck, 'POST', `/unbindings/${enc(id)}/otp`, { otp }))
      .unbinding;
  }
  async resendUnbindingOtp(id: string) {
    return (await this.request(unbindingResponseCheck, 'POST', `/unbindings/${enc(id)}/otp/resend`, {}))
      .unbinding;
  }
  async getCheckout(id: string) {
    return (await this.request(checkoutResponseCheck, 'GET', `/checkouts/${enc(id)}`)).checkout;
  }
  async payCheckout(checkoutId: string, input: PayCheckoutRequest, key: string) {
    return (await this.request(paymentResponseCheck, 'POST', `/checkouts/${enc(checkoutId)}/pay`, input, key))
      .payment;
  }
  async getPayment(id: string) {
    return (await this.request(paymentResponseCheck, 'GET', `/payments/${enc(id)}`)).payment;
  }
  async listPayments() {
    return (await this.request(paymentsResponseCheck, 'GET', '/payments')).payments;
  }
  async submitPaymentOtp(id: string, otp: string) {
    return (await this.request(paymentResponseCheck, 'POST', `/payments/${enc(id)}/otp`, { otp })).payment;
  }
  async resendPaymentOtp(id: string) {
    return (await this.request(paymentResponseCheck, 'POST', `/payments/${enc(id)}/otp/resend`, {})).payment;
  }
  async listRefunds(paymentId: string) {
    return (await this.request(refundsResponseCheck, 'GET', `/payments/${enc(paymentId)}/refunds`)).refunds;
  }

  // ---- staff -------------------------------------------------------------------------------

  async getStaff() {
    return (await this.staff(staffMeResponseCheck, 'GET', '/me')).staff;
  }
  async listStaffPayments(query: StaffListPaymentsQuery = {}) {
    return (await this.staff(staffPaymentsResponseCheck, 'GET', `/payments${search(query)}`)).payments;
  }
  async getStaffPayment(id: string) {
    return (await this.staff(staffPaymentResponseCheck, 'GET', `/payments/${enc(id)}`)).payment;
  }
  async listStaffRefunds(paymentId: string) {
    return (await this.staff(refundsResponseCheck, 'GET', `/payments/${enc(paymentId)}/refunds`)).refunds;
  }
  async createRefund(paymentId: string, input: CreateRefundRequest, key: string) {
    return (await this.staff(refundResponseCheck, 'POST', `/payments/${enc(paymentId)}/refunds`, input, key))
      .refund;
  }
  async capturePayment(id: string, input: CapturePaymentRequest, key: string) {
    return (await this.staff(staffPaymentResponseCheck, 'POST', `/payments/${enc(id)}/capture`, input, key))
      .payment;
  }
  async voidPayment(id: string, input: VoidPaymentRequest, key: string) {
    return (await this.staff(staffPaymentResponseCheck, 'POST', `/payments/${enc(id)}/void`, input, key))
      .payment;
  }
  async listAuditEntries(query: AuditQuery = {}) {
    return (await this.staff(auditResponseCheck, 'GET', `/audit${search({ ...query })}`)).entries;
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
        const parsed = validate(liveEventCheck, { type, data: JSON.parse(e.data) });
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
