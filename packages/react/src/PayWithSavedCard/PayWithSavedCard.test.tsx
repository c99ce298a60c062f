import { AyoError, type PaymentMode } from '@ayokit/core';
import type { MemoryAyoClient } from '@ayokit/hooks/testing';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  bca,
  bri,
  CHECKOUTS,
  declinedCard,
  expiredCard,
  failing,
  insufficientCard,
  memoryClient,
  networkErrorCard,
  shopClient,
  threeDsCard,
  visa,
} from '../internal/fixtures';
import { expectNoAxeViolations, ownStatus, renderWithAyo } from '../internal/test-utils';
import { en } from '../locales/en';
import { PayWithSavedCard } from './PayWithSavedCard';

let order = 0;
/** What the merchant's server does: a checkout for this shopper, with its amount and mode. */
function checkout(
  client: MemoryAyoClient,
  amount: number,
  extra: { mode?: PaymentMode; orderId?: string; description?: string } = {},
) {
  return client.createCheckout({ amount, orderId: `ORDER-${++order}`, ...extra }).id;
}
const payKeys = (client: MemoryAyoClient) =>
  client.calls.filter((c) => c.method === 'payCheckout').map((c) => c.args[2]);

describe('PayWithSavedCard', () => {
  it('BCA asks for an OTP: a wrong code shows attempts left and an announced error, then the right code pays', async () => {
    const onSucceeded = vi.fn();
    const c = memoryClient({ instruments: [bca(), bri()] });
    const id = checkout(c, 150000, { orderId: 'ORDER-1', description: 'Kopi' });
    const { container, client } = renderWithAyo(
      <PayWithSavedCard checkout={id} onSucceeded={onSucceeded} />,
      {
        client: c,
      },
    );
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: /^Pay Rp\s150,000$/ })).toBeInTheDocument();
    expect(screen.getByText('Kopi')).toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card__order')).toHaveTextContent(
      /^Order ORDER-1 · Pay before \d+ \w+ 20\d\d/,
    );
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
      checkoutId: id,
      status: 'succeeded',
    });
    expect(client.payments[0]!.instrumentId).toBe(bca().id);
    // The browser named the checkout and the account: nothing else.
    expect(client.calls.find((x) => x.method === 'payCheckout')?.args.slice(0, 2)).toEqual([
      id,
      { instrumentId: bca().id },
    ]);
  });

  it('Cancel on the OTP step pauses the payment: it waits for its code, and Enter the OTP comes back to it', async () => {
    const onSucceeded = vi.fn();
    const c = memoryClient({ instruments: [bca()] });
    const id = checkout(c, 150000);
    const { container, client } = renderWithAyo(
      <PayWithSavedCard checkout={id} onSucceeded={onSucceeded} />,
      {
        client: c,
      },
    );
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('radio', { name: /BCA ending in 1234/ })).toBeChecked());
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    await screen.findByRole('textbox', { name: 'OTP code' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    // The payment waits at the bank (the checkout takes no other meanwhile): said, not asked again.
    const paused = await screen.findByRole('heading', { name: 'The payment is waiting for its OTP' });
    await waitFor(() => expect(paused).toHaveFocus());
    expect(screen.getByText(/Without it, the bank ends this payment by itself/)).toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'otp-paused');
    expect(ownStatus(container, 'pay-with-saved-card')).toHaveTextContent(
      'The payment is waiting for its OTP',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByRole('textbox', { name: 'OTP code' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Enter the OTP' }));
    await user.type(await screen.findByRole('textbox', { name: 'OTP code' }), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s150,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(onSucceeded).toHaveBeenCalledOnce();
    expect(payKeys(client)).toHaveLength(1);
  });

  it('says in plain words why the bank declined (insufficient funds), and calls onFailed', async () => {
    const onFailed = vi.fn();
    const client = memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } });
    const { container } = renderWithAyo(
      <PayWithSavedCard checkout={checkout(client, 50000)} onFailed={onFailed} />,
      {
        client,
      },
    );
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

  it('another checkout prop is another payment (a new key, the new checkout’s amount)', async () => {
    const client = memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } });
    const [first, second] = [
      checkout(client, 50000, { orderId: 'A-1' }),
      checkout(client, 40000, { orderId: 'A-2' }),
    ];
    const { rerender } = renderWithAyo(<PayWithSavedCard checkout={first} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    await screen.findByRole('alert');
    client.scenario.paymentOutcome = 'succeeded';
    rerender(<PayWithSavedCard checkout={second} />);
    expect(await screen.findByRole('heading', { name: /^Pay Rp\s40,000$/ })).toBeInTheDocument();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s40,000$/ }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s40,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(new Set(payKeys(client)).size).toBe(2);
    expect(client.payments.map((p) => [p.amount, p.orderId, p.status])).toEqual([
      [40000, 'A-2', 'succeeded'],
      [50000, 'A-1', 'failed'],
    ]);
  });

  it('retries the same payment with a fresh attempt after a decline', async () => {
    const c = memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed' } });
    const { client } = renderWithAyo(<PayWithSavedCard checkout={checkout(c, 50000)} />, { client: c });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    await screen.findByRole('alert');
    // The decline left the checkout open for another try.
    await waitFor(() => expect(client.checkouts[0]).toMatchObject({ status: 'open', paymentId: null }));
    client.scenario.paymentOutcome = 'succeeded';
    await user.click(screen.getByRole('button', { name: 'Try paying again' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(client.payments).toHaveLength(2);
  });

  it('renders a clear error instead of a Pay button for an invalid checkout prop, without a request', () => {
    const { container, client } = renderWithAyo(<PayWithSavedCard checkout="ORDER-1042" />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      "`checkout` must be a checkout id (chk_…) made by the shop's server",
    );
    expect(screen.queryByRole('button', { name: /Pay/ })).not.toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'invalid');
    expect(client.calls).toHaveLength(0);
  });

  it('with no saved account, asks to choose one and offers to bind one inline', async () => {
    const onSucceeded = vi.fn();
    const c = memoryClient();
    const { client, container } = renderWithAyo(
      <PayWithSavedCard checkout={checkout(c, 20000)} bindMode="iframe" onSucceeded={onSucceeded} />,
      { client: c },
    );
    const user = userEvent.setup();
    expect(await screen.findByText('No saved accounts or cards yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s20,000$/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose an account or card to pay with.');
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
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.large} />, {
      client: shopClient({ instruments: [bca()] }),
      locale: 'id',
    });
    expect(await screen.findByRole('heading', { name: /^Bayar Rp\s?1\.500\.000$/ })).toBeInTheDocument();
    expect(screen.getByText('Espresso machine')).toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card__order')).toHaveTextContent(
      /^Pesanan ORDER-1043 · Bayar sebelum /,
    );
    expect(await screen.findByRole('group', { name: 'Bayar dengan' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tautkan rekening baru' })).toBeInTheDocument();
  });
});

describe('PayWithSavedCard with cards', () => {
  const def = <T extends object>(i: T) => ({ ...i, isDefault: true });

  it('authorize mode offers cards only, says "Hold", and ends in a hold', async () => {
    const onSucceeded = vi.fn();
    const c = memoryClient({ instruments: [bca(), visa()] });
    const { client, container } = renderWithAyo(
      <PayWithSavedCard checkout={checkout(c, 150000, { mode: 'authorize' })} onSucceeded={onSucceeded} />,
      { client: c },
    );
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: /^Hold Rp\s150,000$/ })).toBeInTheDocument();
    // The list shows before the capabilities narrow it to cards and pick the card: wait for that.
    const card = await screen.findByRole('radio', { name: /Visa ending in 1111/ });
    await waitFor(() => expect(card).toBeChecked());
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
    const client = memoryClient({ instruments: [def(card)] });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 50000)} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(words);
  });

  it('a wait beyond the provider’s waitLimitMs ends in "still processing"; Check again finds the answer', async () => {
    const client = memoryClient({
      instruments: [def(networkErrorCard())],
      // The bank answers when the test says so, after the wait has ended.
      scenario: { cardProcessingMs: 600_000 },
    });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 50000)} />, { client, waitLimitMs: 300 });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    const heading = await screen.findByRole('heading', { name: en.pay.stillProcessing });
    expect(heading).toBeInTheDocument();
    client.settlePayment(client.payments[0]!.id, 'succeeded');
    // No longer waiting: the answer shows once the shopper asks.
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.getByRole('heading', { name: en.pay.stillProcessing })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.pay.checkAgain }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
  });

  it('the network-error card shows processing, then succeeds', async () => {
    // The bank answers when the test says so (not after a delay a loaded machine may outrun).
    const client = memoryClient({
      instruments: [def(networkErrorCard())],
      scenario: { cardProcessingMs: 600_000 },
    });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 50000)} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /Visa/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s50,000$/ }));
    expect(
      await screen.findByRole('heading', { name: 'Waiting for the bank to confirm…' }),
    ).toBeInTheDocument();
    expect(client.payments[0]).toMatchObject({ status: 'processing' });
    client.settlePayment(client.payments[0]!.id, 'succeeded');
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s50,000 succeeded\.$/ }),
    ).toBeInTheDocument();
  });

  it('3-D Secure: Resend code waits for the server’s time; a refused resend is announced', async () => {
    const client = memoryClient({ instruments: [def(threeDsCard())], scenario: { resendAfterMs: 30_000 } });
    const { container } = renderWithAyo(<PayWithSavedCard checkout={checkout(client, 50000)} />, { client });
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
    const c = memoryClient();
    const { client } = renderWithAyo(
      <PayWithSavedCard checkout={checkout(c, 20000)} addCardMode="iframe" />,
      {
        client: c,
      },
    );
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
    const client = memoryClient({ instruments: [visa()] });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 1500000, { mode: 'authorize' })} />, {
      client,
      locale: 'id',
    });
    expect(await screen.findByRole('heading', { name: /^Tahan dana Rp\s?1\.500\.000$/ })).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: 'Tahan dana di kartu' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Tahan Rp\s?1\.500\.000$/ })).toBeInTheDocument();
  });
});

describe('PayWithSavedCard and the checkout’s own state', () => {
  it.each([
    [CHECKOUTS.paid, 'already-paid', 'This order is already paid', /Rp\s150,000 was paid for this order/],
    [CHECKOUTS.expired, 'expired', 'This payment has expired', /Nothing was charged\. Go back to the shop/],
    [CHECKOUTS.cancelled, 'cancelled', 'This payment was cancelled by the shop', /Nothing was charged/],
  ])('%s says so instead of offering to pay', async (id, state, title, body) => {
    const { container } = renderWithAyo(<PayWithSavedCard checkout={id} />, {
      client: shopClient({ instruments: [bca(), bri()] }),
    });
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
    expect(screen.getByText(body)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Pay/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', state);
    expect(ownStatus(container, 'pay-with-saved-card')).toHaveTextContent(title);
    await expectNoAxeViolations(container);
  });

  it('speaks Indonesian about a paid checkout', async () => {
    renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.paid} />, { client: shopClient(), locale: 'id' });
    expect(await screen.findByRole('heading', { name: 'Pesanan ini sudah dibayar' })).toBeInTheDocument();
    expect(screen.getByText(/^Rp\s?150\.000 untuk pesanan ini sudah dibayar\./)).toBeInTheDocument();
  });

  it('loads, then says when the checkout is not found (another account’s) or cannot be loaded', async () => {
    const first = renderWithAyo(<PayWithSavedCard checkout="chk_0000000000000000nobodys1" />, {
      client: shopClient(),
    });
    expect(ownStatus(first.container, 'pay-with-saved-card')).toHaveTextContent(
      'Loading the payment details…',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('This payment was not found.');
    expect(first.container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute(
      'data-state',
      'not-found',
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    first.unmount();
    const client = failing(shopClient(), 'getCheckout');
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} />, { client });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The payment details could not be loaded.');
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'error');
    await expectNoAxeViolations(container);
  });

  it('paid in another tab meanwhile: Pay is refused (CHECKOUT_PAID), shown as paid, nothing charged twice', async () => {
    const onFailed = vi.fn();
    const client = shopClient({ instruments: [bri()] });
    renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} onFailed={onFailed} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await client.payCheckout(CHECKOUTS.open, { instrumentId: bri().id }, 'other-tab-0001');
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    expect(await screen.findByRole('heading', { name: 'This order is already paid' })).toBeInTheDocument();
    expect(onFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'CHECKOUT_PAID' }));
    expect(client.payments.filter((p) => p.checkoutId === CHECKOUTS.open)).toHaveLength(1);
  });

  it('a checkout that ran out while the page was open: Pay is refused (CHECKOUT_EXPIRED), shown as expired', async () => {
    const client = shopClient({ instruments: [bri()] });
    renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    client.expireCheckout(CHECKOUTS.open);
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    expect(await screen.findByRole('heading', { name: 'This payment has expired' })).toBeInTheDocument();
    expect(client.payments.filter((p) => p.checkoutId === CHECKOUTS.open)).toHaveLength(0);
  });

  it('an open checkout turns expired on screen the moment it runs out', async () => {
    const client = memoryClient({ instruments: [bri()] });
    const id = checkout(client, 10000);
    client.checkouts[0]!.expiresAt = new Date(client.now() + 300).toISOString();
    renderWithAyo(<PayWithSavedCard checkout={id} />, { client });
    await screen.findByRole('radio', { name: /BRI/ });
    expect(
      await screen.findByRole('heading', { name: 'This payment has expired' }, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it('a payment under way (reloaded during the OTP) is picked up again: the OTP, then the result', async () => {
    const onSucceeded = vi.fn();
    const client = shopClient({ instruments: [bca()] });
    const { container } = renderWithAyo(
      <PayWithSavedCard checkout={CHECKOUTS.processing} onSucceeded={onSucceeded} />,
      {
        client,
      },
    );
    const user = userEvent.setup();
    const otp = await screen.findByRole('textbox', { name: 'OTP code' });
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'requires-otp');
    await user.type(otp, '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    expect(
      await screen.findByRole('heading', { name: /^Payment of Rp\s150,000 succeeded\.$/ }),
    ).toBeInTheDocument();
    expect(onSucceeded).toHaveBeenCalledOnce();
    expect(payKeys(client)).toHaveLength(0);
  });

  it('a payment under way that cannot be read says so, with Check again', async () => {
    const client = failing(shopClient({ instruments: [bca()] }), 'getPayment');
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.processing} />, { client });
    expect(
      await screen.findByRole('heading', { name: 'A payment for this order is under way' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Wait for it to finish; do not pay again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'in-progress');
  });
});

describe('PayWithSavedCard and OTP resend (capabilities)', () => {
  const noResend = { otpResend: false, cardRefund: false, cardVoid: true };

  it('without a resend API: no Resend button, a hint to wait for the SMS or start again', async () => {
    const client = memoryClient({
      instruments: [bca()],
      capabilities: noResend,
      scenario: { resendAfterMs: 0 },
    });
    const { container } = renderWithAyo(<PayWithSavedCard checkout={checkout(client, 150000)} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BCA ending in 1234/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    await screen.findByRole('textbox', { name: 'OTP code' });
    expect(
      await screen.findByText('A new code cannot be sent. Wait for the SMS, or cancel and start again.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resend code/ })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(client.calls.filter((c) => c.method === 'resendPaymentOtp')).toHaveLength(0);
  });

  it('in Indonesian too', async () => {
    const client = memoryClient({ instruments: [bca()], capabilities: noResend });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 150000)} />, { client, locale: 'id' });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BCA/ });
    await user.click(screen.getByRole('button', { name: /^Bayar Rp/ }));
    expect(
      await screen.findByText('Kode baru tidak bisa dikirim. Tunggu SMS, atau batalkan dan mulai lagi.'),
    ).toBeInTheDocument();
  });

  it('with a resend API: the Resend button, and a new code when pressed', async () => {
    const client = memoryClient({
      instruments: [bca()],
      capabilities: { ...noResend, otpResend: true },
      scenario: { resendAfterMs: 0 },
    });
    renderWithAyo(<PayWithSavedCard checkout={checkout(client, 150000)} />, { client });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BCA ending in 1234/ });
    await user.click(screen.getByRole('button', { name: /^Pay Rp\s150,000$/ }));
    await user.click(await screen.findByRole('button', { name: 'Resend code' }));
    await waitFor(() => expect(client.calls.filter((c) => c.method === 'resendPaymentOtp')).toHaveLength(1));
    expect(screen.queryByText(/A new code cannot be sent/)).not.toBeInTheDocument();
  });
});
