import type { Instrument, StaffPayment } from '@ayokit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  useAuditTrail,
  usePayment,
  usePaymentActions,
  usePaymentStatus,
  usePayments,
  useRefund,
  useStaff,
  useStaffPayments,
} from './hooks';
import { AyoProvider } from './provider';
import { createMemoryClient, type MemoryAyoClient } from './testing';

const bri: Instrument = {
  id: 'ins_000000000000000000000bri',
  type: 'bank_account',
  bankCode: '002',
  bankName: 'BRI',
  maskedNumber: '******5678',
  status: 'active',
  expiresAt: null,
  isDefault: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};
const visa: Instrument = {
  id: 'ins_0000000000000000visa1111',
  type: 'card',
  brand: 'visa',
  last4: '1111',
  expiryMonth: 12,
  expiryYear: 2030,
  maskedNumber: '•••• 1111',
  status: 'active',
  expiresAt: '2030-12-31T23:59:59.999Z',
  isDefault: false,
  createdAt: '2026-11-01T00:00:00.000Z',
};

const staff =
  (client: MemoryAyoClient) =>
  ({ children }: { children: ReactNode }) => (
    <AyoProvider client={client} locale="en" audience="staff">
      {children}
    </AyoProvider>
  );
const shopper =
  (client: MemoryAyoClient) =>
  ({ children }: { children: ReactNode }) => (
    <AyoProvider client={client} locale="en">
      {children}
    </AyoProvider>
  );

/** The shopper pays a checkout the merchant's server made; returns the payment's id. */
async function paid(client: MemoryAyoClient, amount: number, mode: 'direct' | 'authorize' = 'direct') {
  const checkoutId = client.createCheckout({ amount, orderId: `ORD-${amount}`, mode }).id;
  const pay = renderHook(() => usePayment(), { wrapper: shopper(client) });
  await act(() =>
    pay.result.current.pay({ checkoutId, instrumentId: mode === 'authorize' ? visa.id : bri.id }),
  );
  pay.unmount();
  return client.payments[0]!.id;
}

const someoneElses = (id: string): StaffPayment => ({
  id,
  userId: 'shopper-2',
  instrumentId: bri.id,
  instrumentType: 'bank_account',
  mode: 'direct',
  amount: 99_000,
  currency: 'IDR',
  description: null,
  orderId: 'OTHER-1',
  checkoutId: null,
  status: 'succeeded',
  otp: null,
  failure: null,
  capturedAmount: 99_000,
  authorizationExpiresAt: null,
  refundedAmount: 0,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('the staff audience', () => {
  it('useStaff says who is signed in and what their roles allow', async () => {
    const client = createMemoryClient({
      staff: { id: 'desk-1', name: 'Front desk', roles: ['read', 'capture'] },
    });
    const { result } = renderHook(() => useStaff(), { wrapper: staff(client) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.data).toMatchObject({ id: 'desk-1', roles: ['read', 'capture'] });
    expect(result.current.can('capture')).toBe(true);
    expect(result.current.can('refund')).toBe(false);
  });

  it('without a staff session every read is UNAUTHENTICATED', async () => {
    const client = createMemoryClient({ staff: null });
    const { result } = renderHook(() => ({ me: useStaff(), list: useStaffPayments() }), {
      wrapper: staff(client),
    });
    await waitFor(() => expect(result.current.me.error?.code).toBe('UNAUTHENTICATED'));
    await waitFor(() => expect(result.current.list.error?.code).toBe('UNAUTHENTICATED'));
    expect(result.current.me.can('read')).toBe(false);
  });

  it('reads every shopper’s payments from the staff routes, filtered; never opens the live stream', async () => {
    const client = createMemoryClient({
      instruments: [bri],
      payments: [someoneElses('pay_0000000000000000000other1')],
    });
    await paid(client, 12_000);
    client.calls = [];
    let subscribed = 0;
    const subscribe = client.subscribe.bind(client);
    client.subscribe = (...args) => {
      subscribed++;
      return subscribe(...args);
    };
    const { result } = renderHook(
      () => ({
        all: usePayments(),
        theirs: useStaffPayments({ userId: 'shopper-2' }),
        one: usePaymentStatus('pay_0000000000000000000other1'),
      }),
      { wrapper: staff(client) },
    );
    await waitFor(() => expect(result.current.all.data).toHaveLength(2));
    await waitFor(() => expect(result.current.theirs.data?.map((p) => p.orderId)).toEqual(['OTHER-1']));
    await waitFor(() => expect(result.current.one.data).toMatchObject({ userId: 'shopper-2' }));
    expect(client.calls.map((c) => c.method).sort()).toEqual([
      'getStaffPayment',
      'listStaffPayments',
      'listStaffPayments',
    ]);
    expect(subscribed).toBe(0);
  });

  it('a shopper cannot read another shopper’s payment (NOT_FOUND), staff can', async () => {
    const client = createMemoryClient({ payments: [someoneElses('pay_0000000000000000000other1')] });
    const asShopper = renderHook(() => usePaymentStatus('pay_0000000000000000000other1'), {
      wrapper: shopper(client),
    });
    await waitFor(() => expect(asShopper.result.current.error?.code).toBe('NOT_FOUND'));
    const asStaff = renderHook(() => usePaymentStatus('pay_0000000000000000000other1'), {
      wrapper: staff(client),
    });
    await waitFor(() => expect(asStaff.result.current.status).toBe('ready'));
  });

  it('a refund without the refund role is FORBIDDEN, and both attempts are in the audit trail', async () => {
    const client = createMemoryClient({ instruments: [bri] });
    const id = await paid(client, 40_000);
    client.staff = { id: 'desk-1', name: 'Front desk', roles: ['read', 'capture', 'void'] };
    const { result } = renderHook(
      () => ({ refund: useRefund(id), audit: useAuditTrail({ paymentId: id }) }),
      {
        wrapper: staff(client),
      },
    );
    await waitFor(() => expect(result.current.refund.refundable).toBe(40_000));
    await act(() => result.current.refund.refund());
    expect(result.current.refund.state).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    client.staff = { id: 'fin-1', name: 'Finance', roles: ['read', 'refund'] };
    await act(() => result.current.refund.refund(15_000, 'Damaged bag'));
    expect(result.current.refund.state).toMatchObject({ status: 'succeeded', refund: { amount: 15_000 } });
    await waitFor(() => expect(result.current.audit.data).toHaveLength(2));
    expect(result.current.audit.data).toMatchObject([
      {
        action: 'refund',
        actor: { type: 'staff', id: 'fin-1', name: 'Finance' },
        amount: 15_000,
        reason: 'Damaged bag',
        result: 'accepted',
        errorCode: null,
        refundId: client.refunds[0]!.id,
      },
      {
        action: 'refund',
        actor: { id: 'desk-1' },
        result: 'refused',
        errorCode: 'FORBIDDEN',
        refundId: null,
      },
    ]);
  });

  it('captures a hold (role capture); a retried lost answer is one action in the trail', async () => {
    const client = createMemoryClient({ instruments: [visa] });
    const id = await paid(client, 100_000, 'authorize');
    const { AyoError } = await import('@ayokit/core');
    const { result } = renderHook(
      () => ({ status: usePaymentStatus(id), actions: usePaymentActions(id), audit: useAuditTrail() }),
      { wrapper: staff(client) },
    );
    await waitFor(() => expect(result.current.status.data?.status).toBe('authorized'));
    // The proxy captured it but the answer was lost: the retry replays the same key.
    const capture = client.capturePayment.bind(client);
    let lost = true;
    client.capturePayment = async (...args) => {
      const p = await capture(...args);
      if (lost) {
        lost = false;
        throw new AyoError('UPSTREAM_UNAVAILABLE');
      }
      return p;
    };
    await act(() => result.current.actions.capture(110_000));
    expect(result.current.actions.state).toMatchObject({ status: 'failed', retryable: true });
    await act(() => result.current.actions.capture(110_000));
    expect(result.current.actions.state).toMatchObject({
      status: 'captured',
      payment: { capturedAmount: 110_000 },
    });
    await waitFor(() => expect(result.current.audit.data).toHaveLength(1));
    expect(result.current.audit.data?.[0]).toMatchObject({
      action: 'capture',
      amount: 110_000,
      result: 'accepted',
    });
  });
});

describe('useAuditTrail: a query it cannot send is refused, never widened', () => {
  it.each([
    [{ paymentId: '' }, 'paymentId: not a valid pay_ id'],
    [{ paymentId: 'pay_1' }, 'paymentId: not a valid pay_ id'],
    [{ limit: 0 }, 'limit: a whole number from 1 to 200'],
    [{ limit: -1 }, 'limit: a whole number from 1 to 200'],
    [{ limit: 1.5 }, 'limit: a whole number from 1 to 200'],
    [{ limit: 201 }, 'limit: a whole number from 1 to 200'],
    [{ limit: Number.NaN }, 'limit: a whole number from 1 to 200'],
  ])('%j → INVALID_REQUEST, and nothing is asked of the proxy', async (query, message) => {
    const client = createMemoryClient();
    const before = client.calls.length;
    const { result } = renderHook(() => useAuditTrail(query), { wrapper: staff(client) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'INVALID_REQUEST', message });
    expect(result.current.data).toBeUndefined();
    expect(client.calls.slice(before).filter((c) => c.method === 'listAuditEntries')).toHaveLength(0);
  });

  it('a well-formed query is sent as given', async () => {
    const client = createMemoryClient();
    const { result } = renderHook(() => useAuditTrail({ limit: 200 }), { wrapper: staff(client) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(client.calls.filter((c) => c.method === 'listAuditEntries').at(-1)?.args).toEqual([
      { limit: 200 },
    ]);
  });
});
