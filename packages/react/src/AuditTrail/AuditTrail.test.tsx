import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { auditTrail, CARD_PAYMENTS, failing, memoryClient, NOW, PAYMENTS } from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { PaymentStatus } from '../PaymentStatus';
import { AuditTrail } from './AuditTrail';

const client = (audit = auditTrail(PAYMENTS.succeeded.id, CARD_PAYMENTS.authorized.id)) =>
  memoryClient({
    payments: [...Object.values(PAYMENTS), ...Object.values(CARD_PAYMENTS)].map((p) => structuredClone(p)),
    audit,
    now: NOW,
  });

describe('AuditTrail', () => {
  it('is a table of who did what, when, for how much, and how it ended', async () => {
    const { container } = renderWithAyo(<AuditTrail />, { client: client(), audience: 'staff' });
    const table = await screen.findByRole('table');
    expect(screen.getByRole('heading', { name: 'Audit trail' })).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['When', 'Who', 'Action', 'Payment', 'Amount', 'Result']);
    const [, accepted, forbidden, server, refused] = within(table).getAllByRole('row');
    expect(accepted).toHaveTextContent(/Dewi Lestari \(staff-dewi\)RefundReason: One bag arrived damaged/);
    expect(accepted).toHaveTextContent(/Rp\s100,000Accepted/);
    expect(forbidden).toHaveTextContent('Front desk');
    expect(forbidden).toHaveTextContent('RefusedYour role does not allow this action.');
    expect(server).toHaveTextContent(/Shop serverCapture.*The amount heldAccepted/);
    expect(refused).toHaveTextContent('staff-budi');
    expect(refused).toHaveTextContent('No amount');
    expect(within(accepted!).getByRole('cell', { name: /20 Nov 2026/ })).toBeInTheDocument();
    expect(container.querySelector('.ayo-audit-trail')).toHaveAttribute('data-state', 'ready');
    expect(screen.getByRole('region', { name: 'Audit trail' })).toHaveAttribute('tabindex', '0');
    await expectNoAxeViolations(container);
  });

  it.each([
    ['an empty paymentId', { paymentId: '' }],
    ['a malformed paymentId', { paymentId: 'pay_1' }],
    ['limit 0', { limit: 0 }],
    ['limit 1.5', { limit: 1.5 }],
  ])('%s is refused in plain words, never widened to every payment’s trail', async (_, props) => {
    const c = client();
    const { container } = renderWithAyo(<AuditTrail {...props} />, { client: c, audience: 'staff' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The audit trail could not be loaded');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(c.calls.filter((x) => x.method === 'listAuditEntries')).toHaveLength(0);
    await expectNoAxeViolations(container);
  });

  it('one payment’s trail leaves out the payment column', async () => {
    const c = client();
    renderWithAyo(<AuditTrail paymentId={PAYMENTS.succeeded.id} />, { client: c, audience: 'staff' });
    const table = await screen.findByRole('table');
    expect(within(table).queryByRole('columnheader', { name: 'Payment' })).not.toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(c.calls.find((x) => x.method === 'listAuditEntries')?.args[0]).toEqual({
      paymentId: PAYMENTS.succeeded.id,
    });
  });

  it('names Ayoconnect as the actor of a card refund its operations made', async () => {
    const [refund] = auditTrail(CARD_PAYMENTS.authorized.id, PAYMENTS.succeeded.id);
    const entry = {
      ...refund!,
      actor: { type: 'gateway' as const, id: 'ayoconnect', name: null },
      reason: 'Refunded by Ayoconnect (reported by the card gateway)',
    };
    const { container } = renderWithAyo(<AuditTrail />, { client: client([entry]), audience: 'staff' });
    const [, row] = within(await screen.findByRole('table')).getAllByRole('row');
    expect(row).toHaveTextContent(/AyoconnectRefundReason: Refunded by Ayoconnect/);
    expect(row).not.toHaveTextContent('ayoconnect');
    await expectNoAxeViolations(container);
  });

  it('speaks Indonesian', async () => {
    renderWithAyo(<AuditTrail />, { client: client(), audience: 'staff', locale: 'id' });
    const table = await screen.findByRole('table');
    expect(screen.getByRole('heading', { name: 'Jejak audit' })).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Waktu', 'Oleh', 'Tindakan', 'Pembayaran', 'Jumlah', 'Hasil']);
    expect(within(table).getAllByText('Ditolak')).toHaveLength(2);
    expect(within(table).getByText('Server toko')).toBeInTheDocument();
    expect(within(table).getByText('Peran Anda tidak mengizinkan tindakan ini.')).toBeInTheDocument();
  });

  it('shows an empty trail, a loading trail and an error with retry', async () => {
    const empty = renderWithAyo(<AuditTrail />, { client: client([]), audience: 'staff' });
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Loading the audit trail');
    expect(await screen.findByText('No refunds, captures or voids yet.')).toBeInTheDocument();
    empty.unmount();
    renderWithAyo(<AuditTrail />, {
      client: failing(client(), 'listAuditEntries', 'FORBIDDEN'),
      audience: 'staff',
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The audit trail could not be loaded.');
    expect(alert).toHaveTextContent('Your role does not allow this action.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('in a shopper’s page it throws an error that teaches the staff audience', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderWithAyo(<AuditTrail />, { client: client() })).toThrow(
      'useAuditTrail() is a back-office hook: use it inside <AyoProvider audience="staff">',
    );
    vi.restoreAllMocks();
  });

  it('a refund from the order page lands in the trail at once', async () => {
    const c = client([]);
    renderWithAyo(
      <>
        <PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />
        <AuditTrail paymentId={PAYMENTS.succeeded.id} />
      </>,
      { client: c, audience: 'staff' },
    );
    const user = userEvent.setup();
    await screen.findByText('No refunds, captures or voids yet.');
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s250,000$/ }));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      /Dewi Lestari.*Refund.*All that was left.*Accepted/,
    );
  });
});
