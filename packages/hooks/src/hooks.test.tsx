import { AyoError, type Instrument } from '@ayokit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { useBinding, usePayment, useRefund, useSavedCards, useUnbinding } from './hooks';
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

function wrapper(client: MemoryAyoClient, strict = false) {
  return ({ children }: { children: ReactNode }) => {
    const tree = (
      <AyoProvider client={client} locale="en" now={client.now}>
        {children}
      </AyoProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

describe('hooks outside the provider', () => {
  it('throw an error naming the hook and the provider', () => {
    expect(() => renderHook(() => usePayment())).toThrow(/usePayment\(\) must be used inside <AyoProvider>/);
    expect(() => renderHook(() => useBinding())).toThrow(/useBinding\(\).*AyoProvider/);
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
  it('asks for the OTP (BCA), counts a wrong one, then succeeds', async () => {
    const client = createMemoryClient({ instruments: [bca] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bca.id, amount: 150_000 }));
    expect(result.current.state).toMatchObject({ status: 'requiresOtp', attemptsLeft: 3 });
    await act(() => result.current.submitOtp('000000'));
    expect(result.current.state).toMatchObject({
      status: 'requiresOtp',
      attemptsLeft: 2,
      lastError: { code: 'OTP_INVALID' },
    });
    await act(() => result.current.submitOtp('123456'));
    expect(result.current.state.status).toBe('succeeded');
  });

  it('retries a lost answer with the same Idempotency-Key: one payment', async () => {
    const client = createMemoryClient({
      instruments: [bri],
      scenario: { failNext: { method: 'createPayment', error: new AyoError('UPSTREAM_UNAVAILABLE') } },
    });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 50_000 }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      retryable: true,
      error: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    await act(() => result.current.retry());
    expect(result.current.state.status).toBe('succeeded');
    const keys = client.calls.filter((c) => c.method === 'createPayment').map((c) => c.args[1]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(client.payments).toHaveLength(1);
  });

  it('uses a new key when the amount changes (no stale charge)', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'failed' } });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 10_000 }));
    expect(result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'INSUFFICIENT_FUNDS', responseCode: '4035414' },
    });
    act(() => result.current.reset());
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 12_000 }));
    const keys = client.calls.filter((c) => c.method === 'createPayment').map((c) => c.args[1]);
    expect(new Set(keys).size).toBe(2);
  });

  it('pays again with a new key after a decline, and with the same key after a lost answer', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'failed' } });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 15_000 }));
    expect(result.current.state.status).toBe('failed');
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 15_000 }));
    client.scenario.failNext = { method: 'createPayment', error: new AyoError('UPSTREAM_UNAVAILABLE') };
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 15_000 }));
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 15_000 }));
    const keys = client.calls.filter((c) => c.method === 'createPayment').map((c) => c.args[1]);
    expect(keys).toHaveLength(4);
    expect(new Set(keys.slice(0, 3)).size).toBe(3);
    expect(keys[3]).toBe(keys[2]);
  });

  it('refuses bad arguments without calling the proxy', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: -1 }));
    expect(result.current.state).toMatchObject({ status: 'failed', error: { code: 'INVALID_REQUEST' } });
    await act(() => result.current.pay({ instrumentId: 'nope', amount: 100 }));
    expect(client.calls.filter((c) => c.method === 'createPayment')).toHaveLength(0);
  });

  it('charges once under StrictMode', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client, true) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 20_000 }));
    expect(result.current.state.status).toBe('succeeded');
    expect(client.calls.filter((c) => c.method === 'createPayment')).toHaveLength(1);
  });

  it('waits for a processing payment and settles on the live event', async () => {
    const client = createMemoryClient({ instruments: [bri], scenario: { paymentOutcome: 'processing' } });
    const { result } = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => result.current.pay({ instrumentId: bri.id, amount: 30_000 }));
    const s = result.current.state;
    if (s.status !== 'processing') throw new Error(s.status);
    act(() => void client.settlePayment(s.payment.id));
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
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

  it('refunds in full and refuses more than what is left', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const pay = renderHook(() => usePayment(), { wrapper: wrapper(client) });
    await act(() => pay.result.current.pay({ instrumentId: bri.id, amount: 40_000 }));
    const paymentId = client.payments[0]!.id;
    const { result } = renderHook(() => useRefund(paymentId), { wrapper: wrapper(client) });
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
