// PaymentStatus's back-office actions (./staffActions) are loaded only where they may show. This
// file holds that load in the test's hand (a file of its own: a loaded module is kept per module
// instance, and every test file has its own), so a shopper's page is seen not to ask for it, and
// the back office's loading state, a failed load and its retry are seen.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { memoryClient, NOW, PAYMENTS } from '../internal/fixtures';
import { expectNoAxeViolations, gateQueue, renderWithAyo } from '../internal/test-utils';
import { PaymentStatus } from './PaymentStatus';

/** Each load of ./staffActions waits for the next gate; the test opens it (or makes it fail). */
const gates = gateQueue();
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./staffActions', async (importOriginal) => {
  loads.count++;
  const g = gates.take();
  if (g) await g.promise;
  return importOriginal();
});

const client = () =>
  memoryClient({ payments: Object.values(PAYMENTS).map((p) => structuredClone(p)), now: NOW });

describe('PaymentStatus: the back-office actions loaded on demand', () => {
  it("a shopper's page never asks for them", async () => {
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} />, { client: client() });
    expect(await screen.findByText('Succeeded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Refund/ })).not.toBeInTheDocument();
    expect(loads.count).toBe(0);
  });

  it('says a failed load in Indonesian (a failed load is forgotten: the next mount asks again)', async () => {
    const failed = gates.next();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: client(),
      audience: 'staff',
      locale: 'id',
    });
    await act(async () => failed.fail(new Error('offline')));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tindakan untuk pembayaran ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.',
    );
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
  });

  it('in the back office: an accessible loading state, then a failed load with a retry, then the refund', async () => {
    const before = loads.count;
    const first = gates.next();
    const c = client();
    const { container } = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    expect(await screen.findByText('Succeeded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(loads.count).toBe(before + 1);
    expect(screen.getByText('Loading…', { selector: 'p' })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Refund/ })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);

    await act(async () => first.fail(new Error('offline')));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The actions for this payment could not be loaded. Check your connection, then try again.',
    );
    await expectNoAxeViolations(container);

    // Retry asks the network again; this time the actions arrive, and they work.
    const second = gates.next();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(loads.count).toBe(before + 2);
    expect(await screen.findByText('Loading…', { selector: 'p' })).toBeVisible();
    await act(async () => second.open());
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s250,000$/ }));
    expect(await screen.findByText('Refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 250000, status: 'succeeded' });
    // Once per page: another PaymentStatus in the back office shows its actions without a load.
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.partiallyRefunded.id} allowRefund />, {
      client: client(),
      audience: 'staff',
    });
    expect(await screen.findAllByRole('button', { name: /^Refund, / })).toHaveLength(1);
    expect(screen.queryByText('Loading…', { selector: 'p' })).not.toBeInTheDocument();
    expect(loads.count).toBe(before + 2);
  });
});
