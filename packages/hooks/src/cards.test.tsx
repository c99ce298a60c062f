import type { CardInstrument, Instrument } from '@ayokit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resendRefusal } from './flows/errors';
import {
  useBinding,
  useCardRegistration,
  usePayment,
  usePaymentActions,
  usePaymentStatus,
  useRefund,
  useSavedCards,
  useUnbinding,
} from './hooks';
import { AyoProvider } from './provider';
import { createMemoryClient, type MemoryAyoClient, TEST_CARDS } from './testing';

const card = (last4: string, extra: Partial<CardInstrument> = {}): CardInstrument => ({
  id: `ins_${`card${last4}`.padStart(24, '0')}`,
  type: 'card',
  brand: 'visa',
  last4,
  expiryMonth: 12,
  expiryYear: 2030,
  maskedNumber: `•••• ${last4}`,
  status: 'active',
  expiresAt: '2030-12-31T23:59:59.999Z',
  isDefault: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...extra,
});
const bni: Instrument = {
  id: 'ins_000000000000000000000bni',
  type: 'bank_account',
  bankCode: '009',
  bankName: 'BNI',
  maskedNumber: '******4321',
  status: 'active',
  expiresAt: null,
  isDefault: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};

function wrapper(client: MemoryAyoClient, strict = false, audience: 'shopper' | 'staff' = 'shopper') {
  return ({ children }: { children: ReactNode }) => {
    const tree = (
      <AyoProvider client={client} locale="en" now={client.now} audience={audience}>
        {children}
      </AyoProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

afterEach(() => vi.restoreAllMocks());

const staff = (client: MemoryAyoClient) => wrapper(client, false, 'staff');
let order = 0;
/** A checkout made by the merchant's server: the amount and the mode are its. */
const checkout = (client: MemoryAyoClient, amount: number, mode: 'direct' | 'authorize' = 'direct') =>
  client.createCheckout({ amount, orderId: `CARD-${++order}`, mode }).id;

describe('useCardRegistration', () => {
  it('idle → creating → awaitingPage (iframe, expiresAt) → succeeded with the new card', async () => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useCardRegistration({ mode: 'iframe' }), {
      wrapper: wrapper(client, true),
    });
    expect(result.current.state.status).toBe('idle');
    await act(() => result.current.start());
    const s = result.current.state;
    if (s.status !== 'awaitingPage') throw new Error(s.status);
    expect(s.window).toBe('iframe');
    expect(s.expiresAt).toBeTruthy();
    expect(s.webviewUrl).toMatch(/^data:text\/html/);
    act(
      () =>
        void client.completeCardRegistration(s.registration.id, { number: TEST_CARDS.jcb, expiry: '08/29' }),
    );
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
    const done = result.current.state;
    if (done.status !== 'succeeded') throw new Error(done.status);
    expect(done.card).toMatchObject({
      type: 'card',
      brand: 'jcb',
      last4: '0000',
      expiryMonth: 8,
      expiryYear: 2029,
    });
    expect(client.cardRegistrations).toHaveLength(1);
  });

  it('takes what the simulated page posts, and shows verifying once the shopper is back', async () => {
    const client = createMemoryClient({ scenario: { live: false } });
    const { result } = renderHook(() => useCardRegistration({ mode: 'iframe' }), {
      wrapper: wrapper(client),
    });
    await act(() => result.current.start());
    const s = result.current.state;
    if (s.status !== 'awaitingPage') throw new Error(s.status);
    act(() =>
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'ayokit:card-registration-return', cardRegistrationId: s.registration.id },
        }),
      ),
    );
    expect(result.current.state.status).toBe('verifying');
    act(() =>
      window.dispatchEvent(
        new MessageEvent('message', {
          data: {
            type: 'ayokit:memory-card-page',
            id: s.registration.id,
            number: TEST_CARDS.mastercard,
            expiry: '01/31',
          },
        }),
      ),
    );
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'), { timeout: 5000 });
    expect(result.current.state).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });
  });

  it.each([
    [{ number: TEST_CARDS.declined }, 'failed', 'PAYMENT_DECLINED'],
    [{ number: TEST_CARDS.threeDSecure, otp: '000000' }, 'failed', 'AUTHENTICATION_FAILED'],
    ['expired' as const, 'expired', null],
  ])('%o ends %s', async (entry, status, code) => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useCardRegistration({ mode: 'iframe' }), {
      wrapper: wrapper(client),
    });
    await act(() => result.current.start());
    act(() => void client.completeCardRegistration(client.cardRegistrations[0]!.id, entry));
    await waitFor(() => expect(result.current.state.status).toBe(status));
    const s = result.current.state;
    if (code) expect(s.status === 'failed' && s.error.code).toBe(code);
    await act(() => result.current.retry());
    expect(result.current.state.status).toBe('awaitingPage');
    expect(client.cardRegistrations).toHaveLength(2);
  });

  it('3-D Secure card with the right code is added', async () => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useCardRegistration({ mode: 'iframe' }), {
      wrapper: wrapper(client),
    });
    await act(() => result.current.start());
    act(
      () =>
        void client.completeCardRegistration(client.cardRegistrations[0]!.id, {
          number: TEST_CARDS.threeDSecure,
          otp: '123456',
        }),
    );
    await waitFor(() =>
      expect(result.current.state).toMatchObject({ status: 'succeeded', card: { last4: '3220' } }),
    );
  });

  it('popup mode notices a blocked and a closed popup', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = { closed: false, close() {}, location: { href: '' } } as unknown as Window;
    const open = vi.spyOn(window, 'open').mockReturnValueOnce(null).mockReturnValue(fake);
    const client = createMemoryClient();
    const { result } = renderHook(() => useCardRegistration({ mode: 'popup' }), { wrapper: wrapper(client) });
    await act(() => result.current.start());
    expect(open).toHaveBeenCalledTimes(1);
    expect(result.current.state).toMatchObject({ status: 'awaitingPage', window: 'popupBlocked' });
    act(() => result.current.reopen());
    expect(result.current.state).toMatchObject({ status: 'awaitingPage', window: 'popup' });
    (fake as { closed: boolean }).closed = true;
    await act(async () => void vi.advanceTimersByTime(600));
    expect(result.current.state).toMatchObject({ status: 'awaitingPage', window: 'popupClosed' });
    vi.useRealTimers();
  });

  it('redirect mode resumes from the query parameter', async () => {
    const client = createMemoryClient();
    const first = renderHook(() => useCardRegistration({ mode: 'iframe' }), { wrapper: wrapper(client) });
    await act(() => first.result.current.start());
    const id = client.cardRegistrations[0]!.id;
    first.unmount();
    window.history.replaceState(null, '', `/?ayokitCardRegistration=${id}`);
    const { result } = renderHook(() => useCardRegistration({ mode: 'redirect' }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.state.status).toBe('verifying'));
    act(() => void client.completeCardRegistration(id));
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
    window.history.replaceState(null, '', '/');
  });

  it('useBinding still works on the shared machinery', async () => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useBinding({ mode: 'iframe' }), { wrapper: wrapper(client) });
    await act(() => result.current.start('011'));
    expect(result.current.state.status).toBe('awaitingBank');
  });
});

describe('usePayment with cards', () => {
  it('authorize mode settles in `authorized`, with the hold’s expiry', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({
        checkoutId: checkout(client, 100_000, 'authorize'),
        instrumentId: card('1111').id,
      }),
    );
    expect(result.current.state).toMatchObject({
      status: 'authorized',
      payment: { mode: 'authorize', capturedAmount: 0, instrumentType: 'card' },
    });
    const s = result.current.state;
    expect(s.status === 'authorized' && s.payment.authorizationExpiresAt).toBeTruthy();
  });

  it('refuses authorize mode for a bank account (MODE_NOT_SUPPORTED)', async () => {
    const client = createMemoryClient({ instruments: [bni] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({ checkoutId: checkout(client, 100_000, 'authorize'), instrumentId: bni.id }),
    );
    expect(result.current.state).toMatchObject({ status: 'failed', error: { code: 'MODE_NOT_SUPPORTED' } });
  });

  it.each([
    ['0002', 'PAYMENT_DECLINED'],
    ['9995', 'INSUFFICIENT_FUNDS'],
    ['0069', 'CARD_EXPIRED'],
  ])('card %s is declined with %s', async (last4, code) => {
    const client = createMemoryClient({ instruments: [card(last4)] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({ checkoutId: checkout(client, 50_000), instrumentId: card(last4).id }),
    );
    expect(result.current.state).toMatchObject({ status: 'failed', error: { code } });
  });

  it('the network-error card goes processing, then succeeds', async () => {
    // The bank answers when the test says so (not after a delay a loaded machine may outrun).
    const client = createMemoryClient({
      instruments: [card('0119')],
      scenario: { cardProcessingMs: 600_000 },
    });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({ checkoutId: checkout(client, 50_000), instrumentId: card('0119').id }),
    );
    expect(result.current.state.status).toBe('processing');
    client.settlePayment(client.payments[0]!.id, 'succeeded');
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
  });

  it('sees a hold voided later (live event)', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({
        checkoutId: checkout(client, 10_000, 'authorize'),
        instrumentId: card('1111').id,
      }),
    );
    expect(result.current.state.status).toBe('authorized');
    expect(client.expireAuthorization(client.payments[0]!.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
  });
});

describe('resendOtp', () => {
  it('is refused before resendAvailableAt without a request, then sends a new code', async () => {
    // A clock years from today's, shared by the client and the provider: the flow reads only it.
    let t = Date.parse('2029-03-01T00:00:00.000Z');
    const client = createMemoryClient({
      instruments: [card('3220')],
      scenario: { resendAfterMs: 60_000 },
      now: () => t,
    });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      result.current.pay({ checkoutId: checkout(client, 50_000), instrumentId: card('3220').id }),
    );
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', resendsLeft: 3, resending: false });
    let sent = true;
    await act(async () => {
      sent = await result.current.resendOtp();
    });
    expect(sent).toBe(false);
    expect(result.current.state).toMatchObject({ lastError: { code: 'RATE_LIMITED' } });
    expect(client.calls.filter((c) => c.method === 'resendPaymentOtp')).toHaveLength(0);
    // A minute later on that clock (the one the countdown and the rate limit read).
    t += 61_000;
    await act(async () => void (await result.current.resendOtp()));
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', resendsLeft: 2, lastError: null });
    await act(() => result.current.submitOtp('123456'));
    expect(result.current.state.status).toBe('succeeded');
  });

  it('the server’s RATE_LIMITED shows as the last error; no resends left is refused', async () => {
    const now = Date.parse('2029-03-01T00:00:00.000Z');
    expect(resendRefusal({ resendsLeft: 0, resendAvailableAt: null }, now)?.code).toBe('RATE_LIMITED');
    expect(
      resendRefusal({ resendsLeft: 1, resendAvailableAt: new Date(now + 5000).toISOString() }, now)?.message,
    ).toMatch(/in 5 seconds/);
    expect(resendRefusal({ resendsLeft: 1, resendAvailableAt: null }, now)).toBeNull();
  });

  it('works on the unbinding flow (BNI asks for an OTP)', async () => {
    const client = createMemoryClient({ instruments: [bni], scenario: { resendAfterMs: 0 } });
    const { result } = renderHook(() => useUnbinding(), { wrapper: wrapper(client) });
    act(() => result.current.request(bni.id));
    await act(() => result.current.confirm());
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', resendsLeft: 3 });
    await act(async () => void (await result.current.resendOtp()));
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', resendsLeft: 2 });
    expect(client.calls.filter((c) => c.method === 'resendUnbindingOtp')).toHaveLength(1);
  });

  it('cards are removed at once, without an OTP', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const { result } = renderHook(() => useUnbinding(), { wrapper: wrapper(client) });
    act(() => result.current.request(card('1111').id));
    await act(() => result.current.confirm());
    expect(result.current.state.status).toBe('succeeded');
  });
});

async function authorized(client: MemoryAyoClient, amount = 100_000) {
  const pay = renderHook(() => usePayment(), { wrapper: wrapper(client) });
  await act(() =>
    pay.result.current.pay({
      checkoutId: checkout(client, amount, 'authorize'),
      instrumentId: card('1111').id,
    }),
  );
  pay.unmount();
  return client.payments[0]!.id;
}

describe('usePaymentActions', () => {
  it('refuses a capture over 120 % before sending, then captures up to 120 %', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const id = await authorized(client);
    const { result } = renderHook(() => ({ status: usePaymentStatus(id), actions: usePaymentActions(id) }), {
      wrapper: staff(client),
    });
    await waitFor(() => expect(result.current.status.status).toBe('ready'));
    await act(() => result.current.actions.capture(120_001));
    expect(result.current.actions.state).toMatchObject({
      status: 'failed',
      action: 'capture',
      error: { code: 'CAPTURE_EXCEEDS_AUTHORIZATION' },
    });
    expect(client.calls.filter((c) => c.method === 'capturePayment')).toHaveLength(0);
    await act(() => result.current.actions.capture(120_000));
    expect(result.current.actions.state).toMatchObject({
      status: 'captured',
      payment: { capturedAmount: 120_000 },
    });
    await waitFor(() => expect(result.current.status.data?.status).toBe('succeeded'));
    // Void only while authorised: refused here, no request.
    await act(() => result.current.actions.void());
    expect(result.current.actions.state).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_STATE' },
    });
    expect(client.calls.filter((c) => c.method === 'voidPayment')).toHaveLength(0);
  });

  it('voids an authorised payment; a lost answer is retried with the same key', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const id = await authorized(client);
    client.scenario.failNext = {
      method: 'voidPayment',
      error: new (await import('@ayokit/core')).AyoError('UPSTREAM_UNAVAILABLE'),
    };
    const { result } = renderHook(() => ({ status: usePaymentStatus(id), actions: usePaymentActions(id) }), {
      wrapper: staff(client),
    });
    await waitFor(() => expect(result.current.status.status).toBe('ready'));
    await act(() => result.current.actions.void());
    expect(result.current.actions.state).toMatchObject({ status: 'failed', retryable: true });
    await act(() => result.current.actions.void());
    expect(result.current.actions.state.status).toBe('voided');
    const keys = client.calls.filter((c) => c.method === 'voidPayment').map((c) => c.args[2]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('useRefund and useSavedCards with cards', () => {
  it('card payments are refunded in full only', async () => {
    const client = createMemoryClient({ instruments: [card('1111')] });
    const pay = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() =>
      pay.result.current.pay({ checkoutId: checkout(client, 80_000), instrumentId: card('1111').id }),
    );
    const id = client.payments[0]!.id;
    const { result } = renderHook(() => useRefund(id), { wrapper: staff(client) });
    await waitFor(() => expect(result.current.fullOnly).toBe(true));
    expect(result.current.refundable).toBe(80_000);
    await act(() => result.current.refund(10_000));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'PARTIAL_REFUND_NOT_ALLOWED' },
    });
    expect(client.calls.filter((c) => c.method === 'createRefund')).toHaveLength(0);
    await act(() => result.current.refund());
    expect(result.current.state).toMatchObject({ status: 'succeeded', refund: { amount: 80_000 } });
  });

  it('returns cards and bank accounts', async () => {
    const client = createMemoryClient({ instruments: [bni, card('1111')] });
    const { result } = renderHook(() => useSavedCards(), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.cards.map((c) => c.last4)).toEqual(['1111']);
    expect(result.current.bankAccounts.map((b) => b.bankCode)).toEqual(['009']);
    expect(result.current.instruments).toHaveLength(2);
  });
});
