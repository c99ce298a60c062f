import { AyoError } from '@ayokit/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { messages } from '../i18n';
import {
  bca,
  bri,
  declinedCard,
  expiredCard,
  insufficientCard,
  memoryClient,
  networkErrorCard,
  threeDsCard,
  visa,
} from '../internal/fixtures';
import { expectNoAxeViolations, ownStatus, renderWithAyo } from '../internal/test-utils';
import { PayWithSavedCard } from './PayWithSavedCard';

const createdAmounts = (client: { calls: { method: string; args: unknown[] }[] }) =>
  client.calls
    .filter((c) => c.method === 'createPayment')
    .map((c) => (c.args[0] as { amount: number }).amount);

describe('PayWithSavedCard', () => {
  it('BCA asks for an OTP: a wrong code shows attempts left and an announced error, then the right code pays', async () => {
    const onSucceeded = vi.fn();
    const { container, client } = renderWithAyo(
      <PayWithSavedCard amount={150000} orderId="ORDER-1" description="Kopi" onSucceeded={onSucceeded} />,
      { client: memoryClient({ instruments: [bca(), bri()] }) },
    );
    const user = userEvent.setup();
    expect(screen.getByRole('heading', { name: /^Pay Rp\s150,000$/ })).toBeInTheDocument();
    // The default account is preselected.
    await screen.findByRole('radio', { name: /BCA ending in 1234/ });
    await waitFor(() => expect(screen.getByRole('radio', { name: /BCA ending in 1234/ })).toBeChecked());
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    const otp = await screen.findByRole('textbox', { name: 'OTP code' });
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'requires-otp');
    expect(otp).toHaveAccessibleDescription(/3 attempts left/);
    await expectNoAxeViolations(container);
    await user.type(otp, '111111');
    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The OTP is not correct.'));
    const again = screen.getByRole('textbox', { name: 'OTP code' });
    expect(again).toHaveAccessibleDescription(/2 attempts left.*The OTP is not correct/);
    expect(again).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(again).toHaveFocus());
    await user.type(again, '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s150,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(ownStatus(container, 'pay-with-saved-card')).toHaveTextContent('Payment of Rp 150,000 succeeded.');
    expect(onSucceeded).toHaveBeenCalledOnce();
    expect(onSucceeded.mock.calls[0]![0]).toMatchObject({
      amount: 150000,
      orderId: 'ORDER-1',
      status: 'succeeded',
    });
    expect(client.payments[0]!.instrumentId).toBe(bca().id);
  });

  it('says in plain words why the bank declined (insufficient funds), and calls onFailed', async () => {
    const onFailed = vi.fn();
    const { container } = renderWithAyo(<PayWithSavedCard amount={50000} onFailed={onFailed} />, {
      client: memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The payment failed');
    expect(alert).toHaveTextContent(
      'The account does not have enough funds. Top it up or choose another account.',
    );
    await waitFor(() => expect(alert).toHaveFocus());
    expect(onFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'failed');
    await expectNoAxeViolations(container);
  });

  it('pays the new amount when the amount prop changes after a failure', async () => {
    const { client, rerender } = renderWithAyo(<PayWithSavedCard amount={50000} orderId="A-1" />, {
      client: memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    await screen.findByRole('alert');
    client.scenario.paymentOutcome = 'succeeded';
    rerender(<PayWithSavedCard amount={40000} orderId="A-2" />);
    expect(screen.getByRole('heading', { name: /^Pay Rp\s40,000$/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try paying again' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s40,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(createdAmounts(client)).toEqual([50000, 40000]);
    const keys = client.calls.filter((c) => c.method === 'createPayment').map((c) => c.args[1]);
    expect(new Set(keys).size).toBe(2);
    expect(client.payments[0]).toMatchObject({ amount: 40000, orderId: 'A-2', status: 'succeeded' });
  });

  it('retries the same payment with a fresh attempt after a decline', async () => {
    const { client } = renderWithAyo(<PayWithSavedCard amount={50000} />, {
      client: memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    await screen.findByRole('alert');
    client.scenario.paymentOutcome = 'succeeded';
    await user.click(screen.getByRole('button', { name: 'Try paying again' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(client.payments).toHaveLength(2);
  });

  it('renders a clear error instead of a Pay button for an invalid amount', () => {
    const { container } = renderWithAyo(<PayWithSavedCard amount={10.5} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'the amount must be a positive whole number of rupiah',
    );
    expect(screen.queryByRole('button', { name: /Pay/ })).not.toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'invalid');
  });

  it('with no saved account, asks to choose one and offers to bind one inline', async () => {
    const onSucceeded = vi.fn();
    const { client, container } = renderWithAyo(
      <PayWithSavedCard amount={20000} bindMode="iframe" onSucceeded={onSucceeded} />,
    );
    const user = userEvent.setup();
    expect(await screen.findByText('No saved accounts yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s20,000$/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose an account to pay with.');
    await user.click(screen.getByRole('button', { name: 'Bind a new account' }));
    await user.click(await screen.findByRole('radio', { name: /BRI/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    await screen.findByRole('dialog');
    act(() => void client.completeBinding(client.bindings[0]!.id));
    expect(await screen.findByRole('radio', { name: /BRI ending in 7890/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s20,000$/ }));
    await screen.findByRole('heading', { name: /^Payment of Rp\s20,000 succeeded\.$/ });
    expect(onSucceeded).toHaveBeenCalledOnce();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'succeeded');
  });

  it('speaks Indonesian and formats rupiah the Indonesian way', async () => {
    renderWithAyo(<PayWithSavedCard amount={1500000} />, {
      client: memoryClient({ instruments: [bca()] }),
      locale: 'id',
    });
    expect(screen.getByRole('heading', { name: /^Bayar Rp\s?1\.500\.000$/ })).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: 'Bayar dengan' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tautkan rekening baru' })).toBeInTheDocument();
  });
});

describe('PayWithSavedCard with cards', () => {
  const def = <T extends object>(i: T) => ({ ...i, isDefault: true });

  it('authorize mode offers cards only, says "Hold", and ends in a hold', async () => {
    const onSucceeded = vi.fn();
    const { client, container } = renderWithAyo(
      <PayWithSavedCard amount={150000} mode="authorize" onSucceeded={onSucceeded} />,
      { client: memoryClient({ instruments: [bca(), visa()] }) },
    );
    const user = userEvent.setup();
    expect(screen.getByRole('heading', { name: /^Hold Rp\s150,000$/ })).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: /Visa ending in 1111/ })).toBeChecked();
    expect(screen.queryByRole('radio', { name: /BCA/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Bind a new account' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: /^Hold Rp\s150,000$/ }));
    expect(
      await screen.findByRole('heading', { name: /^Rp\s150,000 is held on your card\.$/ }),
    ).toBeInTheDocument();
    expect(client.payments[0]).toMatchObject({ mode: 'authorize', status: 'authorized' });
    expect(onSucceeded).toHaveBeenCalledWith(expect.objectContaining({ status: 'authorized' }));
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'authorized');
  });

  it.each([
    [declinedCard(), "The card's bank declined it. Try another card or contact your bank."],
    [insufficientCard(), 'The card does not have enough credit or balance. Try another card.'],
    [expiredCard(), 'This card has expired. Add a new card or choose another one.'],
  ])('maps a card decline to plain words (%#)', async (card, words) => {
    renderWithAyo(<PayWithSavedCard amount={50000} />, {
      client: memoryClient({ instruments: [def(card)] }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(words);
  });

  it('a wait beyond the provider’s waitLimitMs ends in "still processing"; Check again finds the answer', async () => {
    const client = memoryClient({
      instruments: [def(networkErrorCard())],
      scenario: { cardProcessingMs: 1_200 },
    });
    renderWithAyo(<PayWithSavedCard amount={50000} />, { client, waitLimitMs: 300 });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    const heading = await screen.findByRole('heading', { name: messages.en.pay.stillProcessing });
    expect(heading).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 1_300));
    await user.click(screen.getByRole('button', { name: messages.en.pay.checkAgain }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
  });

  it('the network-error card shows processing, then succeeds', async () => {
    const client = memoryClient({
      instruments: [def(networkErrorCard())],
      scenario: { cardProcessingMs: 300 },
    });
    renderWithAyo(<PayWithSavedCard amount={50000} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    expect(
      await screen.findByRole('heading', { name: 'Waiting for the bank to confirm…' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
  });

  it('3-D Secure: Resend code waits for the server’s time; a refused resend is announced', async () => {
    const client = memoryClient({ instruments: [def(threeDsCard())], scenario: { resendAfterMs: 30_000 } });
    const { container } = renderWithAyo(<PayWithSavedCard amount={50000} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    expect(await screen.findByRole('heading', { name: '3-D Secure verification' })).toBeInTheDocument();
    expect(
      screen.getByText("Your Visa card's bank sent a code by SMS to approve this payment."),
    ).toBeInTheDocument();
    const resend = screen.getByRole('button', { name: /^Resend code in 0:(30|29)$/ });
    expect(resend).toBeDisabled();
    expect(resend).toHaveAccessibleDescription('3 new codes left.');
    await expectNoAxeViolations(container);
    // The server moved its time (another tab asked): the proxy's RATE_LIMITED shows in words.
    client.scenario.failNext = { method: 'resendPaymentOtp', error: new AyoError('RATE_LIMITED') };
    const later = Date.now() + 31_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Resend code' })).toBeEnabled(), {
      timeout: 3000,
    });
    await user.click(screen.getByRole('button', { name: 'Resend code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Wait a moment and try again.',
    );
    vi.restoreAllMocks();
  });

  it('adds a card inline, then pays with it', async () => {
    const { client } = renderWithAyo(<PayWithSavedCard amount={20000} addCardMode="iframe" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a new card' }));
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    await screen.findByRole('dialog');
    act(() => void client.completeCardRegistration(client.cardRegistrations[0]!.id));
    expect(await screen.findByRole('radio', { name: /Visa ending in 1111/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s20,000$/ }));
    await screen.findByRole('heading', { name: /^Payment of Rp\s20,000 succeeded\.$/ });
    expect(client.payments[0]).toMatchObject({ instrumentType: 'card', capturedAmount: 20000 });
  });

  it('speaks Indonesian: "Tahan Rp…"', async () => {
    renderWithAyo(<PayWithSavedCard amount={1500000} mode="authorize" />, {
      client: memoryClient({ instruments: [visa()] }),
      locale: 'id',
    });
    expect(screen.getByRole('heading', { name: /^Tahan dana Rp\s?1\.500\.000$/ })).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: 'Tahan dana di kartu' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Tahan Rp\s?1\.500\.000$/ })).toBeInTheDocument();
  });
});
