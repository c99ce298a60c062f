/**
 * Test helpers: a partner client that signs requests the way Ayoconnect expects, and a merchant
 * endpoint that records callbacks. Used by this package's tests; no port is opened.
 */
import type { BankCode } from '@ayokit/core';
import {
  type BindingInquiryResponse,
  CARD_AUTHORIZATION_HEADER,
  CARD_METHODS,
  type CardEndpoint,
  type CardRecord,
  cardTimestamp,
  DD_PATHS,
  type DdEndpoint,
  generateRsaKeyPair,
  HEADERS,
  type InquiryAccount,
  importPrivateKey,
  randomAlphanumeric,
  resolveWireProfile,
  type SignatureEncoding,
  type SnapResponse,
  signAsymmetric,
  signTransactional,
  snapTimestamp,
  verifyCallback,
  type WireProfile,
} from '@ayokit/core/snap';
import { inject } from 'vitest';
import {
  type CardDriveInput,
  type CardDriveResult,
  type DriveResult,
  driveBindingWebview,
  driveCardRegistration,
} from './drive';
import { createSandboxOn, DEFAULT_CARD_CLIENT, type Sandbox, type SandboxOptions } from './sandbox';
import { TEST_OTP } from './testData';

export const MERCHANT_ID = 'AYOPOP';
export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret-0123456789';
export const CALLBACK_URL = 'https://merchant.test/ayoconnect/callback';
export const CALLBACK_SECRET = 'callback-secret';
export const BASE_URL = 'http://sandbox.test';
/** 2026-01-15 10:00 WIB: tests pick card expiries relative to it. */
export const START_TIME = Date.UTC(2026, 0, 15, 3, 0, 0);
export const DAY = 86_400;

interface TestKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The partner's key pair, made once per run by test/testKeys.ts. */
    sandboxTestKeys: TestKeys;
  }
}

let keys: Promise<TestKeys> | null = null;
/** The run's key pair (see test/testKeys.ts); a worker makes its own only when the run made none. */
function testKeys(): Promise<TestKeys> {
  keys ??= Promise.resolve(inject('sandboxTestKeys') ?? generateRsaKeyPair());
  return keys;
}

export type Json = SnapResponse & Record<string, unknown>;

export interface CallOptions {
  customerToken?: string;
  externalId?: string;
  /** Header overrides; null removes the header. */
  headers?: Record<string, string | null>;
  timestamp?: string;
  /** A B2B token other than the client's own. */
  token?: string;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  /** Signs with this secret instead of the client's. */
  secret?: string;
}

export interface CallResult<T> {
  status: number;
  body: T;
}

export interface ReceivedCallback {
  type: string | null;
  body: Record<string, unknown>;
  raw: string;
  headers: Headers;
  signatureValid: boolean;
  at: number;
}

export interface BindInput {
  /** The merchant's id of its user (profile.dd.bindingCustomerIdField). */
  customerId: string;
  bankCode: BankCode;
  accountNumber: string;
  cardExpiry?: string;
  otp?: string;
}

export interface BoundAccount extends InquiryAccount {
  publicUserId: string;
  /** The binding's partnerReferenceNo (the inquiry asks by it). */
  bindingPartnerReferenceNo: string;
}

/** What the inquiry says of one binding. */
export type InquiryInfo = BindingInquiryResponse['additionalInfo'];

/** Keys of `startBinding`'s extras that go inside additionalData (the default profile's places). */
const ADDITIONAL_DATA_KEYS = ['bankCode', 'successRedirectUrl', 'failedRedirectUrl'];

export class TestClient {
  private b2b: { token: string; expiresAt: number } | null = null;

  constructor(
    readonly sandbox: Sandbox,
    private readonly privateKey: Promise<CryptoKey>,
    readonly encoding: SignatureEncoding = 'hex',
    readonly clientId = CLIENT_ID,
    readonly clientSecret = CLIENT_SECRET,
  ) {}

  /** A token request signed with the partner's RSA key. */
  async tokenRequest<T = Json>(
    endpoint: 'b2bToken' | 'b2b2cToken',
    body: unknown,
    options: { headers?: Record<string, string | null>; timestamp?: string; clientId?: string } = {},
  ): Promise<CallResult<T>> {
    const timestamp = options.timestamp ?? snapTimestamp(Date.now());
    const clientId = options.clientId ?? this.clientId;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [HEADERS.timestamp]: timestamp,
      [HEADERS.clientKey]: clientId,
      [HEADERS.signature]: await signAsymmetric(await this.privateKey, clientId, timestamp, this.encoding),
    };
    if (endpoint === 'b2b2cToken') headers[HEADERS.authorization] = `Bearer ${await this.b2bToken()}`;
    applyOverrides(headers, options.headers);
    const res = await this.sandbox.fetch(
      new Request(`${BASE_URL}${DD_PATHS[endpoint]}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, body: (await res.json()) as T };
  }

  /** The client's B2B token, renewed when it nears expiry on the virtual clock. */
  async b2bToken(): Promise<string> {
    if (this.b2b && this.sandbox.clock.now() < this.b2b.expiresAt - 60_000) return this.b2b.token;
    const res = await this.tokenRequest<{ accessToken: string; expiresIn: string }>('b2bToken', {
      grantType: 'client_credentials',
      additionalInfo: { merchantId: MERCHANT_ID },
    });
    if (res.status !== 200) throw new Error(`B2B token failed: ${JSON.stringify(res.body)}`);
    this.b2b = {
      token: res.body.accessToken,
      expiresAt: this.sandbox.clock.now() + Number(res.body.expiresIn) * 1000,
    };
    return this.b2b.token;
  }

  async customerToken(authCode: string): Promise<string> {
    const res = await this.tokenRequest<{ accessToken: string }>('b2b2cToken', {
      grantType: 'authorization_code',
      authCode,
      additionalInfo: {},
    });
    if (res.status !== 200) throw new Error(`B2B2C token failed: ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  /** A transactional call, signed with HMAC-SHA512 over the request. */
  async call<T = Json>(
    endpoint: DdEndpoint,
    body: unknown,
    options: CallOptions = {},
  ): Promise<CallResult<T>> {
    const res = await this.sandbox.fetch(await this.request(endpoint, body, options));
    return { status: res.status, body: (await res.json()) as T };
  }

  async request(endpoint: DdEndpoint, body: unknown, options: CallOptions = {}): Promise<Request> {
    const path = DD_PATHS[endpoint];
    const token = options.token ?? (await this.b2bToken());
    const timestamp = options.timestamp ?? snapTimestamp(Date.now());
    const raw = options.rawBody ?? JSON.stringify(body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [HEADERS.authorization]: `Bearer ${token}`,
      [HEADERS.timestamp]: timestamp,
      [HEADERS.signature]: await signTransactional(
        {
          method: 'POST',
          path,
          accessToken: token,
          body: raw,
          timestamp,
          clientSecret: options.secret ?? this.clientSecret,
        },
        this.encoding,
      ),
      [HEADERS.partnerId]: MERCHANT_ID,
      [HEADERS.externalId]: options.externalId ?? randomAlphanumeric(32),
      [HEADERS.channelId]: '95221',
    };
    if (options.customerToken) headers[HEADERS.customerAuthorization] = `Bearer ${options.customerToken}`;
    applyOverrides(headers, options.headers);
    return new Request(`${BASE_URL}${path}`, { method: 'POST', headers, body: raw });
  }

  /**
   * Starts a binding session through the API. `extra`'s bankCode and redirect URLs go inside
   * additionalData; other keys are laid over the body (undefined removes one).
   */
  startBinding(
    customerId: string,
    extra: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<CallResult<Json & { redirectUrl: string; additionalInfo: { publicUserId: string } }>> {
    const additionalData: Record<string, unknown> = {};
    const top: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(extra)) {
      if (ADDITIONAL_DATA_KEYS.includes(k)) additionalData[k] = v;
      else top[k] = v;
    }
    const body: Record<string, unknown> = {
      partnerReferenceNo: randomAlphanumeric(32),
      lang: 'EN',
      phoneNo: '6281234567890',
      merchantId: MERCHANT_ID,
      additionalData,
      additionalInfo: { customerId },
      ...top,
    };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    return this.call('binding', body, options);
  }

  /** Binds an account end to end: API, webview, inquiry. */
  async bind(input: BindInput): Promise<{
    result: DriveResult;
    publicUserId: string;
    partnerReferenceNo: string;
    account?: BoundAccount;
  }> {
    const externalId = randomAlphanumeric(32);
    const started = await this.startBinding(input.customerId, { bankCode: input.bankCode }, { externalId });
    if (started.status !== 200) throw new Error(`binding failed: ${JSON.stringify(started.body)}`);
    const publicUserId = started.body.additionalInfo.publicUserId;
    const partnerReferenceNo = String(started.body.partnerReferenceNo);
    const result = await driveBindingWebview(this.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: input.accountNumber,
      cardExpiry: input.cardExpiry ?? '12/35',
      otp: input.otp ?? TEST_OTP,
    });
    const info = await this.inquiry(partnerReferenceNo, externalId);
    const bound = info.latestBindingStatus === 'SUCCESS' && info.accountToken && info.authCode;
    return {
      result,
      publicUserId,
      partnerReferenceNo,
      ...(bound
        ? {
            account: {
              accountToken: info.accountToken!,
              authCode: info.authCode!,
              bankCode: info.bankCode!,
              maskedAccountNo: info.maskedAccountNo ?? '',
              tokenStatus: info.tokenStatus ?? 'ACTIVE',
              tokenEndDate: info.tokenEndDate ?? null,
              publicUserId,
              bindingPartnerReferenceNo: partnerReferenceNo,
            },
          }
        : {}),
    };
  }

  /** The inquiry of one binding (by its partnerReferenceNo), with the binding's X-EXTERNAL-ID when given. */
  async inquiry(partnerReferenceNo: string, externalId?: string): Promise<InquiryInfo> {
    const res = await this.call<BindingInquiryResponse>(
      'bindingInquiry',
      { partnerReferenceNo, additionalInfo: {} },
      externalId ? { externalId } : {},
    );
    if (res.status !== 200) throw new Error(`inquiry failed: ${JSON.stringify(res.body)}`);
    return res.body.additionalInfo;
  }

  async pay(
    account: { accountToken: string; authCode: string },
    amount: number,
    partnerReferenceNo = randomAlphanumeric(32),
    externalId?: string,
  ): Promise<
    CallResult<Json & { referenceNo: string; additionalInfo: Record<string, unknown> }> & {
      partnerReferenceNo: string;
    }
  > {
    const customerToken = await this.customerToken(account.authCode);
    const res = await this.call<Json & { referenceNo: string; additionalInfo: Record<string, unknown> }>(
      'payment',
      {
        partnerReferenceNo,
        bankCardToken: account.accountToken,
        merchantId: MERCHANT_ID,
        amount: { value: `${amount}.00`, currency: 'IDR' },
        additionalInfo: {},
      },
      { customerToken, ...(externalId ? { externalId } : {}) },
    );
    return { ...res, partnerReferenceNo };
  }

  async verifyPaymentOtp(
    account: { authCode: string },
    payment: { referenceNo: string; partnerReferenceNo: string },
    otp: string,
    externalId?: string,
  ): Promise<CallResult<Json & { additionalInfo: Record<string, unknown> }>> {
    return this.call(
      'verifyOtp',
      {
        originalPartnerReferenceNo: payment.partnerReferenceNo,
        originalReferenceNo: payment.referenceNo,
        action: 'PAYMENT',
        merchantId: MERCHANT_ID,
        otp,
        additionalInfo: {},
      },
      { customerToken: await this.customerToken(account.authCode), ...(externalId ? { externalId } : {}) },
    );
  }

  status(ref: {
    referenceNo?: string;
    partnerReferenceNo?: string;
  }): Promise<CallResult<Json & Record<string, unknown>>> {
    return this.call('paymentStatus', {
      merchantId: MERCHANT_ID,
      serviceCode: '54',
      ...(ref.referenceNo ? { originalReferenceNo: ref.referenceNo } : {}),
      ...(ref.partnerReferenceNo ? { originalPartnerReferenceNo: ref.partnerReferenceNo } : {}),
    });
  }

  async refund(
    account: { authCode: string },
    payment: { referenceNo: string; partnerReferenceNo: string },
    amount: number,
    partnerRefundNo = randomAlphanumeric(32),
  ): Promise<CallResult<Json>> {
    return this.call(
      'refund',
      {
        originalPartnerReferenceNo: payment.partnerReferenceNo,
        originalReferenceNo: payment.referenceNo,
        partnerRefundNo,
        refundAmount: { value: `${amount}.00`, currency: 'IDR' },
        merchantId: MERCHANT_ID,
      },
      { customerToken: await this.customerToken(account.authCode) },
    );
  }

  async unbind(
    account: BoundAccount,
    partnerReferenceNo = randomAlphanumeric(32),
  ): Promise<CallResult<Json>> {
    return this.call(
      'unbinding',
      {
        partnerReferenceNo,
        merchantId: MERCHANT_ID,
        additionalInfo: {
          publicUserId: account.publicUserId,
          accountToken: account.accountToken,
          bankCode: account.bankCode,
        },
      },
      { customerToken: await this.customerToken(account.authCode) },
    );
  }
}

function applyOverrides(
  headers: Record<string, string>,
  overrides: Record<string, string | null> | undefined,
): void {
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    if (value === null) delete headers[key];
    else headers[key] = value;
  }
}

/** The merchant's callback endpoint: records every callback, answers with `status()` (200 unless changed). */
export class MerchantEndpoint {
  readonly received: ReceivedCallback[] = [];
  attempts = 0;
  respond: (callback: ReceivedCallback) => number = () => 200;

  constructor(private readonly now: () => number) {}

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const raw = await req.text();
    const timestamp = req.headers.get(HEADERS.timestamp) ?? '';
    const signatureValid = await verifyCallback(
      { path: new URL(req.url).pathname, body: raw, timestamp, secret: CALLBACK_SECRET },
      req.headers.get(HEADERS.signature) ?? '',
    );
    const callback: ReceivedCallback = {
      type: req.headers.get('X-CALLBACK-TYPE'),
      body: JSON.parse(raw) as Record<string, unknown>,
      raw,
      headers: req.headers,
      signatureValid,
      at: this.now(),
    };
    this.attempts += 1;
    const status = this.respond(callback);
    if (status >= 200 && status < 300) this.received.push(callback);
    return new Response(null, { status });
  };

  ofType(type: string): ReceivedCallback[] {
    return this.received.filter((c) => c.type === type);
  }
}

/** Where the card test client's registrations send the user back. */
export const CARD_RETURN_URL = 'https://merchant.test/cards/done';

/**
 * A merchant's client of the Card Acceptance API: its own token, the headers `profile.card` names
 * and a flow's correlation id; the status as a GET with a query.
 */
export class CardTestClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    readonly sandbox: Sandbox,
    readonly clientId = DEFAULT_CARD_CLIENT.clientId,
    readonly clientSecret = DEFAULT_CARD_CLIENT.clientSecret,
    /** The profile the sandbox serves (the same overrides). */
    readonly profile: WireProfile = resolveWireProfile(),
  ) {}

  /** The token request; `form` overrides the form fields (null removes one). */
  async tokenRequest<T = Record<string, unknown>>(
    options: { query?: string; form?: Record<string, string | null>; contentType?: string } = {},
  ): Promise<CallResult<T>> {
    const form: Record<string, string> = { client_id: this.clientId, client_secret: this.clientSecret };
    for (const [k, v] of Object.entries(options.form ?? {})) {
      if (v === null) delete form[k];
      else form[k] = v;
    }
    const path = this.profile.card.paths.token;
    const res = await this.sandbox.fetch(
      new Request(`${BASE_URL}${path}${options.query ?? '?grant_type=client_credentials'}`, {
        method: 'POST',
        headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
    return { status: res.status, body: (await res.json()) as T };
  }

  async accessToken(): Promise<string> {
    if (this.token && this.sandbox.clock.now() < this.token.expiresAt - 60_000) return this.token.value;
    const res = await this.tokenRequest<{ accessToken: string; expiresIn: string }>();
    if (res.status !== 200) throw new Error(`card token failed: ${JSON.stringify(res.body)}`);
    this.token = {
      value: res.body.accessToken,
      expiresAt: this.sandbox.clock.now() + Number(res.body.expiresIn) * 1000,
    };
    return this.token.value;
  }

  /** A request; the status (a GET) carries `body`'s fields as its query string. */
  async request(endpoint: CardEndpoint, body: unknown, options: CallOptions = {}): Promise<Request> {
    const token = options.token ?? (await this.accessToken());
    const names = this.profile.card.headers;
    const headers: Record<string, string> = {
      [CARD_AUTHORIZATION_HEADER]: `Bearer ${token}`,
      [names.timestamp]: options.timestamp ?? cardTimestamp(Date.now(), this.profile.card.timestampFormat),
      [names.requestId]: options.externalId ?? randomAlphanumeric(32),
      [names.merchantCode]: MERCHANT_ID,
      [names.correlationId]: randomAlphanumeric(32),
    };
    const url = new URL(`${BASE_URL}${this.profile.card.paths[endpoint]}`);
    if (CARD_METHODS[endpoint] === 'GET') {
      for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
        if (v !== undefined && v !== null)
          url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      }
      applyOverrides(headers, options.headers);
      return new Request(url, { method: 'GET', headers });
    }
    headers['Content-Type'] = 'application/json';
    applyOverrides(headers, options.headers);
    return new Request(url, { method: 'POST', headers, body: options.rawBody ?? JSON.stringify(body) });
  }

  /** A card API call; `options.externalId` sets the request id. */
  async call<T = Json>(
    endpoint: CardEndpoint,
    body: unknown,
    options: CallOptions = {},
  ): Promise<CallResult<T>> {
    const res = await this.sandbox.fetch(await this.request(endpoint, body, options));
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** generate-webview for `customerId` (the customer object's id); `extra` is laid over the body. */
  startRegistration(
    customerId: string,
    extra: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<CallResult<Json & { referenceNo: string; webviewUrl: string; sessionExpiresAt: string }>> {
    return this.call(
      'registration',
      {
        partnerReferenceNo: randomAlphanumeric(32),
        customer: { id: customerId },
        successRedirectUrl: CARD_RETURN_URL,
        additionalInfo: { lang: 'EN' },
        ...extra,
      },
      options,
    );
  }

  /** Registers a card end to end: API, hosted page (3-D Secure when asked), card list. */
  async register(
    customerId: string,
    card: CardDriveInput,
    extra: Record<string, unknown> = {},
  ): Promise<{ result: CardDriveResult; referenceNo: string; card: CardRecord | undefined }> {
    const started = await this.startRegistration(customerId, extra);
    if (started.status !== 200) throw new Error(`registration failed: ${JSON.stringify(started.body)}`);
    const result = await driveCardRegistration(this.sandbox.fetch, started.body.webviewUrl, card);
    const list = await this.call<{ cards: CardRecord[] }>('cards', {
      customerId,
      referenceNo: started.body.referenceNo,
    });
    return { result, referenceNo: started.body.referenceNo, card: list.body.cards[0] };
  }

  /** A registered card's token, or throws. */
  async cardToken(customerId: string, cardNumber: string): Promise<string> {
    const { card } = await this.register(customerId, { cardNumber });
    if (!card?.cardToken) throw new Error(`card registration failed: ${JSON.stringify(card)}`);
    return card.cardToken;
  }

  /**
   * create-charge: `partnerReferenceNo` is the operation's own reference; the order's id is it for
   * PAY/AUTHORIZE and the authorisation's (`orderId`) for CAPTURE.
   */
  charge(
    body: {
      customerId: string;
      operation: 'PAY' | 'AUTHORIZE' | 'CAPTURE';
      amount: number;
      cardToken: string;
      orderId?: string;
    } & Record<string, unknown>,
    partnerReferenceNo = randomAlphanumeric(32),
    options: CallOptions = {},
  ): Promise<CallResult<Json & Record<string, unknown>>> {
    const { amount, orderId, ...rest } = body;
    return this.call(
      'charge',
      {
        partnerReferenceNo,
        ...rest,
        order: { id: orderId ?? partnerReferenceNo, amount: `${amount}.00`, currency: 'IDR' },
      },
      options,
    );
  }

  /** The status GET by the gateway's referenceNo or a partnerReferenceNo. */
  status(id: string, customerId: string): Promise<CallResult<Json & Record<string, unknown>>> {
    return this.call('status', { referenceNo: id, customerId, merchantId: MERCHANT_ID });
  }
}

export interface TestEnv {
  sandbox: Sandbox;
  client: TestClient;
  card: CardTestClient;
  merchant: MerchantEndpoint;
}

/** Real time that stands still: a test env's virtual time moves only when the test moves it. */
const STANDING_STILL = () => 0;

/**
 * A sandbox, its clients and the merchant's callback endpoint. Its virtual clock follows
 * `realNow`, by default one that stands still; a test of the real-time runner (`start()`) passes
 * `() => Date.now()` under Vitest's fake timers.
 */
export async function createTestEnv(
  overrides: Partial<SandboxOptions> = {},
  realNow: () => number = STANDING_STILL,
): Promise<TestEnv> {
  const { privateKeyPem, publicKeyPem } = await testKeys();
  let sandbox: Sandbox | null = null;
  const merchant = new MerchantEndpoint(() => sandbox?.clock.now() ?? 0);
  sandbox = createSandboxOn(realNow, {
    merchantId: MERCHANT_ID,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, publicKeyPem }],
    publicBaseUrl: BASE_URL,
    callbackUrl: CALLBACK_URL,
    callbackSecret: CALLBACK_SECRET,
    startTime: START_TIME,
    fetch: merchant.fetch,
    ...overrides,
  });
  const client = new TestClient(
    sandbox,
    importPrivateKey(privateKeyPem),
    overrides.signatureEncoding ?? 'hex',
  );
  const card = new CardTestClient(sandbox, undefined, undefined, resolveWireProfile(overrides.profile));
  return { sandbox, client, card, merchant };
}

/** Reads the test key pair (e.g. to build a second client). */
export function testKeyPair(): Promise<TestKeys> {
  return testKeys();
}
