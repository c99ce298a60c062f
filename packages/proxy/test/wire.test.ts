/**
 * The proxy speaks the reference's wire (AYOCONNECT-API.md §5, §7): one X-EXTERNAL-ID per flow on
 * every call of it, the documented bodies only, a lost payment answer recovered without a second
 * charge, and a lenient reading of answers whose fields are renamed, missing or unknown.
 */
import { DD_PATHS, type DdEndpoint, type WireProfileOverrides } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Shopper, World, WorldOptions } from './harness';
import { worldOn } from './world';

type Payment = { id: string; status: string; failure: { code: string } | null; refundedAmount: number };
type Refund = { id: string; status: string };

/** One upstream call as the proxy sent it. */
interface Sent {
  endpoint: DdEndpoint;
  externalId: string;
  body: Record<string, unknown>;
}

const endpointOf = (path: string) =>
  (Object.entries(DD_PATHS).find(([, p]) => p === path)?.[0] ?? null) as DdEndpoint | null;

/** A world whose upstream calls are recorded, and whose answers `alter` may rewrite. */
function recordedWorld(
  engine: (typeof dbEngines)[number],
  options: {
    profile?: WireProfileOverrides;
    proxy?: WorldOptions['proxy'];
    sandbox?: WorldOptions['sandbox'];
    /** Rewrites an answer's body in place, or returns another one. */
    alter?: (endpoint: DdEndpoint, body: Record<string, unknown>) => Record<string, unknown> | undefined;
  } = {},
) {
  const sent: Sent[] = [];
  const worldOptions: WorldOptions = {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    upstream: async (request, next) => {
      const endpoint = endpointOf(new URL(request.url).pathname);
      const text = await request.clone().text();
      if (endpoint && request.headers.get('X-EXTERNAL-ID')) {
        sent.push({
          endpoint,
          externalId: request.headers.get('X-EXTERNAL-ID')!,
          body: JSON.parse(text) as Record<string, unknown>,
        });
      }
      const res = await next(request);
      if (!endpoint || !options.alter) return res;
      const body = (await res.json()) as Record<string, unknown>;
      const altered = options.alter(endpoint, body) ?? body;
      // A rewritten responseCode brings its HTTP status (its first three digits) along.
      const code = String(altered.responseCode ?? '');
      const status = /^\d{7}$/.test(code) ? Number(code.slice(0, 3)) : res.status;
      return new Response(JSON.stringify(altered), { status, headers: res.headers });
    },
  };
  return { world: worldOn(engine, worldOptions), sent };
}

/** The calls of one payment's flow: its payment, verify-OTP and status calls. */
function paymentFlow(sent: Sent[], partnerReferenceNo: string, referenceNo: string | null) {
  return sent.filter(
    (s) =>
      s.body.partnerReferenceNo === partnerReferenceNo ||
      s.body.originalPartnerReferenceNo === partnerReferenceNo ||
      (referenceNo !== null && s.body.originalReferenceNo === referenceNo),
  );
}

describe.each(dbEngines)('the reference wire on $name', (engine) => {
  describe('X-EXTERNAL-ID per flow, documented bodies', () => {
    const { world, sent } = recordedWorld(engine);

    const bound = async (userId: string, bankCode: string, accountNumber: string) => {
      const shopper = world.as(userId);
      const { binding } = await shopper.bind({ bankCode, accountNumber });
      expect(binding.status).toBe('succeeded');
      return { shopper, instrumentId: binding.instrumentId!, bindingId: binding.id };
    };

    it('a binding: the binding request and its inquiries share one X-EXTERNAL-ID; no invented field', async () => {
      const { bindingId } = await bound('wire-bind', '002', '1200000001');
      const row = (await world.proxy.store.get('bindings', bindingId))!;
      const calls = sent.filter((s) => s.body.partnerReferenceNo === row.partnerReferenceNo);
      expect(calls.map((c) => c.endpoint)).toContain('binding');
      expect(new Set(calls.map((c) => c.externalId))).toEqual(new Set([row.externalId]));
      const request = calls.find((c) => c.endpoint === 'binding')!.body;
      expect(Object.keys(request).sort()).toEqual(
        ['additionalData', 'additionalInfo', 'lang', 'merchantId', 'partnerReferenceNo', 'phoneNo'].sort(),
      );
      expect(request.additionalData).toMatchObject({ bankCode: '002' });
      expect(request).not.toHaveProperty('custIdMerchant');
      // Every inquiry asks by the binding's partnerReferenceNo, in its flow.
      const inquiries = calls.filter((c) => c.endpoint === 'bindingInquiry');
      for (const i of inquiries)
        expect(i.body).toEqual({ partnerReferenceNo: row.partnerReferenceNo, additionalInfo: {} });
    });

    it('a payment with OTP: payment, verify-OTP and status carry the payment’s X-EXTERNAL-ID', async () => {
      const { shopper, instrumentId } = await bound('wire-otp', '014', '1200000002');
      const { body } = await shopper.pay<{ payment: Payment }>({
        instrumentId,
        amount: 50_000,
        description: 'Kopi susu — 2× «grande»',
      });
      expect(body.payment.status).toBe('requires_otp');
      await shopper.post(`/payments/${body.payment.id}/otp`, { otp: '123456' }, { key: null });
      await world.sandbox.clock.advance(3);
      await world.advance(60); // the callback is allowed to be late: the reconciler asks the status
      const row = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(row.status).toBe('succeeded');
      const calls = paymentFlow(sent, row.partnerReferenceNo, row.referenceNo);
      expect(calls.map((c) => c.endpoint)).toEqual(expect.arrayContaining(['payment', 'verifyOtp']));
      expect(new Set(calls.map((c) => c.externalId))).toEqual(new Set([row.externalId]));
      const payment = calls.find((c) => c.endpoint === 'payment')!.body;
      // The description, sanitised for the dashboard, under additionalInfo1.
      expect(payment.additionalInfo).toEqual({ additionalInfo1: 'Kopi susu 2 grande' });
      const otp = calls.find((c) => c.endpoint === 'verifyOtp')!.body;
      expect(otp).toEqual({
        originalPartnerReferenceNo: row.partnerReferenceNo,
        originalReferenceNo: row.referenceNo,
        action: 'PAYMENT',
        merchantId: 'AYOKIT',
        otp: '123456',
        additionalInfo: {},
      });
      for (const s of calls.filter((c) => c.endpoint === 'paymentStatus')) {
        expect(s.body).toEqual({
          merchantId: 'AYOKIT',
          serviceCode: '54',
          originalReferenceNo: row.referenceNo,
        });
      }
    });

    it('partial refunds carry their payment’s X-EXTERNAL-ID and differ by partnerRefundNo', async () => {
      const { shopper, instrumentId } = await bound('wire-refund', '002', '1200000003');
      const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 90_000 });
      await world.settle();
      const payment = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(payment.status).toBe('succeeded');
      for (const amount of [20_000, 30_000]) {
        const r = await refundOf(shopper, payment.id, amount);
        expect(r.status).toBe('succeeded');
      }
      const refunds = sent.filter(
        (s) => s.endpoint === 'refund' && s.body.originalReferenceNo === payment.referenceNo,
      );
      expect(refunds).toHaveLength(2);
      expect(refunds.map((r) => r.externalId)).toEqual([payment.externalId, payment.externalId]);
      expect(new Set(refunds.map((r) => r.body.partnerRefundNo)).size).toBe(2);
      expect(Object.keys(refunds[0]!.body).sort()).toEqual(
        [
          'merchantId',
          'originalPartnerReferenceNo',
          'originalReferenceNo',
          'partnerRefundNo',
          'refundAmount',
        ].sort(),
      );
      expect(
        world.sandbox.ledger().find((e) => e.partnerReferenceNo === payment.partnerReferenceNo),
      ).toMatchObject({
        refundedAmount: 50_000,
      });
    });

    it('a lost payment answer (504 after processing) is replayed with the same X-EXTERNAL-ID: one charge', async () => {
      const { shopper, instrumentId } = await bound('wire-lost', '002', '1200000004');
      world.sandbox.faults.add({
        target: 'endpoint',
        endpoint: 'payment',
        action: 'gatewayTimeout',
        count: 1,
      });
      // And its callback lost too: only the proxy's own recovery can learn the outcome.
      world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count: 1 });
      const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 61_000 });
      expect(body.payment.status).toBe('processing');
      const before = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(before.referenceNo).toBeNull();
      await world.advance(60);
      await world.advance(60);
      const row = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(row.status).toBe('succeeded');
      const calls = paymentFlow(sent, row.partnerReferenceNo, row.referenceNo);
      const payments = calls.filter((c) => c.endpoint === 'payment');
      expect(payments).toHaveLength(2);
      expect(payments[1]!.body).toEqual(payments[0]!.body); // the very same request
      expect(new Set(calls.map((c) => c.externalId))).toEqual(new Set([row.externalId]));
      // Never a status by partner reference: the reference asks by originalReferenceNo.
      for (const s of calls.filter((c) => c.endpoint === 'paymentStatus')) {
        expect(s.body).not.toHaveProperty('originalPartnerReferenceNo');
      }
      expect(
        world.sandbox.ledger().filter((e) => e.partnerReferenceNo === row.partnerReferenceNo),
      ).toHaveLength(1);
    });

    const refundOf = async (shopper: Shopper, paymentId: string, amount: number) => {
      const res = await shopper.backOffice.post<{ refund: Refund }>(`/payments/${paymentId}/refunds`, {
        amount,
      });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      await world.settle();
      return (await world.proxy.store.get('refunds', res.body.refund.id))!;
    };
  });

  describe("profile: lostPaymentAnswer 'statusByPartnerReference', refunds with their own X-EXTERNAL-ID", () => {
    const profile: WireProfileOverrides = {
      externalId: { refund: 'new' },
      dd: { lostPaymentAnswer: 'statusByPartnerReference' },
    };
    const { world, sent } = recordedWorld(engine, { profile });

    it('a lost payment answer is found by originalPartnerReferenceNo: one charge', async () => {
      const shopper = world.as('wire-bypartner');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1300000001' });
      world.sandbox.faults.add({
        target: 'endpoint',
        endpoint: 'payment',
        action: 'gatewayTimeout',
        count: 1,
      });
      // And its callback lost too: only the proxy's own recovery can learn the outcome.
      world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count: 1 });
      const { body } = await shopper.pay<{ payment: Payment }>({
        instrumentId: binding.instrumentId!,
        amount: 62_000,
      });
      await world.advance(60);
      await world.advance(60);
      const row = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(row.status).toBe('succeeded');
      const calls = paymentFlow(sent, row.partnerReferenceNo, row.referenceNo);
      expect(calls.filter((c) => c.endpoint === 'payment')).toHaveLength(1);
      expect(calls.find((c) => c.endpoint === 'paymentStatus')?.body).toEqual({
        merchantId: 'AYOKIT',
        serviceCode: '54',
        originalPartnerReferenceNo: row.partnerReferenceNo,
      });
      expect(new Set(calls.map((c) => c.externalId))).toEqual(new Set([row.externalId]));
      expect(
        world.sandbox.ledger().filter((e) => e.partnerReferenceNo === row.partnerReferenceNo),
      ).toHaveLength(1);
    });

    it('each refund has its own X-EXTERNAL-ID, persisted and reused when its answer is lost', async () => {
      const shopper = world.as('wire-refund-new');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1300000002' });
      const { body } = await shopper.pay<{ payment: Payment }>({
        instrumentId: binding.instrumentId!,
        amount: 80_000,
      });
      await world.settle();
      world.sandbox.faults.add({
        target: 'endpoint',
        endpoint: 'refund',
        action: 'gatewayTimeout',
        count: 1,
      });
      const res = await shopper.backOffice.post<{ refund: Refund }>(`/payments/${body.payment.id}/refunds`, {
        amount: 10_000,
      });
      await world.advance(60);
      await world.advance(60);
      const refund = (await world.proxy.store.get('refunds', res.body.refund.id))!;
      expect(refund.status).toBe('succeeded');
      const payment = (await world.proxy.store.get('payments', body.payment.id))!;
      const calls = sent.filter(
        (s) => s.endpoint === 'refund' && s.body.partnerRefundNo === refund.partnerRefundNo,
      );
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(new Set(calls.map((c) => c.externalId))).toEqual(new Set([refund.externalId]));
      expect(refund.externalId).not.toBe(payment.externalId);
      const entry = world.sandbox.ledger().find((e) => e.partnerReferenceNo === payment.partnerReferenceNo);
      expect(entry?.refunds).toHaveLength(1);
      expect(entry?.refundedAmount).toBe(10_000);
    });
  });

  describe('lenient reader: renamed, missing and unknown answer fields', () => {
    let mode: 'mangle' | 'stripPaymentOnce' | 'off' = 'mangle';
    const { world } = recordedWorld(engine, {
      alter: (endpoint, body) => {
        if (mode === 'off') return undefined;
        if (mode === 'stripPaymentOnce') {
          if (endpoint !== 'payment') return undefined;
          mode = 'off';
          // Only the code and message survive: no referenceNo, no status, nothing to go by.
          return { responseCode: body.responseCode, responseMessage: body.responseMessage };
        }
        const info = (body.additionalInfo ?? {}) as Record<string, unknown>;
        body.unknownField = { nested: ['ignored'] };
        info.somethingNew = 42;
        switch (endpoint) {
          case 'binding':
            // The webview URL under another of its known names; publicUserId left out.
            body.webviewUrl = body.redirectUrl;
            delete body.redirectUrl;
            delete info.publicUserId;
            break;
          case 'bindingInquiry':
            // The account fields at the top level instead of under additionalInfo.
            for (const k of ['accountToken', 'authCode', 'tokenStatus', 'publicUserId']) {
              if (k in info) {
                body[k] = info[k];
                delete info[k];
              }
            }
            delete info.maskedAccountNo;
            break;
          case 'payment':
            // otpRequired moved to the top level; the transaction status left out.
            if ('otpRequired' in info) body.otpRequired = info.otpRequired;
            delete info.otpRequired;
            delete info.latestTransactionStatus;
            break;
          case 'paymentStatus':
            delete body.transactionStatusDesc;
            delete body.amount;
            break;
        }
        body.additionalInfo = info;
        return undefined;
      },
    });

    /** Binds with the binding callback lost, so the (altered) inquiry is what the proxy learns from. */
    const bindByInquiry = async (shopper: Shopper, bankCode: string, accountNumber: string) => {
      world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding', count: 1 });
      const { binding } = await shopper.bind({ bankCode, accountNumber });
      expect(binding.status).toBe('in_progress');
      await world.sandbox.clock.advance(3);
      const read = await shopper.get<{ binding: { status: string; instrumentId: string | null } }>(
        `/bindings/${binding.id}`,
      );
      expect(read.body.binding.status).toBe('succeeded');
      return read.body.binding.instrumentId!;
    };

    it('binds and pays (with and without OTP) from answers it reads in other places, failing nothing', async () => {
      mode = 'mangle';
      const shopper = world.as('wire-lenient');
      const bca = await bindByInquiry(shopper, '014', '1400000001');
      const instruments = await shopper.get<{ instruments: { id: string; maskedNumber: string }[] }>(
        '/instruments',
      );
      expect(instruments.body.instruments.find((i) => i.id === bca)).toBeDefined();
      const otpPay = await shopper.pay<{ payment: Payment }>({ instrumentId: bca, amount: 50_000 });
      expect(otpPay.body.payment.status).toBe('requires_otp');
      await shopper.post(`/payments/${otpPay.body.payment.id}/otp`, { otp: '123456' }, { key: null });
      await world.settle();
      await world.advance(60);
      expect((await world.proxy.store.get('payments', otpPay.body.payment.id))?.status).toBe('succeeded');

      const bri = await bindByInquiry(shopper, '002', '1400000002');
      const plain = await shopper.pay<{ payment: Payment }>({ instrumentId: bri, amount: 20_000 });
      // No transaction status to go by: processing, then the status API says.
      expect(plain.body.payment.status).toBe('processing');
      await world.settle();
      await world.advance(60);
      expect((await world.proxy.store.get('payments', plain.body.payment.id))?.status).toBe('succeeded');
    });

    it('an accepted payment whose answer it cannot read is never failed; its replay recovers it', async () => {
      mode = 'off';
      const shopper = world.as('wire-unreadable');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1400000003' });
      expect(binding.status).toBe('succeeded');
      world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count: 1 });
      mode = 'stripPaymentOnce';
      const { body } = await shopper.pay<{ payment: Payment }>({
        instrumentId: binding.instrumentId!,
        amount: 21_000,
      });
      expect(body.payment.status).toBe('processing');
      await world.settle();
      for (let i = 0; i < 3; i++) await world.advance(60);
      const row = (await world.proxy.store.get('payments', body.payment.id))!;
      expect(row.status).toBe('succeeded');
      expect(row.referenceNo).not.toBeNull();
      expect(
        world.sandbox.ledger().filter((e) => e.partnerReferenceNo === row.partnerReferenceNo),
      ).toHaveLength(1);
    });
  });

  describe('answers in progress (202xx00) are accepted, never refusals', () => {
    /** The endpoints whose next answer is turned into its `202xx00` (same service, same body). */
    const inProgress = new Set<DdEndpoint>();
    const { world } = recordedWorld(engine, {
      alter: (endpoint, body) => {
        const code = String(body.responseCode ?? '');
        if (!inProgress.delete(endpoint) || !code.startsWith('200')) return undefined;
        return { ...body, responseCode: `202${code.slice(3, 5)}00`, responseMessage: 'Request In Progress' };
      },
    });
    type Unbinding = { id: string; status: string };

    it('a binding started in progress opens its webview and binds', async () => {
      inProgress.add('binding');
      const { binding } = await world
        .as('wire-202-bind')
        .bind({ bankCode: '002', accountNumber: '1400000202' });
      expect(inProgress.has('binding')).toBe(false);
      expect(binding.status).toBe('succeeded');
    });

    it('an unbinding answered in progress and its OTP answered in progress both end unbound', async () => {
      const shopper = world.as('wire-202-unbind');
      const bri = await shopper.bind({ bankCode: '002', accountNumber: '1400000203' });
      inProgress.add('unbinding');
      const plain = await shopper.post<{ unbinding: Unbinding }>(
        `/instruments/${bri.binding.instrumentId}/unbind`,
        {},
      );
      expect(inProgress.has('unbinding')).toBe(false);
      expect(plain.body.unbinding.status).toBe('succeeded');

      // Danamon asks for an OTP; the bank takes it, answers 2020400, and the inquiry says unbound.
      const danamon = await shopper.bind({ bankCode: '011', accountNumber: '1400000204' });
      const started = await shopper.post<{ unbinding: Unbinding }>(
        `/instruments/${danamon.binding.instrumentId}/unbind`,
        {},
      );
      expect(started.body.unbinding.status).toBe('requires_otp');
      // Its callback lost: the answer and the inquiry decide.
      world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'unbinding', count: 1 });
      inProgress.add('verifyOtp');
      const verified = await shopper.post<{ unbinding: Unbinding }>(
        `/unbindings/${started.body.unbinding.id}/otp`,
        { otp: '123456' },
        { key: null },
      );
      expect(inProgress.has('verifyOtp')).toBe(false);
      expect(verified.body.unbinding.status).not.toBe('failed');
      await world.settle();
      await world.advance(60);
      expect((await world.proxy.store.get('unbindings', started.body.unbinding.id))?.status).toBe(
        'succeeded',
      );
    });
  });
});

describe.each(dbEngines)('callbacks signed in base64 (profile signatureEncoding) on $name', (engine) => {
  const answers: number[] = [];
  const { world } = recordedWorld(engine, {
    profile: { signatureEncoding: 'base64' },
    sandbox: {
      // The proxy's answer to each callback, looked at on its way back to the sandbox.
      fetch: async (input, init) => {
        const res = await world.proxy.fetch(new Request(input as RequestInfo, init));
        answers.push(res.status);
        return res;
      },
    },
  });

  it("verifies the callback's signature in the profile's encoding", async () => {
    const shopper = world.as('wire-base64-callbacks');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1500010037' });
    expect(binding.status).toBe('succeeded');
    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId!,
      amount: 20_000,
    });
    // Callbacks only: no reconciler pass. Verified as hex (the option's default), they were refused.
    await world.settle();
    expect((await world.proxy.store.get('payments', paid.body.payment.id))?.status).toBe('succeeded');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status !== 200)).toEqual([]);
  });
});

describe.each(dbEngines)(
  'callbacks without a type header (dd.callbackTypeHeader: null) on $name',
  (engine) => {
    const typeHeaders: (string | null)[] = [];
    const { world } = recordedWorld(engine, {
      profile: { dd: { callbackTypeHeader: null } },
      sandbox: {
        // The sandbox's callbacks, looked at on their way to the proxy.
        fetch: async (input, init) => {
          const request = new Request(input as RequestInfo, init);
          typeHeaders.push(request.headers.get('X-CALLBACK-TYPE'));
          return world.proxy.fetch(request);
        },
      },
    });

    it("binds, pays and refunds by callbacks read by their responseCode's service alone", async () => {
      const shopper = world.as('wire-untyped-callbacks');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1500010036' });
      expect(binding.status).toBe('succeeded');
      const paid = await shopper.pay<{ payment: Payment }>({
        instrumentId: binding.instrumentId!,
        amount: 20_000,
      });
      expect(paid.body.payment.status).toBe('processing');
      // Callbacks only: no reconciler pass.
      await world.settle();
      expect((await world.proxy.store.get('payments', paid.body.payment.id))?.status).toBe('succeeded');
      const refund = await shopper.backOffice.post<{ refund: Refund }>(
        `/payments/${paid.body.payment.id}/refunds`,
        {
          amount: 20_000,
        },
      );
      expect(refund.body.refund.status).toBe('processing');
      await world.sandbox.clock.advance(121);
      await world.sandbox.flush();
      expect((await world.proxy.store.get('refunds', refund.body.refund.id))?.status).toBe('succeeded');
      expect(typeHeaders.length).toBeGreaterThanOrEqual(3);
      expect(typeHeaders.every((h) => h === null)).toBe(true);
    });
  },
);

describe.each(dbEngines)(
  'a payment answer that waits for the OTP by its status (dd.otpPendingStatuses) on $name',
  (engine) => {
    let rewrite = false;
    const { world } = recordedWorld(engine, {
      alter: (endpoint, body) => {
        if (!rewrite || endpoint !== 'payment') return undefined;
        // No otpRequired flag: only the status the docs list says the bank waits for the shopper.
        const info = (body.additionalInfo ?? {}) as Record<string, unknown>;
        delete info.otpRequired;
        delete info.latestTransactionStatus;
        body.latestTransactionStatus = 'PENDING_USER_VERIFICATION';
        return undefined;
      },
    });

    it('asks for the OTP, and the right one pays', async () => {
      const shopper = world.as('wire-pending-verification');
      const { binding } = await shopper.bind({ bankCode: '014', accountNumber: '1500000014' });
      rewrite = true;
      const paid = await shopper.pay<{ payment: Payment }>({
        instrumentId: binding.instrumentId!,
        amount: 50_000,
      });
      rewrite = false;
      expect(paid.body.payment.status).toBe('requires_otp');
      const done = await shopper.post<{ payment: Payment }>(
        `/payments/${paid.body.payment.id}/otp`,
        { otp: '123456' },
        { key: null },
      );
      expect(done.body.payment.status).not.toBe('failed');
      await world.settle();
      expect((await world.proxy.store.get('payments', paid.body.payment.id))?.status).toBe('succeeded');
    });
  },
);

describe.each(dbEngines)("the bank's text a row cannot hold, and dates that are none, on $name", (engine) => {
  // The bank's answers, rewritten: words with the NUL character (PostgreSQL's text refuses it), an
  // OTP expiry that is no date. Each was a 500; each is read as missing.
  let alter: ((endpoint: DdEndpoint, body: Record<string, unknown>) => void) | null = null;
  const { world } = recordedWorld(engine, { alter: (endpoint, body) => void alter?.(endpoint, body) });

  it("a refused binding keeps the bank's refusal, without the NUL", async () => {
    const shopper = world.as('wire-nul-binding');
    alter = (endpoint, body) => {
      if (endpoint !== 'binding') return;
      body.responseCode = '4030705';
      body.responseMessage = 'Do Not Honor\u0000';
      delete body.additionalInfo;
      delete body.referenceNo;
    };
    const res = await shopper.post<{ binding: { status: string; failure: { message: string } } }>(
      '/bindings',
      {
        bankCode: '002',
      },
    );
    alter = null;
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    expect(res.body.binding.status).toBe('failed');
    expect(res.body.binding.failure).toMatchObject({ code: 'UPSTREAM_REJECTED', responseCode: '4030705' });
    expect(JSON.stringify(res.body)).not.toContain('\\u0000');
  });

  it('an OTP expiry that is no date is taken as missing: the OTP is asked for, and pays', async () => {
    const shopper = world.as('wire-otp-no-date');
    const { binding } = await shopper.bind({ bankCode: '014', accountNumber: '1500000015' });
    alter = (endpoint, body) => {
      if (endpoint !== 'payment') return;
      const info = (body.additionalInfo ?? {}) as Record<string, unknown>;
      if ('otpExpiresAt' in info) info.otpExpiresAt = 'in five minutes';
      if ('otpExpiresAt' in body) body.otpExpiresAt = 'in five minutes';
    };
    const paid = await shopper.pay<{ payment: Payment & { otp: { expiresAt: string | null } | null } }>({
      instrumentId: binding.instrumentId!,
      amount: 1_500_000,
    });
    alter = null;
    expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(500);
    expect(paid.body.payment.status).toBe('requires_otp');
    const done = await shopper.post<{ payment: Payment }>(
      `/payments/${paid.body.payment.id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(done.status).toBeLessThan(500);
    await world.settle();
    expect((await world.proxy.store.get('payments', paid.body.payment.id))?.status).toBe('succeeded');
  });
});

describe.each(dbEngines)("a status answer's refunds read through the profile on $name", (engine) => {
  // Each entry's fields renamed; the profile names them (dd.responseFields).
  const { world } = recordedWorld(engine, {
    profile: {
      dd: { responseFields: { partnerRefundNo: ['ref'], refundStatus: ['state'], refundAmount: ['value'] } },
    },
    alter: (endpoint, body) => {
      const info = (body.additionalInfo ?? {}) as { refunds?: Record<string, unknown>[] };
      if (endpoint !== 'paymentStatus' || !info.refunds) return undefined;
      info.refunds = info.refunds.map((r) => ({
        ref: r.partnerRefundNo,
        state: r.status,
        refundNo: r.refundNo,
        value: (r.amount as { value: string }).value,
      }));
      return undefined;
    },
  });

  it('settles a slow refund whose callback was lost from the renamed entry', async () => {
    const shopper = world.as('wire-refund-fields');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1500000036' });
    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId!,
      amount: 40_000,
    });
    await world.settle();
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'refund' });
    const refund = await shopper.backOffice.post<{ refund: Refund }>(
      `/payments/${paid.body.payment.id}/refunds`,
      {
        amount: 40_000,
      },
    );
    expect(refund.body.refund.status).toBe('processing');
    await world.sandbox.clock.advance(121);
    await world.advance(1);
    expect((await world.proxy.store.get('refunds', refund.body.refund.id))?.status).toBe('succeeded');
  });
});

describe.each(dbEngines)(
  "where a bound account's authCode comes from (dd.authCodeSource) on $name",
  (engine) => {
    /** The authCode fields the answers held, and the warnings the proxy logged. */
    const named: string[] = [];
    const warnings: string[] = [];
    let strip = false;
    const note = (endpoint: DdEndpoint, body: Record<string, unknown>) => {
      const info = (body.additionalInfo ?? {}) as Record<string, unknown>;
      if (endpoint === 'bindingInquiry' && 'authCode' in info) {
        named.push(String(info.authCode));
        if (strip) delete info.authCode;
      }
      return undefined;
    };
    const bindAndPay = async (world: World, userId: string, accountNumber: string, byInquiry: boolean) => {
      const shopper = world.as(userId);
      if (byInquiry)
        world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding', count: 1 });
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber });
      if (byInquiry) await world.sandbox.clock.advance(3);
      const read = await shopper.get<{ binding: { status: string; instrumentId: string } }>(
        `/bindings/${binding.id}`,
      );
      expect(read.body.binding.status).toBe('succeeded');
      const row = (await world.proxy.store.get('bindings', binding.id))!;
      const instrument = (await world.proxy.store.get('instruments', read.body.binding.instrumentId))!;
      const paid = await shopper.pay<{ payment: Payment }>({ instrumentId: instrument.id, amount: 30_000 });
      await world.settle();
      const payment = await world.proxy.store.get('payments', paid.body.payment.id);
      return {
        bindingExternalId: row.externalId,
        authCode: (instrument as { authCode: string }).authCode,
        payment,
      };
    };

    describe("'bindingExternalId': no answer names one; the binding's X-EXTERNAL-ID is it, and pays", () => {
      const { world } = recordedWorld(engine, {
        profile: { dd: { authCodeSource: 'bindingExternalId' } },
        alter: note,
      });

      it('by the callback and by the inquiry', async () => {
        named.length = 0;
        for (const [i, byInquiry] of [false, true].entries()) {
          const bound = await bindAndPay(world, `auth-ext-${i}`, `150000030${i}`, byInquiry);
          expect(bound.authCode).toBe(bound.bindingExternalId);
          expect(bound.payment?.status).toBe('succeeded');
        }
        expect(named).toEqual([]);
      });
    });

    describe("'answer' (the default): an answer without one has the binding's X-EXTERNAL-ID stand in, said in the log", () => {
      const { world } = recordedWorld(engine, {
        proxy: { log: (level, message) => void (level === 'warn' && warnings.push(message)) },
        alter: note,
      });

      it('completes the binding instead of asking forever', async () => {
        strip = true;
        try {
          const shopper = world.as('auth-stripped');
          world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding', count: 1 });
          const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1500000310' });
          await world.sandbox.clock.advance(3);
          const read = await shopper.get<{ binding: { status: string; instrumentId: string } }>(
            `/bindings/${binding.id}`,
          );
          expect(read.body.binding.status).toBe('succeeded');
          const instrument = await world.proxy.store.get('instruments', read.body.binding.instrumentId);
          const row = await world.proxy.store.get('bindings', binding.id);
          expect((instrument as { authCode: string } | null)?.authCode).toBe(row?.externalId);
          expect(warnings.some((w) => w.includes('names no authCode'))).toBe(true);
        } finally {
          strip = false;
        }
      });
    });
  },
);

describe.each(dbEngines)("callbackAuth 'confirm' on $name", (engine) => {
  // No callback secret: under 'confirm' callbacks come unsigned (a secret is refused as a contradiction).
  const world = worldOn(engine, {
    profile: { dd: { callbackAuth: 'confirm' } },
    proxy: { callbackSecret: undefined },
  });

  const post = (type: string, body: Record<string, unknown>) =>
    world.proxy.fetch(
      new Request('http://shop.test/ayokit/callbacks/ayoconnect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-CALLBACK-TYPE': type },
        body: JSON.stringify(body),
      }),
    );

  it('accepts unsigned callbacks but applies nothing until the status API confirms it', async () => {
    const shopper = world.as('wire-confirm');
    // The sandbox's binding callback comes unsigned: accepted, then confirmed by the inquiry.
    const { binding } = await shopper.bind({ bankCode: '014', accountNumber: '1500000001' });
    expect(binding.status).toBe('succeeded');
    const { body } = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId!,
      amount: 50_000,
    });
    expect(body.payment.status).toBe('requires_otp');
    const row = (await world.proxy.store.get('payments', body.payment.id))!;
    // A forged "success" before any OTP: taken in, believed not (the bank says 01, waiting).
    const forged = await post('payment', {
      responseCode: '2005400',
      responseMessage: 'Successful',
      originalPartnerReferenceNo: row.partnerReferenceNo,
      originalReferenceNo: row.referenceNo,
      latestTransactionStatus: '00',
      additionalInfo: {},
    });
    expect(forged.status).toBe(200);
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('requires_otp');
    // The real OTP, then the bank's own (unsigned) callback: confirmed through the status API.
    await shopper.post(`/payments/${row.id}/otp`, { otp: '123456' }, { key: null });
    await world.settle();
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('succeeded');
  });
});

describe('profile paths', () => {
  // A merchant whose account lives under other paths moves them in the profile: the sandbox serves
  // them there (and nothing at the defaults), the proxy calls them there.
  const moved = '/dd/api/v3.1/debit/payment-host-to-host';
  const paths: string[] = [];
  const world = worldOn(dbEngines[0]!, {
    profile: { dd: { paths: { payment: moved } } },
    upstream: (request, next) => {
      paths.push(new URL(request.url).pathname);
      return next(request);
    },
  });

  it('serves and calls a payment path moved by the profile', async () => {
    const shopper = world.as('wire-paths');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1200000077' });
    expect(binding.status).toBe('succeeded');
    const { body } = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId!,
      amount: 25_000,
    });
    expect(body.payment.status).not.toBe('failed');
    expect(paths).toContain(moved);
    expect(paths).not.toContain(DD_PATHS.payment);
    const atDefault = await world.sandbox.fetch(
      new Request(`http://sandbox.test${DD_PATHS.payment}`, { method: 'POST', body: '{}' }),
    );
    expect(atDefault.status).toBe(404);
  });
});
