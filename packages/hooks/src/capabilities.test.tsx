import type { Instrument } from '@ayokit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useCapabilities, usePayment, usePaymentActions, useRefund, useUnbinding } from './hooks';
import { HttpAyoClient } from './http';
import { AyoProvider } from './provider';
import { createMemoryClient, type MemoryAyoClient } from './testing';

const NOW = Date.parse('2029-03-01T00:00:00.000Z');
const REFERENCE = { otpResend: false, cardRefund: false, cardVoid: true };
const visa: Instrument = {
  id: 'ins_0000000000000000visa3220',
  type: 'card',
  brand: 'visa',
  last4: '3220',
  expiryMonth: 12,
  expiryYear: 2030,
  maskedNumber: '•••• 3220',
  status: 'active',
  expiresAt: '2030-12-31T23:59:59.999Z',
  isDefault: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};
const bni: Instrument = {
  id: 'ins_000000000000000000000bni',
  type: 'bank_account',
  bankCode: '009',
  bankName: 'BNI',
  maskedNumber: '******4321',
  status: 'active',
  expiresAt: null,
  isDefault: false,
  createdAt: '2026-11-01T00:00:00.000Z',
};

const provider =
  (client: MemoryAyoClient, audience: 'shopper' | 'staff' = 'shopper') =>
  ({ children }: { children: ReactNode }) => (
    <AyoProvider client={client} locale="en" audience={audience} now={client.now}>
      {children}
    </AyoProvider>
  );
const callsOf = (client: MemoryAyoClient, method: string) => client.calls.filter((c) => c.method === method);

/** A hook next to useCapabilities, as a component showing the action would use them. */
function withCapabilities<T>(hook: () => T) {
  return () => ({ caps: useCapabilities(), hook: hook() });
}

describe('useCapabilities', () => {
  it('reads the shopper’s or the staff route by the provider’s audience, once per provider', async () => {
    const client = createMemoryClient({ capabilities: REFERENCE, now: NOW });
    const shopper = renderHook(() => [useCapabilities(), useCapabilities()], { wrapper: provider(client) });
    await waitFor(() => expect(shopper.result.current[0]!.status).toBe('ready'));
    expect(shopper.result.current[1]!.data).toEqual(REFERENCE);
    const staff = renderHook(() => useCapabilities(), { wrapper: provider(client, 'staff') });
    await waitFor(() => expect(staff.result.current.data).toEqual(REFERENCE));
    expect(callsOf(client, 'getCapabilities').map((c) => c.args)).toEqual([['shopper'], ['staff']]);
  });

  it('over HTTP: GET /v1/capabilities or /staff/v1/capabilities, the answer checked', async () => {
    const seen: string[] = [];
    const http = (body: unknown) =>
      new HttpAyoClient({
        baseUrl: 'https://shop.example/ayokit',
        fetch: async (url) => {
          seen.push(String(url));
          return Response.json(body);
        },
      });
    expect(await http(REFERENCE).getCapabilities('shopper')).toEqual(REFERENCE);
    expect(await http(REFERENCE).getCapabilities('staff')).toEqual(REFERENCE);
    expect(seen).toEqual([
      'https://shop.example/ayokit/v1/capabilities',
      'https://shop.example/ayokit/staff/v1/capabilities',
    ]);
    await expect(http({ otpResend: 'yes' }).getCapabilities('shopper')).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});

describe('hooks and a capability that is off', () => {
  const requiringOtp = async (client: MemoryAyoClient) => {
    const hook = renderHook(withCapabilities(usePayment), { wrapper: provider(client) });
    const checkoutId = client.createCheckout({ amount: 50_000, orderId: 'ORD-CAP' }).id;
    await act(() => hook.result.current.hook.pay({ checkoutId, instrumentId: visa.id }));
    await waitFor(() => expect(hook.result.current.caps.status).toBe('ready'));
    expect(hook.result.current.hook.state.status).toBe('requiresOtp');
    return hook;
  };

  it('a resend without otpResend is NOT_SUPPORTED, without a request; with it, a code is sent', async () => {
    const client = createMemoryClient({
      instruments: [visa],
      capabilities: REFERENCE,
      scenario: { resendAfterMs: 0 },
      now: NOW,
    });
    const { result } = await requiringOtp(client);
    let sent = true;
    await act(async () => {
      sent = await result.current.hook.resendOtp();
    });
    expect(sent).toBe(false);
    expect(result.current.hook.state).toMatchObject({ lastError: { code: 'NOT_SUPPORTED' } });
    expect(callsOf(client, 'resendPaymentOtp')).toHaveLength(0);

    const on = createMemoryClient({ instruments: [visa], scenario: { resendAfterMs: 0 }, now: NOW });
    const other = await requiringOtp(on);
    await act(async () => {
      sent = await other.result.current.hook.resendOtp();
    });
    expect(sent).toBe(true);
    expect(other.result.current.hook.state).toMatchObject({ resendsLeft: 2, lastError: null });
  });

  it('before the capabilities are read, the proxy’s own NOT_SUPPORTED shows the same way', async () => {
    const client = createMemoryClient({
      instruments: [bni],
      capabilities: REFERENCE,
      scenario: { resendAfterMs: 0 },
      now: NOW,
    });
    const { result } = renderHook(() => useUnbinding(), { wrapper: provider(client) });
    act(() => result.current.request(bni.id));
    await act(() => result.current.confirm());
    await act(async () => void (await result.current.resendOtp()));
    // Nothing read the capabilities: the request went, and was refused.
    expect(callsOf(client, 'getCapabilities')).toHaveLength(0);
    expect(callsOf(client, 'resendUnbindingOtp')).toHaveLength(1);
    expect(result.current.state).toMatchObject({ lastError: { code: 'NOT_SUPPORTED' } });
  });

  it('a card refund without cardRefund and a void without cardVoid are NOT_SUPPORTED, without a request', async () => {
    const client = createMemoryClient({ instruments: [visa], capabilities: REFERENCE, now: NOW });
    const direct = client.createCheckout({ amount: 40_000, orderId: 'ORD-R' }).id;
    const hold = client.createCheckout({ amount: 30_000, orderId: 'ORD-V', mode: 'authorize' }).id;
    const pay = renderHook(() => usePayment(), { wrapper: provider(client) });
    await act(() => pay.result.current.pay({ checkoutId: direct, instrumentId: visa.id }));
    await act(() => pay.result.current.submitOtp('123456'));
    const paid = client.payments[0]!.id;
    pay.result.current.reset();
    await act(() => pay.result.current.pay({ checkoutId: hold, instrumentId: visa.id }));
    await act(() => pay.result.current.submitOtp('123456'));
    const held = client.payments.find((p) => p.status === 'authorized')!.id;
    expect(client.payments.find((p) => p.id === paid)?.status).toBe('succeeded');

    const refund = renderHook(
      withCapabilities(() => useRefund(paid)),
      { wrapper: provider(client, 'staff') },
    );
    await waitFor(() => expect(refund.result.current.hook.refundable).toBe(40_000));
    await waitFor(() => expect(refund.result.current.caps.data).toEqual(REFERENCE));
    await act(() => refund.result.current.hook.refund());
    expect(refund.result.current.hook.state).toMatchObject({
      status: 'failed',
      error: { code: 'NOT_SUPPORTED' },
      retryable: false,
    });
    expect(callsOf(client, 'createRefund')).toHaveLength(0);

    // Turned on (a profile with a card refund API): the same refund goes.
    client.capabilities.cardRefund = true;
    await act(async () => void refund.result.current.caps.refetch());
    await waitFor(() => expect(refund.result.current.caps.data?.cardRefund).toBe(true));
    await act(() => refund.result.current.hook.refund());
    expect(refund.result.current.hook.state).toMatchObject({ status: 'succeeded' });

    client.capabilities.cardVoid = false;
    const actions = renderHook(
      withCapabilities(() => usePaymentActions(held)),
      {
        wrapper: provider(client, 'staff'),
      },
    );
    await waitFor(() => expect(actions.result.current.caps.data?.cardVoid).toBe(false));
    await act(() => actions.result.current.hook.void());
    expect(actions.result.current.hook.state).toMatchObject({
      status: 'failed',
      action: 'void',
      error: { code: 'NOT_SUPPORTED' },
    });
    expect(callsOf(client, 'voidPayment')).toHaveLength(0);
    // The memory backend refuses it too, and audits the refusal, as the proxy does.
    await expect(client.voidPayment(held, {}, 'key-void-0001')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
    });
    expect(client.audit[0]).toMatchObject({ action: 'void', result: 'refused', errorCode: 'NOT_SUPPORTED' });
  });
});
