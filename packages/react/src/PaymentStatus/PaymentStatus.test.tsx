import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { failing, memoryClient, NOW, PAYMENTS } from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { PaymentStatus } from './PaymentStatus';

const client = () =>
  memoryClient({ payments: Object.values(PAYMENTS).map((p) => structuredClone(p)), now: NOW });

describe('PaymentStatus', () => {
  it.each([
    ['processing', 'Processing'],
    ['requiresOtp', 'Needs OTP'],
    ['succeeded', 'Succeeded'],
    ['failed', 'Failed'],
    ['refunded', 'Refunded'],
    ['partiallyRefunded', 'Partially refunded'],
  ] as const)('shows a %s payment', async (key, label) => {
    const { container } = renderWithAyo(<PaymentStatus paymentId={PAYMENTS[key].id} />, { client: client() });
    expect(await screen.findByText(label, { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(container.querySelector('.ayo-payment-status__amount')).toHaveTextContent('Rp 250,000');
    expect(container.querySelector('time')).toHaveTextContent('20 Nov 2026');
    expect(container.querySelector('.ayo-payment-status')?.getAttribute('data-state')).toBe(
      key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    );
    await expectNoAxeViolations(container);
  });

  it('gives the reason of a failed payment in plain words', async () => {
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.failed.id} />, { client: client() });
    expect(
      await screen.findByText('The account does not have enough funds. Top it up or choose another account.'),
    ).toBeInTheDocument();
  });

  it('refunds in full after a confirm step', async () => {
    const c = client();
    const { container } = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    expect(screen.getByRole('heading', { name: 'Refund this payment' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: /Full refund/ })).toBeChecked();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(await screen.findByText('Refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 250000, status: 'succeeded' });
    expect(screen.queryByRole('button', { name: 'Refund' })).not.toBeInTheDocument();
  });

  it('refunds part of the amount; a wrong amount is refused with focus on the field', async () => {
    const c = client();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, { client: c });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    await user.click(screen.getByRole('radio', { name: 'Partial refund' }));
    const field = screen.getByRole('textbox', { name: 'Refund amount (Rp)' });
    await user.type(field, '999999');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(screen.getByRole('alert')).toHaveTextContent('between 1 and Rp');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.type(field, '50000');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(await screen.findByText('Partially refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 50000 });
  });

  it('announces a refund the bank refuses', async () => {
    const c = client();
    c.scenario.refundOutcome = 'failed';
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, { client: c });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The refund failed');
    expect(alert).toHaveTextContent('The bank does not allow this refund');
    await waitFor(() => expect(alert).toHaveFocus());
  });

  it('shows loading and a not-found error', async () => {
    const { unmount } = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} />, {
      client: client(),
    });
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Loading the payment');
    unmount();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} />, {
      client: failing(client(), 'getPayment', 'NOT_FOUND'),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found.');
  });

  it('speaks Indonesian', async () => {
    const { container } = renderWithAyo(
      <PaymentStatus paymentId={PAYMENTS.partiallyRefunded.id} allowRefund />,
      {
        client: client(),
        locale: 'id',
      },
    );
    expect(await screen.findByText('Dikembalikan sebagian', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Kembalikan dana' })).toBeInTheDocument();
    expect(container.querySelector('time')).toHaveTextContent(/20 Nov 2026/);
  });
});
