import { AyoError, type Instrument } from '@ayokit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Audience } from './api';
import {
  useAuditTrail,
  useBinding,
  useCardRegistration,
  useCheckout,
  usePayment,
  usePaymentActions,
  useRefund,
  useSavedCards,
  useStaff,
  useStaffPayments,
  useUnbinding,
} from './hooks';
import { LiveHub, watch } from './live';
import { AyoProvider, useNow } from './provider';
import { createMemoryClient, type MemoryAyoClient } from './testing';

const bca: Instrument = {
  id: 'ins_000000000000000000000bca',
  type: 'bank_account',
  bankCode: '014',
  bankName: 'BCA',
  maskedNumber: '******1234',
  status: 'active',
  expiresAt: null,
  isDefault: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};
const bri: Instrument = {
  ...bca,
  id: 'ins_000000000000000000000bri',
  bankCode: '002',
  bankName: 'BRI',
  isDefault: false,
};

function wrapper(client: MemoryAyoClient, strict = false, audience: Audience = 'shopper') {
  return ({ children }: { children: ReactNode }) => {
    const tree = (
      <AyoProvider client={client} locale="en" now={client.now} audience={audience}>
        {children}
      </AyoProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

/** A checkout the merchant's server made for the shopper (`proxy.checkouts.create`). */
let order = 0;
const checkout = (client: MemoryAyoClient, amount: number, extra: { mode?: 'direct' | 'authorize' } = {}) =>
  client.createCheckout({ amount, orderId: `ORDER-${++order}`, description: 'Kopi', ...extra }).id;

describe('hooks outside the provider', () => {
  it('throw an error naming the hook and the provider', () => {
    expect(() => renderHook(() => usePayment())).toThrow(/usePayment\(\) must be used inside <AyoProvider>/);
    expect(() => renderHook(() => useBinding())).toThrow(/useBinding\(\).*AyoProvider/);
  });
});

describe('<AyoProvider> props it cannot work with', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['locale', { locale: 'fr' }, '<AyoProvider locale>: must be "id" or "en" (got "fr")'],
    ['audience', { audience: 'admin' }, '<AyoProvider audience>: must be "shopper" or "staff" (got "admin")'],
    ['a relative baseUrl', { baseUrl: 'ayokit' }, '<AyoProvider baseUrl>: must be a path from the site root'],
    ['a protocol-relative baseUrl', { baseUrl: '//cdn.example/ayokit' }, '<AyoProvider baseUrl>'],
    ['a javascript: baseUrl', { baseUrl: 'javascript:alert(1)' }, '<AyoProvider baseUrl>'],
    [
      'credentials',
      { credentials: 'yes' },
      '<AyoProvider credentials>: must be "omit", "same-origin" or "include"',
    ],
    [
      'waitLimitMs',
      { waitLimitMs: -1 },
      '<AyoProvider waitLimitMs>: must be a positive number of milliseconds (got -1)',
    ],
    ['now', { now: 5 }, '<AyoProvider now>: must be a function returning epoch ms (got 5)'],
  ])('%s: throws when it renders, naming the prop', (_, props, message) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = createMemoryClient();
    expect(() =>
      renderHook(() => useNow(), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <AyoProvider client={client} {...props}>
            {children}
          </AyoProvider>
        ),
      }),
    ).toThrow(message);
    expect(client.calls).toHaveLength(0);
    vi.restoreAllMocks();
  });

  it.each(['/ayokit', 'https://shop.example/ayokit', 'HTTP://localhost:8787/ayokit/'])(
    'takes the baseUrl %s',
    (baseUrl) => {
      const { result } = renderHook(() => useNow(), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <AyoProvider
            baseUrl={baseUrl}
            locale="en"
            audience="staff"
            credentials="include"
            waitLimitMs={1000}
          >
            {children}
          </AyoProvider>
        ),
      });
      expect(typeof result.current()).toBe('number');
    },
  );
});

describe('back-office hooks in a shopper’s page', () => {
  it.each<[string, () => unknown]>([
    ['useRefund', () => useRefund('pay_000000000000000000000001')],
    ['usePaymentActions', () => usePaymentActions('pay_000000000000000000000001')],
    ['useStaff', () => useStaff()],
    ['useStaffPayments', () => useStaffPayments()],
    ['useAuditTrail', () => useAuditTrail()],
  ])('%s throws an error that teaches the staff audience', (name, hook) => {
    const client = createMemoryClient();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(hook, { wrapper: wrapper(client) })).toThrow(
      `${name}() is a back-office hook: use it inside <AyoProvider audience="staff">`,
    );
    expect(client.calls).toHaveLength(0);
    vi.restoreAllMocks();
  });
});

describe('the hosted pages follow the provider’s locale', () => {
  it.each<[string, 'startBinding' | 'startCardRegistration', () => { start: () => Promise<void> }]>([
    ['useBinding', 'startBinding', () => useBinding({ mode: 'iframe' })],
    ['useCardRegistration', 'startCardRegistration', () => useCardRegistration({ mode: 'iframe' })],
  ])('%s asks for the page in the language of the moment it starts', async (_, method, hook) => {
    const client = createMemoryClient();
    let locale: 'en' | 'id' = 'en';
    const { result, rerender } = renderHook(hook, {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AyoProvider client={client} locale={locale}>
          {children}
        </AyoProvider>
      ),
    });
    // The shop's language switch, after the component mounted.
    locale = 'id';
    rerender();
    await act(() => result.current.start());
    expect(client.calls.find((c) => c.method === method)?.args[0]).toMatchObject({ locale: 'id' });
  });
});

describe('useBinding', () => {
  it('goes creating → awaitingBank → bound on the live event, in iframe mode', async () => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useBinding({ mode: 'iframe' }), { wrapper: wrapper(client) });
    expect(result.current.state.status).toBe('choosingBank');
    await act(() => result.current.start('002'));
    const s = result.current.state;
    expect(s.status).toBe('awaitingBank');
    if (s.status !== 'awaitingBank') return;
    expect(s.window).toBe('iframe');
    expect(s.expiresAt).toBeTruthy();
    act(() => void client.completeBinding(s.binding.id));
    await waitFor(() => expect(result.current.state.status).toBe('bound'));
  });

  it('polls when the live stream is down, and reports the bank refusing a re-binding', async () => {
    const client = createMemoryClient({ scenario: { live: false, bindingOutcome: 'failed' } });
    const { result } = renderHook(() => useBinding({ mode: 'iframe' }), { wrapper: wrapper(client) });
    await act(() => result.current.start('009'));
    const s = result.current.state;
    if (s.status !== 'awaitingBank') throw new Error(s.status);
    client.completeBinding(s.binding.id);
    await waitFor(() => expect(result.current.state.status).toBe('failed'), { timeout: 5000 });
    const f = result.current.state;
    expect(f.status === 'failed' && f.error.code).toBe('BINDING_REFUSED');
    expect(client.calls.filter((c) => c.method === 'getBinding').length).toBeGreaterThan(0);
  });

  it('shows an expired session as expired, and refuses a second BCA before calling the bank', async () => {
    const client = createMemoryClient({ instruments: [bca], scenario: { bindingOutcome: 'expired' } });
    const { result } = renderHook(() => useBinding({ mode: 'iframe' }), { wrapper: wrapper(client) });
    await act(() => result.current.start('014'));
    const s = result.current.state;
    expect(s.status === 'failed' && s.error.code).toBe('REBINDING_NOT_ALLOWED');
    await act(() => result.current.start('002'));
    const a = result.current.state;
    if (a.status !== 'awaitingBank') throw new Error(a.status);
    act(() => void client.completeBinding(a.binding.id));
    await waitFor(() => expect(result.current.state.status).toBe('expired'));
  });
});

describe('usePayment', () => {
  it('asks for the OTP (BCA), counts a wrong one, then succeeds at the checkout’s amount', async () => {
    const client = createMemoryClient({ instruments: [bca] });
    const checkoutId = checkout(client, 150_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bca.id }));
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', attemptsLeft: 3 });
    await act(() => result.current.submitOtp('000000'));
    expect(result.current.state).toMatchObject({
      status: 'requiresOtp',
      attemptsLeft: 2,
      lastError: { code: 'OTP_INVALID' },
    });
    await act(() => result.current.submitOtp('123456'));
    expect(result.current.state).toMatchObject({
      status: 'succeeded',
      payment: { amount: 150_000, checkoutId, description: 'Kopi', mode: 'direct' },
    });
  });

  it('retries a lost answer with the same Idempotency-Key: one payment', async () => {
    const client = createMemoryClient({
      instruments: [bri],
      scenario: { failNext: { method: 'payCheckout', error: new AyoError('UPSTREAM_UNAVAILABLE') } },
    });
    const checkoutId = checkout(client, 50_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      retryable: true,
      error: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    await act(() => result.current.retry());
    expect(result.current.state.status).toBe('succeeded');
    const keys = client.calls.filter((c) => c.method === 'payCheckout').map((c) => c.args[2]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(client.payments).toHaveLength(1);
  });

  it('a failure leaves the checkout open: another account pays it, with a new key', async () => {
    const client = createMemoryClient({ instruments: [bri, bca], scenario: { paymentOutcome: 'failed' } });
    const checkoutId = checkout(client, 10_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'INSUFFICIENT_FUNDS', responseCode: '4035414' },
    });
    expect(client.checkouts[0]).toMatchObject({ status: 'open', paymentId: null });
    client.scenario.paymentOutcome = 'succeeded';
    client.scenario.forceOtp = false;
    await act(() => result.current.pay({ checkoutId, instrumentId: bca.id }));
    expect(result.current.state.status).toBe('succeeded');
    const keys = client.calls.filter((c) => c.method === 'payCheckout').map((c) => c.args[2]);
    expect(new Set(keys).size).toBe(2);
    expect(client.checkouts[0]).toMatchObject({ status: 'paid', paymentId: client.payments[0]!.id });
  });

  it('pays again with a new key after a decline, and with the same key after a lost answer', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'failed' } });
    const checkoutId = checkout(client, 15_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(result.current.state.status).toBe('failed');
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    client.scenario.failNext = { method: 'payCheckout', error: new AyoError('UPSTREAM_UNAVAILABLE') };
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    const keys = client.calls.filter((c) => c.method === 'payCheckout').map((c) => c.args[2]);
    expect(keys).toHaveLength(4);
    expect(new Set(keys.slice(0, 3)).size).toBe(3);
    expect(keys[3]).toBe(keys[2]);
  });

  it('refuses bad arguments without calling the proxy', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId: 'chk_nope', instrumentId: bri.id }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', message: /^checkoutId: / },
    });
    await act(() => result.current.pay({ checkoutId: checkout(client, 100), instrumentId: 'nope' }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', message: /^instrumentId: / },
    });
    expect(client.calls.filter((c) => c.method === 'payCheckout')).toHaveLength(0);
  });

  it('charges once under StrictMode', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const checkoutId = checkout(client, 20_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client, true) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(result.current.state.status).toBe('succeeded');
    expect(client.calls.filter((c) => c.method === 'payCheckout')).toHaveLength(1);
  });

  it('waits for a processing payment and settles on the live event', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'processing' } });
    const checkoutId = checkout(client, 30_000);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId, instrumentId: bri.id }));
    const s = result.current.state;
    if (s.status !== 'processing') throw new Error(s.status);
    act(() => void client.settlePayment(s.payment.id));
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
  });
});

describe('checkouts', () => {
  it('a checkout is paid at most once; the second try is CHECKOUT_PAID', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const checkoutId = checkout(client, 25_000);
    const first = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => first.result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(first.result.current.state.status).toBe('succeeded');
    const second = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => second.result.current.pay({ checkoutId, instrumentId: bri.id }));
    expect(second.result.current.state).toMatchObject({
      status: 'failed',
      retryable: false,
      error: { code: 'CHECKOUT_PAID' },
    });
    expect(client.payments).toHaveLength(1);
  });

  it('an expired, a cancelled and a busy checkout are refused with their codes', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'processing' } });
    const [expired, cancelled, busy] = [
      checkout(client, 1_000),
      checkout(client, 2_000),
      checkout(client, 3_000),
    ];
    client.expireCheckout(expired);
    client.cancelCheckout(cancelled);
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ checkoutId: expired, instrumentId: bri.id }));
    expect(result.current.state).toMatchObject({ error: { code: 'CHECKOUT_EXPIRED' } });
    await act(() => result.current.pay({ checkoutId: cancelled, instrumentId: bri.id }));
    expect(result.current.state).toMatchObject({ error: { code: 'CHECKOUT_CANCELLED' } });
    await act(() => result.current.pay({ checkoutId: busy, instrumentId: bri.id }));
    expect(result.current.state.status).toBe('processing');
    const other = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => other.result.current.pay({ checkoutId: busy, instrumentId: bri.id }));
    expect(other.result.current.state).toMatchObject({ error: { code: 'CHECKOUT_IN_PROGRESS' } });
    expect(client.payments).toHaveLength(1);
  });

  it('a checkout runs out at its expiresAt', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const checkoutId = checkout(client, 1_000);
    const c = client.checkouts.find((x) => x.id === checkoutId)!;
    c.expiresAt = new Date(client.now() - 1).toISOString();
    const { result } = renderHook(() => useCheckout(checkoutId), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.data?.status).toBe('expired'));
  });

  it('useCheckout shows the server’s amount and follows the payment to paid', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const checkoutId = checkout(client, 45_000);
    const { result } = renderHook(() => ({ checkout: useCheckout(checkoutId), pay: usePayment() }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.checkout.status).toBe('ready'));
    expect(result.current.checkout.data).toMatchObject({ amount: 45_000, status: 'open', currency: 'IDR' });
    expect(result.current.checkout.data).not.toHaveProperty('userId');
    await act(() => result.current.pay.pay({ checkoutId, instrumentId: bri.id }));
    await waitFor(() => expect(result.current.checkout.data?.status).toBe('paid'));
  });

  it('another shopper’s checkout is NOT_FOUND; a malformed id never leaves the browser', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const theirs = client.createCheckout({ userId: 'shopper-2', amount: 5_000, orderId: 'THEIRS' }).id;
    const { result } = renderHook(() => ({ c: useCheckout(theirs), bad: useCheckout('chk_x') }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.c.status).toBe('error'));
    expect(result.current.c.error?.code).toBe('NOT_FOUND');
    await waitFor(() => expect(result.current.bad.error?.code).toBe('INVALID_REQUEST'), { timeout: 3000 });
    expect(client.calls.filter((c) => c.args[0] === 'chk_x')).toHaveLength(0);
    const pay = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => pay.result.current.pay({ checkoutId: theirs, instrumentId: bri.id }));
    expect(pay.result.current.state).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('resume() picks up a payment under way after a reload (its OTP step)', async () => {
    const client = createMemoryClient({ instruments: [bca] });
    const checkoutId = checkout(client, 60_000);
    const before = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => before.result.current.pay({ checkoutId, instrumentId: bca.id }));
    before.unmount();
    const paymentId = client.checkouts[0]!.paymentId!;
    expect(client.checkouts[0]!.status).toBe('processing');
    const after = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => after.result.current.resume(paymentId));
    expect(after.result.current.state).toMatchObject({ status: 'requiresOtp' });
    await act(() => after.result.current.submitOtp('123456'));
    expect(after.result.current.state.status).toBe('succeeded');
  });

  it('the same Idempotency-Key for another request is refused (IDEMPOTENCY_KEY_REUSED)', async () => {
    const client = createMemoryClient({ instruments: [bri, bca] });
    const checkoutId = checkout(client, 7_000);
    await client.payCheckout(checkoutId, { instrumentId: bri.id }, 'key-00000001');
    await expect(
      client.payCheckout(checkoutId, { instrumentId: bca.id }, 'key-00000001'),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await client.payCheckout(checkoutId, { instrumentId: bri.id }, 'key-00000001')).toMatchObject({
      status: 'succeeded',
    });
  });
});

describe('useSavedCards, useUnbinding, useRefund', () => {
  it('lists saved accounts with the default, and removes one with OTP (BNI)', async () => {
    const bni: Instrument = { ...bri, id: 'ins_000000000000000000000bni', bankCode: '009', bankName: 'BNI' };
    const client = createMemoryClient({ instruments: [bca, bni] });
    const { result } = renderHook(() => ({ saved: useSavedCards(), unbind: useUnbinding() }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.saved.status).toBe('ready'));
    expect(result.current.saved.defaultInstrument?.id).toBe(bca.id);
    act(() => result.current.unbind.request(bni.id));
    expect(result.current.unbind.state.status).toBe('confirming');
    await act(() => result.current.unbind.confirm());
    expect(result.current.unbind.state.status).toBe('requiresOtp');
    await act(() => result.current.unbind.submitOtp('123456'));
    expect(result.current.unbind.state.status).toBe('succeeded');
    await waitFor(() => expect(result.current.saved.instruments.map((i) => i.id)).toEqual([bca.id]));
  });

  it('refunds in full and refuses more than what is left (staff)', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const pay = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => pay.result.current.pay({ checkoutId: checkout(client, 40_000), instrumentId: bri.id }));
    const paymentId = client.payments[0]!.id;
    const { result } = renderHook(() => useRefund(paymentId), { wrapper: wrapper(client, false, 'staff') });
    await act(() => result.current.refund(50_000));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'REFUND_EXCEEDS_PAYMENT' },
    });
    await act(() => result.current.refund());
    expect(result.current.state).toMatchObject({ status: 'succeeded', refund: { amount: 40_000 } });
  });
});

describe('useNow', () => {
  it('is the provider’s clock, one stable function even when the prop changes', () => {
    let t = Date.parse('2031-06-01T00:00:00.000Z');
    const client = createMemoryClient();
    const { result, rerender } = renderHook(() => useNow(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AyoProvider client={client} now={() => t}>
          {children}
        </AyoProvider>
      ),
    });
    const first = result.current;
    expect(first()).toBe(t);
    t += 1_000;
    rerender();
    expect(result.current).toBe(first);
    expect(first()).toBe(t);
    expect(() => renderHook(() => useNow())).toThrow(/useNow\(\) must be used inside <AyoProvider>/);
  });
});

describe('watch', () => {
  it('gives up honestly at its deadline instead of spinning forever', async () => {
    const client = createMemoryClient({ scenario: { live: false } });
    // The hub's clock, three years from today's: the deadline is measured on it.
    const hub = new LiveHub(client, null, () => Date.now() + 3 * 365 * 86_400_000);
    let gaveUp = false;
    let reads = 0;
    await new Promise<void>((resolve) => {
      watch({
        live: hub,
        type: 'payment',
        id: 'pay_x',
        read: async () => {
          reads++;
          return 'processing';
        },
        fromEvent: () => null,
        settled: () => false,
        onUpdate: () => undefined,
        onGiveUp: () => {
          gaveUp = true;
          resolve();
        },
        deadline: hub.now() + 1_500,
      });
    });
    expect(gaveUp).toBe(true);
    expect(reads).toBeGreaterThanOrEqual(1);
  });
});
