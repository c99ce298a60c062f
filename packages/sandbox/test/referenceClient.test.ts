/**
 * Acceptance test: a Direct Debit client written only from /work/shared/design/AYOCONNECT-API.md
 * (the public reference), with its own RSA and HMAC signing (node:crypto) and its own bodies,
 * holding no field the reference does not give. It imports nothing from the project but the
 * sandbox it talks to. Where the reference hides a response field's name, it looks for it at the
 * top level and under additionalInfo, as a client reading an unknown shape would.
 */
import { createHash, createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../src';

const MERCHANT = 'REFCLI'; // X-PARTNER-ID, merchantId: 6 characters [ref §3]
const CLIENT_ID = 'refclient0000000000000000000000a'; // X-CLIENT-KEY: 32 [ref §2]
const CLIENT_SECRET = 'ref-client-secret';
const ORIGIN = 'http://ayoconnect.test';
const DD = '/dd/api/v3.0'; // [ref §1]
const PATH = {
  b2b: `${DD}/access-token/b2b`,
  b2b2c: `${DD}/access-token/b2b2c`,
  binding: `${DD}/registration-account-binding`,
  inquiry: `${DD}/registration-account-inquiry`,
  unbinding: `${DD}/registration-account-unbinding`,
  payment: `${DD}/debit/payment-host-to-host`,
  verifyOtp: `${DD}/otp-verification`,
  status: `${DD}/debit/status`,
  refund: `${DD}/debit/refund`,
} as const;
type Endpoint = keyof typeof PATH;

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** yyyy-MM-ddTHH:mm:ssTZD in Jakarta time [ref §3]. */
function timestamp(ms = Date.now()): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** 32 alphanumerics: X-EXTERNAL-ID, partnerReferenceNo [ref §3, §7]. */
function alnum32(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => chars[b % chars.length]).join('');
}

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json & { responseCode: string; responseMessage: string };
}

/** A field whose name the reference hides: at the top level or under additionalInfo. */
function field(body: Json, name: string): unknown {
  const info = body.additionalInfo as Json | undefined;
  return body[name] ?? info?.[name];
}

let sandbox: Sandbox;
let b2bToken = '';

async function send(path: string, headers: Record<string, string>, raw: string): Promise<Answer> {
  const res = await sandbox.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: raw,
    }),
  );
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** Token calls: X-SIGNATURE = SHA256withRSA(private key, client_id + "|" + X-TIMESTAMP), hex [ref §2, §4]. */
function tokenCall(path: string, body: Json, extra: Record<string, string> = {}): Promise<Answer> {
  const ts = timestamp();
  const signature = createSign('RSA-SHA256').update(`${CLIENT_ID}|${ts}`).sign(privateKey, 'hex');
  return send(
    path,
    { 'X-TIMESTAMP': ts, 'X-CLIENT-KEY': CLIENT_ID, 'X-SIGNATURE': signature, ...extra },
    JSON.stringify(body),
  );
}

/**
 * Transactional calls: X-SIGNATURE = HMAC_SHA512(clientSecret,
 * METHOD:URLPath:B2BToken:lowercase(hex(SHA256(minify(body)))):X-TIMESTAMP), hex [ref §4].
 */
function call(
  endpoint: Exclude<Endpoint, 'b2b' | 'b2b2c'>,
  body: Json,
  options: { externalId: string; customerToken?: string },
): Promise<Answer> {
  const path = PATH[endpoint];
  const raw = JSON.stringify(body);
  const ts = timestamp();
  const bodyHash = createHash('sha256').update(raw).digest('hex').toLowerCase();
  const signature = createHmac('sha512', CLIENT_SECRET)
    .update(`POST:${path}:${b2bToken}:${bodyHash}:${ts}`)
    .digest('hex');
  return send(
    path,
    {
      Authorization: `Bearer ${b2bToken}`,
      ...(options.customerToken ? { 'Authorization-Customer': `Bearer ${options.customerToken}` } : {}),
      'X-TIMESTAMP': ts,
      'X-SIGNATURE': signature,
      'X-PARTNER-ID': MERCHANT,
      'X-EXTERNAL-ID': options.externalId,
      'CHANNEL-ID': '95221',
    },
    raw,
  );
}

/** The sandbox's bank page (its own UI, not Ayoconnect's API), walked over HTTP like a browser. */
async function completeWebview(url: string, bankCode: string, accountNumber: string): Promise<string> {
  let next = new URL(url);
  for (let step = 0; step < 10; step++) {
    const page = await sandbox.fetch(new Request(next, { redirect: 'manual' }));
    const html = await page.text();
    const state = /data-state="([^"]+)"/.exec(html)?.[1];
    const form: Record<string, string> | null =
      state === 'choosing-bank'
        ? { step: 'bank', bankCode }
        : state === 'account-details'
          ? { step: 'account', accountNumber, cardExpiry: '12/35' }
          : state === 'otp'
            ? { step: 'otp', otp: '123456' }
            : null;
    if (!form) return state ?? `HTTP ${page.status}`;
    const posted = await sandbox.fetch(
      new Request(next, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
    await posted.body?.cancel();
    next = new URL(posted.headers.get('location') ?? next.toString(), next);
  }
  throw new Error('the bank page did not finish');
}

/** Everything the happy path learns, for the checks that follow it. */
const flow = {
  bindingExternalId: alnum32(),
  bindingRef: alnum32(),
  publicUserId: '',
  accountToken: '',
  authCode: '',
  bankCode: '',
  customerToken: '',
  paymentExternalId: alnum32(),
  paymentRef: alnum32(),
  paymentBody: {} as Json,
  paymentAnswer: null as Answer | null,
  referenceNo: '',
};

beforeAll(async () => {
  sandbox = createSandbox({
    merchantId: MERCHANT,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, publicKeyPem: PUBLIC_PEM }],
    publicBaseUrl: ORIGIN,
  });
});
afterAll(() => sandbox.stop());

describe('a client written from the public reference', () => {
  it('B2B token: grantType + additionalInfo, RSA-signed (2007300)', async () => {
    const res = await tokenCall(PATH.b2b, { grantType: 'client_credentials', additionalInfo: {} });
    expect(res.body).toMatchObject({ responseCode: '2007300', tokenType: 'BearerToken' });
    b2bToken = String(res.body.accessToken);
    expect(b2bToken.length).toBeGreaterThan(0);
  });

  it('binding → bank page → inquiry with the binding’s X-EXTERNAL-ID', async () => {
    const bound = await call(
      'binding',
      {
        partnerReferenceNo: flow.bindingRef,
        lang: 'EN',
        phoneNo: '6281234567890',
        merchantId: MERCHANT,
        additionalData: {},
        additionalInfo: {},
      },
      { externalId: flow.bindingExternalId },
    );
    expect(bound.body.responseCode).toBe('2000700');
    const webview = String(field(bound.body, 'redirectUrl'));
    expect(webview).toMatch(/^http:\/\/ayoconnect\.test\//);
    expect(await completeWebview(webview, '014', '1234567890')).toBe('success');

    const inquiry = await call(
      'inquiry',
      { partnerReferenceNo: flow.bindingRef, additionalInfo: {} },
      { externalId: flow.bindingExternalId },
    );
    expect(inquiry.body.responseCode).toBe('2000800');
    expect(field(inquiry.body, 'latestBindingStatus')).toBe('SUCCESS');
    expect(field(inquiry.body, 'tokenStatus')).toBe('ACTIVE');
    expect(field(inquiry.body, 'maskedAccountNo')).toBe('******7890');
    flow.publicUserId = String(field(inquiry.body, 'publicUserId'));
    flow.accountToken = String(field(inquiry.body, 'accountToken'));
    flow.authCode = String(field(inquiry.body, 'authCode'));
    flow.bankCode = String(field(inquiry.body, 'bankCode'));
    expect(flow.bankCode).toBe('014');
    expect(flow.authCode).toMatch(/^[A-Za-z0-9]{32}$/); // 32 alnum [ref §2]
  });

  it('B2B2C token with the binding’s authCode (2007400)', async () => {
    const res = await tokenCall(
      PATH.b2b2c,
      { grantType: 'authorization_code', authCode: flow.authCode, additionalInfo: {} },
      { Authorization: `Bearer ${b2bToken}` },
    );
    expect(res.body.responseCode).toBe('2007400');
    flow.customerToken = String(res.body.accessToken);
  });

  it('payment needing an OTP → verify-OTP and status with the payment’s X-EXTERNAL-ID', async () => {
    flow.paymentBody = {
      partnerReferenceNo: flow.paymentRef,
      bankCardToken: flow.accountToken,
      merchantId: MERCHANT,
      amount: { value: '150000.00', currency: 'IDR' },
      additionalInfo: { additionalInfo1: 'Order 42' },
    };
    const paid = await call('payment', flow.paymentBody, {
      externalId: flow.paymentExternalId,
      customerToken: flow.customerToken,
    });
    expect(paid.body.responseCode).toBe('2005400');
    flow.paymentAnswer = paid;
    flow.referenceNo = String(paid.body.referenceNo);
    expect(flow.referenceNo).toMatch(/^[A-Za-z0-9]{1,64}$/);

    const verified = await call(
      'verifyOtp',
      {
        originalPartnerReferenceNo: flow.paymentRef,
        originalReferenceNo: flow.referenceNo,
        action: 'PAYMENT',
        merchantId: MERCHANT,
        otp: '123456',
        additionalInfo: {},
      },
      { externalId: flow.paymentExternalId, customerToken: flow.customerToken },
    );
    expect(verified.body.responseCode).toBe('2000400');

    await sandbox.clock.advance(5); // the bank settles
    const status = await call(
      'status',
      { merchantId: MERCHANT, serviceCode: '54', originalReferenceNo: flow.referenceNo },
      { externalId: flow.paymentExternalId },
    );
    expect(status.body).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });
  });

  it('an identical replay of the payment gets the first answer back; nothing is charged twice', async () => {
    const replay = await call('payment', flow.paymentBody, {
      externalId: flow.paymentExternalId,
      customerToken: flow.customerToken,
    });
    expect(replay.status).toBe(flow.paymentAnswer?.status);
    expect(replay.body).toEqual(flow.paymentAnswer?.body);
    expect(sandbox.ledger().filter((e) => e.partnerReferenceNo === flow.paymentRef)).toHaveLength(1);
  });

  it('the same partnerReferenceNo with another body: 409xx01', async () => {
    const res = await call(
      'payment',
      { ...flow.paymentBody, amount: { value: '1.00', currency: 'IDR' } },
      { externalId: flow.paymentExternalId, customerToken: flow.customerToken },
    );
    expect(res.status).toBe(409);
    expect(res.body.responseCode).toBe('4095401');
  });

  it('another flow reusing an X-EXTERNAL-ID: 409xx00', async () => {
    // A new payment carrying the binding flow's value…
    const res = await call(
      'payment',
      { ...flow.paymentBody, partnerReferenceNo: alnum32() },
      { externalId: flow.bindingExternalId, customerToken: flow.customerToken },
    );
    expect(res.status).toBe(409);
    expect(res.body.responseCode).toBe('4095400');
    // …or another binding's inquiry carrying the payment flow's value.
    const inquiry = await call(
      'inquiry',
      { partnerReferenceNo: flow.bindingRef, additionalInfo: {} },
      { externalId: flow.paymentExternalId },
    );
    expect(inquiry.body.responseCode).toBe('4090800');
  });

  it('a partial refund with the payment’s X-EXTERNAL-ID; a second one shares it', async () => {
    const refund = (partnerRefundNo: string, value: string) =>
      call(
        'refund',
        {
          originalPartnerReferenceNo: flow.paymentRef,
          originalReferenceNo: flow.referenceNo,
          merchantId: MERCHANT,
          partnerRefundNo,
          refundAmount: { value, currency: 'IDR' },
        },
        { externalId: flow.paymentExternalId, customerToken: flow.customerToken },
      );
    expect((await refund(alnum32(), '50000.00')).body.responseCode).toBe('2005800');
    expect((await refund(alnum32(), '25000.00')).body.responseCode).toBe('2005800');
    const status = await call(
      'status',
      { merchantId: MERCHANT, serviceCode: '54', originalReferenceNo: flow.referenceNo },
      { externalId: flow.paymentExternalId },
    );
    expect(status.body.responseCode).toBe('2005500');
    expect(sandbox.ledger().find((e) => e.partnerReferenceNo === flow.paymentRef)).toMatchObject({
      refundedAmount: 75_000,
    });
  });

  it('unbinding: partnerReferenceNo, merchantId, additionalInfo (UNBINDED)', async () => {
    const res = await call(
      'unbinding',
      {
        partnerReferenceNo: alnum32(),
        merchantId: MERCHANT,
        additionalInfo: {
          publicUserId: flow.publicUserId,
          accountToken: flow.accountToken,
          bankCode: flow.bankCode,
        },
      },
      { externalId: alnum32(), customerToken: flow.customerToken },
    );
    expect(res.body.responseCode).toBe('2000900');
    expect(field(res.body, 'latestBindingStatus')).toBe('UNBINDED');
    const inquiry = await call(
      'inquiry',
      { partnerReferenceNo: flow.bindingRef, additionalInfo: {} },
      { externalId: flow.bindingExternalId },
    );
    expect(field(inquiry.body, 'latestBindingStatus')).toBe('UNBINDED');
  });
});

describe('each documented required field, missing, answers 400xx02 naming it', () => {
  let account: {
    accountToken: string;
    authCode: string;
    customerToken: string;
    referenceNo: string;
    ref: string;
  };

  beforeAll(async () => {
    // A second bound account with a settled payment, so that every request is valid but for the field.
    const bindingRef = alnum32();
    const externalId = alnum32();
    const bound = await call(
      'binding',
      { partnerReferenceNo: bindingRef, lang: 'ID', merchantId: MERCHANT, additionalData: {} },
      { externalId },
    );
    await completeWebview(String(field(bound.body, 'redirectUrl')), '002', '2234567890');
    const inquiry = await call(
      'inquiry',
      { partnerReferenceNo: bindingRef, additionalInfo: {} },
      { externalId },
    );
    const authCode = String(field(inquiry.body, 'authCode'));
    const token = await tokenCall(
      PATH.b2b2c,
      { grantType: 'authorization_code', authCode, additionalInfo: {} },
      { Authorization: `Bearer ${b2bToken}` },
    );
    const ref = alnum32();
    const accountToken = String(field(inquiry.body, 'accountToken'));
    const customerToken = String(token.body.accessToken);
    const paid = await call(
      'payment',
      {
        partnerReferenceNo: ref,
        bankCardToken: accountToken,
        merchantId: MERCHANT,
        amount: { value: '10000.00', currency: 'IDR' },
        additionalInfo: {},
      },
      { externalId: alnum32(), customerToken },
    );
    account = { accountToken, authCode, customerToken, referenceNo: String(paid.body.referenceNo), ref };
  });

  type Case = [name: string, service: string, body: () => Json, customer: boolean];
  const cases: Case[] = [
    [
      'binding',
      '07',
      () => ({ partnerReferenceNo: alnum32(), lang: 'EN', merchantId: MERCHANT, additionalData: {} }),
      false,
    ],
    ['inquiry', '08', () => ({ partnerReferenceNo: alnum32(), additionalInfo: {} }), false],
    [
      'unbinding',
      '09',
      () => ({
        partnerReferenceNo: alnum32(),
        merchantId: MERCHANT,
        additionalInfo: { publicUserId: 'x', accountToken: account.accountToken, bankCode: '002' },
      }),
      true,
    ],
    [
      'payment',
      '54',
      () => ({
        partnerReferenceNo: alnum32(),
        bankCardToken: account.accountToken,
        merchantId: MERCHANT,
        amount: { value: '10000.00', currency: 'IDR' },
        additionalInfo: {},
      }),
      true,
    ],
    [
      'verifyOtp',
      '04',
      () => ({
        originalPartnerReferenceNo: account.ref,
        originalReferenceNo: account.referenceNo,
        action: 'PAYMENT',
        merchantId: MERCHANT,
        otp: '123456',
        additionalInfo: {},
      }),
      true,
    ],
    [
      'status',
      '55',
      () => ({ merchantId: MERCHANT, serviceCode: '54', originalReferenceNo: account.referenceNo }),
      false,
    ],
    [
      'refund',
      '58',
      () => ({
        originalPartnerReferenceNo: account.ref,
        originalReferenceNo: account.referenceNo,
        merchantId: MERCHANT,
        partnerRefundNo: alnum32(),
        refundAmount: { value: '1000.00', currency: 'IDR' },
      }),
      true,
    ],
  ];
  /** The required fields per endpoint, as the reference lists them [ref §7]. */
  const REQUIRED: Record<string, string[]> = {
    binding: ['partnerReferenceNo', 'lang', 'merchantId', 'additionalData'],
    inquiry: ['partnerReferenceNo', 'additionalInfo'],
    unbinding: ['partnerReferenceNo', 'merchantId', 'additionalInfo'],
    payment: ['partnerReferenceNo', 'bankCardToken', 'merchantId', 'amount', 'additionalInfo'],
    verifyOtp: [
      'originalPartnerReferenceNo',
      'originalReferenceNo',
      'action',
      'merchantId',
      'otp',
      'additionalInfo',
    ],
    status: ['merchantId', 'serviceCode', 'originalReferenceNo'],
    refund: [
      'originalPartnerReferenceNo',
      'originalReferenceNo',
      'merchantId',
      'partnerRefundNo',
      'refundAmount',
    ],
  };
  const rows = cases.flatMap(([name, service, body, customer]) =>
    (REQUIRED[name] ?? []).map((missing) => ({ name, service, body, customer, missing })),
  );

  it.each(rows)('$name without $missing', async ({ name, service, body, customer, missing }) => {
    const full = body();
    expect(full).toHaveProperty(missing);
    delete full[missing];
    const res = await call(name as Exclude<Endpoint, 'b2b' | 'b2b2c'>, full, {
      externalId: alnum32(),
      ...(customer ? { customerToken: account.customerToken } : {}),
    });
    expect(res.status).toBe(400);
    expect(res.body.responseCode).toBe(`400${service}02`);
    expect(res.body.responseMessage).toMatch(new RegExp(`\\{${missing}[.}]`));
  });

  it.each([
    ['grantType', { additionalInfo: {} }],
    ['additionalInfo', { grantType: 'client_credentials' }],
  ])('B2B token without %s', async (missing, body) => {
    const res = await tokenCall(PATH.b2b, body);
    expect(res.body.responseCode).toBe('4007302');
    expect(res.body.responseMessage).toContain(`{${missing}}`);
  });

  it.each(['grantType', 'authCode', 'additionalInfo'])('B2B2C token without %s', async (missing) => {
    const body: Json = { grantType: 'authorization_code', authCode: account.authCode, additionalInfo: {} };
    delete body[missing];
    const res = await tokenCall(PATH.b2b2c, body, { Authorization: `Bearer ${b2bToken}` });
    expect(res.body.responseCode).toBe('4007402');
    expect(res.body.responseMessage).toContain(`{${missing}}`);
  });
});
