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
  it('a resend without otpResend ends in NOT_SUPPORTED (lastError); with it, a code is sent', async () => {
    const client = createMemoryClient({
      instruments: [visa],
      capabilities: REFERENCE,
      scenario: { resendAfterMs: 0 },
      now: NOW,
    });
    const { result } = renderHook(() => usePayment(), { wrapper: provider(client) });
    const checkoutId = client.createCheckout({ amount: 50_000, orderId: 'ORD-CAP' }).id;
    await act(() => result.current.pay({ checkoutId, instrumentId: visa.id }));
    expect(result.current.state.status).toBe('requiresOtp');
    let sent = true;
    await act(async () => {
      sent = await result.current.resendOtp();
    });
    expect(sent).toBe(false);
    expect(result.current.state).toMatchObject({
      status: 'requiresOtp',
      resendsLeft: 3,
      lastError: { code: 'NOT_SUPPORTED' },
    });
    // Turned on (a profile with a resend API): the same resend sends a code.
    client.capabilities.otpResend = true;
    await act(async () => {
      sent = await result.current.resendOtp();
    });
    expect(sent).toBe(true);
    expect(result.current.state).toMatchObject({ resendsLeft: 2, lastError: null });
  });

  it('an unbinding’s resend too', async () => {
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
    expect(result.current.state).toMatchObject({
      status: 'requiresOtp',
      lastError: { code: 'NOT_SUPPORTED' },
    });
  });

  it('a card refund without cardRefund and a void without cardVoid fail with NOT_SUPPORTED, audited; on, they go', async () => {
    const client = createMemoryClient({ instruments: [visa], capabilities: REFERENCE, now: NOW });
    const direct = client.createCheckout({ amount: 40_000, orderId: 'ORD-R' }).id;
    const hold = client.createCheckout({ amount: 30_000, orderId: 'ORD-V', mode: 'authorize' }).id;
    const pay = renderHook(() => usePayment(), { wrapper: provider(client) });
    await act(() => pay.result.current.pay({ checkoutId: direct, instrumentId: visa.id }));
    await act(() => pay.result.current.submitOtp('123456'));
    const paid = client.payments[0]!.id;
    act(() => pay.result.current.reset());
    await act(() => pay.result.current.pay({ checkoutId: hold, instrumentId: visa.id }));
    await act(() => pay.result.current.submitOtp('123456'));
    const held = client.payments.find((p) => p.status === 'authorized')!.id;
    expect(client.payments.find((p) => p.id === paid)?.status).toBe('succeeded');

    const refund = renderHook(() => useRefund(paid), { wrapper: provider(client, 'staff') });
    await waitFor(() => expect(refund.result.current.refundable).toBe(40_000));
    await act(() => refund.result.current.refund());
    expect(refund.result.current.state).toMatchObject({
      status: 'failed',
      error: { code: 'NOT_SUPPORTED' },
      retryable: false,
    });
    expect(client.refunds).toHaveLength(0);
    expect(client.audit[0]).toMatchObject({
      action: 'refund',
      result: 'refused',
      errorCode: 'NOT_SUPPORTED',
    });
    client.capabilities.cardRefund = true;
    await act(() => refund.result.current.refund());
    expect(refund.result.current.state).toMatchObject({ status: 'succeeded' });

    client.capabilities.cardVoid = false;
    const actions = renderHook(() => usePaymentActions(held), { wrapper: provider(client, 'staff') });
    await act(() => actions.result.current.void());
    expect(actions.result.current.state).toMatchObject({
      status: 'failed',
      action: 'void',
      error: { code: 'NOT_SUPPORTED' },
    });
    expect(client.payments.find((p) => p.id === held)?.status).toBe('authorized');
    expect(client.audit[0]).toMatchObject({ action: 'void', result: 'refused', errorCode: 'NOT_SUPPORTED' });
    client.capabilities.cardVoid = true;
    act(() => actions.result.current.reset());
    await act(() => actions.result.current.void());
    expect(actions.result.current.state).toMatchObject({ status: 'voided' });
  });
});
