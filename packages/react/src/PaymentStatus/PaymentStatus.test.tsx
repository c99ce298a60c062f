import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CARD_PAYMENTS, failing, memoryClient, NOW, PAYMENTS, visa } from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { PaymentStatus } from './PaymentStatus';

const client = () =>
  memoryClient({ payments: Object.values(PAYMENTS).map((p) => structuredClone(p)), now: NOW });

describe('PaymentStatus', () => {
  it("a declined card payment is explained in a card's words, not a bank account's", async () => {
    const declined = {
      ...structuredClone(CARD_PAYMENTS.direct),
      id: 'pay_carddeclinedxxxxxxxxxxxx',
      status: 'failed' as const,
      capturedAmount: 0,
      failure: { code: 'PAYMENT_DECLINED' as const, message: 'Do Not Honor' },
    };
    renderWithAyo(<PaymentStatus paymentId={declined.id} />, {
      client: memoryClient({ instruments: [visa()], payments: [declined], now: NOW }),
    });
    expect(
      await screen.findByText("The card's bank declined it. Try another card or contact your bank."),
    ).toBeInTheDocument();
  });

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
      audience: 'staff',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    expect(screen.getByRole('heading', { name: 'Refund this payment' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: /Full refund/ })).toBeChecked();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s250,000$/ }));
    expect(await screen.findByText('Refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 250000, status: 'succeeded' });
    expect(screen.queryByRole('button', { name: /^Refund/ })).not.toBeInTheDocument();
  });

  it('refunds part of the amount; a wrong amount is refused with focus on the field', async () => {
    const c = client();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    await user.click(screen.getByRole('radio', { name: 'Partial refund' }));
    const field = screen.getByRole('textbox', { name: 'Refund amount (Rp)' });
    await user.type(field, '999999');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(screen.getByRole('alert')).toHaveTextContent('between 1 and Rp');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.type(field, '50000');
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s50,000$/ }));
    expect(await screen.findByText('Partially refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 50000 });
  });

  // Ten million rupiah in the payment, so that a misread amount fits in it: "50000.00" read as
  // 5,000,000 was refunded before amounts were read as their locale writes them.
  const big = () =>
    memoryClient({
      payments: [{ ...structuredClone(PAYMENTS.succeeded), amount: 10_000_000, capturedAmount: 10_000_000 }],
      now: NOW,
    });

  /** The back office's partial refund of that payment, with `typed` in its amount field. */
  const partialRefund = async (locale: 'en' | 'id', typed: string) => {
    const c = big();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
      locale,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^(Refund|Kembalikan dana), / }));
    await user.click(screen.getByRole('radio', { name: /^(Partial refund|Sebagian)$/ }));
    const field = screen.getByRole('textbox');
    await user.type(field, typed);
    return { c, user, field };
  };

  it.each([
    ['en', '50000.00', /^Refund Rp\s50,000$/, 50_000],
    ['en', '1,500,000', /^Refund Rp\s1,500,000$/, 1_500_000],
    ['id', '50.000', /^Kembalikan Rp\s50\.000$/, 50_000],
    ['id', 'Rp 1.500.000,00', /^Kembalikan Rp\s1\.500\.000$/, 1_500_000],
  ] as const)('reads a partial refund as %s writes it: %j', async (locale, typed, confirm, refunded) => {
    const { c, user } = await partialRefund(locale, typed);
    // The confirm button says the amount as read, before anything is sent.
    await user.click(screen.getByRole('button', { name: confirm }));
    await waitFor(() => expect(c.refunds[0]).toMatchObject({ amount: refunded }));
    // The form is gone: its result takes the focus, not <body>.
    await waitFor(() => expect(screen.getByText(/refunded|dikembalikan/i, { selector: 'p' })).toHaveFocus());
  });

  it.each([
    ['en', '2500.5'],
    ['en', '50.000'],
    ['en', '5,0000'],
    ['id', '50000.00'],
    ['id', '2500,5'],
    ['id', '50,000'],
  ] as const)('refuses a partial refund %s cannot read as whole rupiah: %j', async (locale, typed) => {
    const { c, user, field } = await partialRefund(locale, typed);
    // No amount on the button while the field cannot be read.
    await user.click(screen.getByRole('button', { name: /^(Refund|Kembalikan dana)$/ }));
    expect(screen.getByRole('alert')).toHaveTextContent(/1/);
    expect(field).toHaveFocus();
    expect(c.refunds).toHaveLength(0);
  });

  it('announces a refund the bank refuses', async () => {
    const c = client();
    c.scenario.refundOutcome = 'failed';
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s250,000$/ }));
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
        audience: 'staff',
      },
    );
    expect(await screen.findByText('Dikembalikan sebagian', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Kembalikan dana, / })).toBeInTheDocument();
    expect(container.querySelector('time')).toHaveTextContent(/20 Nov 2026/);
  });
});

describe('PaymentStatus for card payments', () => {
  const cards = () =>
    memoryClient({
      instruments: [visa()],
      payments: Object.values(CARD_PAYMENTS).map((p) => structuredClone(p)),
      now: NOW,
    });

  it.each([
    ['authorized', 'Authorised'],
    ['captured', 'Captured'],
    ['voided', 'Voided'],
    ['expiredHold', 'Expired hold'],
    ['refunded', 'Refunded'],
  ] as const)('shows a %s card payment', async (key, label) => {
    const { container } = renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS[key].id} />, {
      client: cards(),
    });
    expect(await screen.findByText(label, { selector: '.ayo-badge' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('an authorised payment shows the hold’s expiry; an expired hold says why', async () => {
    const { unmount } = renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} />, {
      client: cards(),
    });
    expect(await screen.findByText('Hold expires')).toBeInTheDocument();
    expect(screen.getByText(/27 Nov 2026/)).toBeInTheDocument();
    unmount();
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.expiredHold.id} />, { client: cards() });
    expect(await screen.findByText(/The hold expired before it was captured/)).toBeInTheDocument();
  });

  it('captures: the amount defaults to the hold, more than 120 % is refused with the right words', async () => {
    const c = cards();
    const { container } = renderWithAyo(
      <PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture allowVoid />,
      { client: c, audience: 'staff' },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Capture, / }));
    expect(screen.getByRole('heading', { name: 'Capture this payment' })).toHaveFocus();
    const field = screen.getByRole('textbox', { name: 'Amount to capture (Rp)' });
    expect(field).toHaveValue('250000');
    expect(field).toHaveAccessibleDescription(/Authorised Rp\s250,000; at most Rp\s300,000 \(120%\)\./);
    await expectNoAxeViolations(container);
    await user.clear(field);
    await user.type(field, '300001');
    await user.click(screen.getByRole('button', { name: /^Capture Rp/ }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      /A capture can be at most Rp\s300,000: 120% of the authorised amount\./,
    );
    expect(field).toHaveFocus();
    expect(c.calls.filter((x) => x.method === 'capturePayment')).toHaveLength(0);
    await user.clear(field);
    await user.type(field, '300000');
    await user.click(screen.getByRole('button', { name: /^Capture Rp\s300,000$/ }));
    expect(await screen.findByText('Captured', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.payments.find((p) => p.id === CARD_PAYMENTS.authorized.id)).toMatchObject({
      status: 'succeeded',
      capturedAmount: 300000,
    });
    expect(screen.queryByRole('button', { name: /^Void/ })).not.toBeInTheDocument();
  });

  it.each([
    ['en', '2500.5', null],
    ['id', '250.000,5', null],
    ['id', '250000.00', null],
    ['en', '275,000.00', 275_000],
    ['id', 'Rp 275.000', 275_000],
  ] as const)('reads a capture as %s writes it: %j', async (locale, typed, captured) => {
    const c = cards();
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture />, {
      client: c,
      audience: 'staff',
      locale,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^(Capture|Tagih), / }));
    const field = screen.getByRole('textbox');
    await user.clear(field);
    await user.type(field, typed);
    if (captured === null) {
      // No amount on the button while the field cannot be read, and nothing is sent.
      await user.click(screen.getByRole('button', { name: /^(Capture|Tagih)$/ }));
      expect(screen.getByRole('alert')).toBeInTheDocument();
      expect(field).toHaveFocus();
      expect(c.calls.filter((x) => x.method === 'capturePayment')).toHaveLength(0);
    } else {
      await user.click(screen.getByRole('button', { name: /^(Capture|Tagih) Rp\s275[.,]000$/ }));
      await waitFor(() =>
        expect(c.payments.find((p) => p.id === CARD_PAYMENTS.authorized.id)).toMatchObject({
          capturedAmount: captured,
        }),
      );
    }
  });

  it('voids after a confirm step; Void and Capture are offered only while authorised', async () => {
    const c = cards();
    const { unmount } = renderWithAyo(
      <PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture allowVoid />,
      { client: c, audience: 'staff' },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Void, / }));
    expect(screen.getByRole('heading', { name: 'Void this authorisation?' })).toHaveFocus();
    expect(screen.getByText(/The hold of Rp\s250,000 is released/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(c.calls.filter((x) => x.method === 'voidPayment')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: /^Void, / }));
    await user.click(screen.getByRole('button', { name: 'Yes, void' }));
    expect(await screen.findByText('Voided', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Payment status' })).toHaveFocus();
    unmount();
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.captured.id} allowCapture allowVoid />, {
      client: c,
      audience: 'staff',
    });
    await screen.findByText('Captured', { selector: '.ayo-badge' });
    expect(screen.queryByRole('button', { name: /^Void/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Capture/ })).not.toBeInTheDocument();
  });

  it('a card payment is refunded in full only: no partial choice', async () => {
    const c = cards();
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.captured.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    expect(screen.queryByRole('radio', { name: 'Partial refund' })).not.toBeInTheDocument();
    expect(screen.getByText('Card payments are refunded in full.')).toBeInTheDocument();
    expect(screen.getByText(/Full refund \(Rp\s275,000\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s275,000$/ }));
    expect(await screen.findByText('Refunded', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(c.refunds[0]).toMatchObject({ amount: 275000 });
  });

  it('speaks Indonesian', async () => {
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture allowVoid />, {
      client: cards(),
      locale: 'id',
      audience: 'staff',
    });
    expect(await screen.findByText('Dana ditahan', { selector: '.ayo-badge' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Tagih, / })).toBeInTheDocument();
    // Void waits for the capabilities (the provider's void API).
    expect(await screen.findByRole('button', { name: /^Batalkan penahanan, / })).toBeInTheDocument();
  });
});

describe('PaymentStatus in a list of orders (the back office)', () => {
  // A screen reader's list of buttons shows names only: "Refund" three times tells nothing.
  const orders = () => [
    structuredClone(PAYMENTS.succeeded),
    { ...structuredClone(PAYMENTS.succeeded), id: 'pay_secondorderxxxxxxxxxxxxx', orderId: 'ORDER-2001' },
    {
      ...structuredClone(PAYMENTS.succeeded),
      id: 'pay_noorderxxxxxxxxxxxxxxxx',
      orderId: null,
      amount: 99_000,
    },
    structuredClone(CARD_PAYMENTS.authorized),
  ];
  // Intl puts a no-break space between "Rp" and the number.
  const nbsp = (name: string) => name.replace('Rp ', 'Rp\u00a0');
  const list = (ids: string[]) => (
    <>
      {ids.map((id) => (
        <PaymentStatus key={id} paymentId={id} allowRefund allowCapture allowVoid />
      ))}
    </>
  );

  it.each([
    [
      'en',
      [
        'Refund, order ORDER-1042 (Rp 250,000)',
        'Refund, order ORDER-2001 (Rp 250,000)',
        'Refund, payment of Rp 99,000',
        'Capture, order ORDER-1042 (Rp 250,000)',
        'Void, order ORDER-1042 (Rp 250,000)',
      ],
    ],
    [
      'id',
      [
        'Kembalikan dana, pesanan ORDER-1042 (Rp 250.000)',
        'Kembalikan dana, pesanan ORDER-2001 (Rp 250.000)',
        'Kembalikan dana, pembayaran Rp 99.000',
        'Tagih, pesanan ORDER-1042 (Rp 250.000)',
        'Batalkan penahanan, pesanan ORDER-1042 (Rp 250.000)',
      ],
    ],
  ] as const)('names each action after its order (%s), and shows only the action', async (locale, names) => {
    const payments = orders();
    const { container } = renderWithAyo(list(payments.map((p) => p.id)), {
      client: memoryClient({ instruments: [visa()], payments, now: NOW }),
      audience: 'staff',
      locale,
    });
    // Void waits for the capabilities (the provider's void API).
    await screen.findByRole('button', { name: nbsp(names[4]) });
    for (const name of names) expect(screen.getByRole('button', { name: nbsp(name) })).toBeVisible();
    expect(screen.getAllByRole('button')).toHaveLength(names.length);
    // What is seen is the action's word alone; the rest is for screen readers.
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(
      names.map((n) => n.slice(0, n.indexOf(','))),
    );
    await expectNoAxeViolations(container);
  });
});

describe('PaymentStatus and the audience', () => {
  it.each(['allowRefund', 'allowCapture', 'allowVoid'] as const)(
    'in a shopper’s page, %s throws an error that teaches the staff audience',
    (prop) => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const c = client();
      expect(() =>
        renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} {...{ [prop]: true }} />, {
          client: c,
        }),
      ).toThrow(
        `<PaymentStatus ${prop}> is a back-office action: use it inside <AyoProvider audience="staff">`,
      );
      expect(c.calls).toHaveLength(0);
      vi.restoreAllMocks();
    },
  );

  it('a shopper reads their own payment from /ayokit/v1; staff read it from the staff routes, with whose it is', async () => {
    const c = client();
    const shopper = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} />, { client: c });
    await screen.findByText('Succeeded', { selector: '.ayo-badge' });
    expect(screen.queryByText('Customer')).not.toBeInTheDocument();
    shopper.unmount();
    const { container } = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} />, {
      client: c,
      audience: 'staff',
    });
    await screen.findByText('Succeeded', { selector: '.ayo-badge' });
    expect(container.querySelector('.ayo-payment-status__customer')).toHaveTextContent('shopper-1');
    expect(c.calls.map((x) => x.method)).toEqual(['getPayment', 'getStaffPayment']);
  });

  it('a refund refused for a role without it shows FORBIDDEN in plain words and is audited', async () => {
    const c = client();
    c.staff = { id: 'desk-1', name: 'Front desk', roles: ['read', 'capture', 'void'] };
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Refund, / }));
    await user.click(screen.getByRole('button', { name: /^Refund Rp\s250,000$/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The refund failed');
    expect(alert).toHaveTextContent('Your role does not allow this action.');
    expect(c.audit[0]).toMatchObject({ action: 'refund', result: 'refused', errorCode: 'FORBIDDEN' });
  });
});

describe('PaymentStatus and what the provider offers (capabilities)', () => {
  const REFERENCE = { otpResend: false, cardRefund: false, cardVoid: true };
  const withCards = (capabilities: typeof REFERENCE) =>
    memoryClient({
      instruments: [visa()],
      payments: [...Object.values(PAYMENTS), ...Object.values(CARD_PAYMENTS)].map((p) => structuredClone(p)),
      capabilities,
      now: NOW,
    });

  it('without cardRefund: no refund of a card, a note that Ayoconnect’s operations make it; a bank account still refunds', async () => {
    const c = withCards(REFERENCE);
    const { container, unmount } = renderWithAyo(
      <PaymentStatus paymentId={CARD_PAYMENTS.captured.id} allowRefund />,
      { client: c, audience: 'staff' },
    );
    expect(await screen.findByText('Card refunds are made by Ayoconnect operations.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Refund/ })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    unmount();
    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: c,
      audience: 'staff',
    });
    expect(await screen.findByRole('button', { name: /^Refund, / })).toBeInTheDocument();
    expect(c.calls.filter((x) => x.method === 'createRefund')).toHaveLength(0);
  });

  it('says it in Indonesian too', async () => {
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.captured.id} allowRefund />, {
      client: withCards(REFERENCE),
      audience: 'staff',
      locale: 'id',
    });
    expect(
      await screen.findByText('Pengembalian dana kartu dilakukan oleh tim operasional Ayoconnect.'),
    ).toBeInTheDocument();
  });

  it('with cardRefund on, the card refund is offered (and no note)', async () => {
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.captured.id} allowRefund />, {
      client: withCards({ ...REFERENCE, cardRefund: true }),
      audience: 'staff',
    });
    expect(await screen.findByRole('button', { name: /^Refund, / })).toBeInTheDocument();
    expect(screen.queryByText(/Ayoconnect operations/)).not.toBeInTheDocument();
  });

  it('without cardVoid: Capture only; with it, Void too', async () => {
    const { unmount } = renderWithAyo(
      <PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture allowVoid />,
      { client: withCards({ ...REFERENCE, cardVoid: false }), audience: 'staff' },
    );
    expect(await screen.findByRole('button', { name: /^Capture, / })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Void/ })).not.toBeInTheDocument());
    unmount();
    // Void alone asked for, and off: nothing to offer at all.
    const { container, unmount: gone } = renderWithAyo(
      <PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowVoid />,
      { client: withCards({ ...REFERENCE, cardVoid: false }), audience: 'staff' },
    );
    await screen.findByText('Authorised', { selector: '.ayo-badge' });
    await waitFor(() => expect(container.querySelector('.ayo-payment-status__hold')).toBeNull());
    gone();
    renderWithAyo(<PaymentStatus paymentId={CARD_PAYMENTS.authorized.id} allowCapture allowVoid />, {
      client: withCards(REFERENCE),
      audience: 'staff',
    });
    expect(await screen.findByRole('button', { name: /^Void, / })).toBeInTheDocument();
  });
});
