import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { type AyoMessages, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { CARD_PAYMENTS, failing, memoryClient, PAYMENTS, visa } from '../internal/fixtures';
import { tr, withClient, withStaff } from '../internal/story-helpers';
import { ActionsLoading, PaymentStatus } from './PaymentStatus';
import { WORDS } from './words';

// Dates show here: the story's clock starts at NOW (20 Nov 2026), so every render looks the same.
const client = () =>
  memoryClient({
    instruments: [visa()],
    payments: [...Object.values(PAYMENTS), ...Object.values(CARD_PAYMENTS)].map((p) => structuredClone(p)),
  });

// Shoppers see their own payment; the refund, capture and void actions are the back office's
// (`<AyoProvider audience="staff">`): the stories with actions run as staff.
const meta = {
  title: 'Components/PaymentStatus',
  component: PaymentStatus,
  args: { paymentId: PAYMENTS.succeeded.id, allowRefund: false },
  parameters: withClient(client),
} satisfies Meta<typeof PaymentStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Processing: Story = { args: { paymentId: PAYMENTS.processing.id } };
export const RequiresOtp: Story = { name: 'Requires OTP', args: { paymentId: PAYMENTS.requiresOtp.id } };
export const Succeeded: Story = {};
export const Failed: Story = { name: 'Failed with reason', args: { paymentId: PAYMENTS.failed.id } };
export const Refunded: Story = { args: { paymentId: PAYMENTS.refunded.id } };
export const PartiallyRefunded: Story = { args: { paymentId: PAYMENTS.partiallyRefunded.id } };
export const WithRefund: Story = {
  name: 'Refund action',
  args: { allowRefund: true },
  parameters: withStaff(client),
};

const refundButton = tr((m) => m.paymentActions.refund, { exact: 'start' });
/** The confirm step's button says the amount it refunds ("Refund Rp 250,000"). */
const confirmRefundButton = tr((m) => m.paymentActions.confirmRefundAmount('Rp'), { exact: false });

export const RefundConfirm: Story = {
  name: 'Refund: confirm step',
  args: { allowRefund: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('radio', { name: tr((m) => m.paymentActions.refundPartial) }));
  },
};

export const RefundFlow: Story = {
  name: 'Refund in full (flow)',
  args: { allowRefund: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('button', { name: confirmRefundButton }));
    await waitFor(() =>
      expect(
        canvas.getByText(
          tr((m) => m.status.states.refunded),
          { selector: '.ayo-badge' },
        ),
      ).toBeVisible(),
    );
  },
};

export const RefundInvalidAmount: Story = {
  name: 'Error: partial refund amount too large',
  args: { allowRefund: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('radio', { name: tr((m) => m.paymentActions.refundPartial) }));
    await userEvent.type(
      canvas.getByRole('textbox', { name: tr((m) => m.paymentActions.refundAmount) }),
      '900000',
    );
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.paymentActions.confirmRefund) }));
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
};

export const RefundRefused: Story = {
  name: 'Error: the bank refuses the refund',
  args: { allowRefund: true },
  parameters: withStaff(() => {
    const c = client();
    c.scenario.refundOutcome = 'failed';
    return c;
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('button', { name: confirmRefundButton }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
  },
};

export const Loading: Story = {
  parameters: withClient(() => {
    const c = client();
    c.getPayment = () => new Promise(() => undefined);
    return c;
  }),
};
export const NotFound: Story = {
  name: 'Error: not found',
  parameters: withClient(() => failing(client(), 'getPayment', 'NOT_FOUND')),
};
export const English: Story = {
  globals: { locale: 'en' },
  args: { paymentId: PAYMENTS.partiallyRefunded.id, allowRefund: true },
  parameters: withStaff(client),
};
export const Dark: Story = { globals: { theme: 'dark' }, args: { paymentId: PAYMENTS.failed.id } };
export const DarkEnglish: Story = {
  name: 'Dark, English, refund action',
  globals: { theme: 'dark', locale: 'en' },
  args: { allowRefund: true },
  parameters: withStaff(client),
};

// ---- card payments: authorise → capture | void ---------------------------------------------

const captureButton = tr((m) => m.paymentActions.capture, { exact: 'start' });
const voidButton = tr((m) => m.paymentActions.void, { exact: 'start' });
type Canvas = Parameters<NonNullable<Story['play']>>[0]['canvas'];
const expectBadge = (canvas: Canvas, pick: (m: AyoMessages) => string) =>
  waitFor(() => expect(canvas.getByText(tr(pick), { selector: '.ayo-badge' })).toBeVisible());

export const Authorized: Story = {
  name: 'Card: authorised (hold and its expiry)',
  args: { paymentId: CARD_PAYMENTS.authorized.id },
};
export const AuthorizedWithActions: Story = {
  name: 'Card: authorised, capture and void actions',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
};
export const Captured: Story = { name: 'Card: captured', args: { paymentId: CARD_PAYMENTS.captured.id } };
export const Voided: Story = { name: 'Card: voided', args: { paymentId: CARD_PAYMENTS.voided.id } };
export const ExpiredHold: Story = {
  name: 'Card: expired hold',
  args: { paymentId: CARD_PAYMENTS.expiredHold.id },
};
export const CardRefunded: Story = { name: 'Card: refunded', args: { paymentId: CARD_PAYMENTS.refunded.id } };

export const CaptureConfirm: Story = {
  name: 'Capture: confirm step (amount defaults to the hold)',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: captureButton }));
    await expect(
      canvas.getByRole('textbox', { name: tr((m) => m.paymentActions.captureAmount) }),
    ).toHaveValue('250000');
  },
};

export const CaptureFlow: Story = {
  name: 'Capture 110 % (flow)',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: captureButton }));
    const field = canvas.getByRole('textbox', { name: tr((m) => m.paymentActions.captureAmount) });
    await userEvent.clear(field);
    await userEvent.type(field, '275000');
    await userEvent.click(canvas.getByRole('button', { name: /^(Tagih|Capture) Rp/ }));
    await expectBadge(canvas, (m) => m.status.states.captured);
  },
};

export const CaptureTooMuch: Story = {
  name: 'Error: capture over 120 % refused',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: captureButton }));
    const field = canvas.getByRole('textbox', { name: tr((m) => m.paymentActions.captureAmount) });
    await userEvent.clear(field);
    await userEvent.type(field, '300001');
    await userEvent.click(canvas.getByRole('button', { name: /^(Tagih|Capture) Rp/ }));
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
};

export const VoidFlow: Story = {
  name: 'Void the hold (flow)',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: voidButton }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.paymentActions.confirmVoid) }));
    await expectBadge(canvas, (m) => m.status.states.voided);
  },
};

/** Card payments are refunded in full only: no partial choice. */
export const CardRefundFullOnly: Story = {
  name: 'Card refund: full amount only (flow)',
  args: { paymentId: CARD_PAYMENTS.captured.id, allowRefund: true },
  parameters: withStaff(client),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await expect(canvas.queryByRole('radio')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: confirmRefundButton }));
    await expectBadge(canvas, (m) => m.status.states.refunded);
  },
};

// ---- what the provider's API offers (useCapabilities) ---------------------------------------

/** Ayoconnect's reference profile: `cardRefund: false`, `cardVoid: true`. */
const reference = (cardVoid = true) => {
  const c = client();
  c.capabilities = { otpResend: false, cardRefund: false, cardVoid };
  return c;
};

/** No card refund API (Ayoconnect's reference): no refund action, a note says who refunds cards. */
export const CardRefundByOperations: Story = {
  name: 'Card refund off: made by Ayoconnect operations',
  args: { paymentId: CARD_PAYMENTS.captured.id, allowRefund: true },
  parameters: withStaff(() => reference()),
  play: async ({ canvas }) => {
    await canvas.findByText(tr((m) => m.paymentActions.cardRefundByOps));
    await expect(canvas.queryByRole('button', { name: refundButton })).toBeNull();
  },
};

/** A bank account's refund has its API either way. */
export const BankRefundWithReferenceProfile: Story = {
  name: 'Card refund off: a bank account still refunds',
  args: { paymentId: PAYMENTS.succeeded.id, allowRefund: true },
  parameters: withStaff(() => reference()),
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: refundButton });
  },
};

/** No card void API: only Capture is offered. */
export const CardVoidOff: Story = {
  name: 'Card void off: capture only',
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(() => reference(false)),
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: captureButton });
    await waitFor(() => expect(canvas.queryByRole('button', { name: voidButton })).toBeNull());
  },
};

export const CardRefundByOperationsEnglishDark: Story = {
  name: 'Dark, English, card refund off',
  globals: { theme: 'dark', locale: 'en' },
  args: { paymentId: CARD_PAYMENTS.captured.id, allowRefund: true },
  parameters: withStaff(() => reference()),
};

export const AuthorizedDark: Story = {
  name: 'Dark, English, authorised with actions',
  globals: { theme: 'dark', locale: 'en' },
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
};
export const CaptureDark: Story = {
  name: 'Dark, capture confirm step',
  globals: { theme: 'dark' },
  args: { paymentId: CARD_PAYMENTS.authorized.id, allowCapture: true, allowVoid: true },
  parameters: withStaff(client),
  play: CaptureConfirm.play,
};
export const ExpiredHoldEnglish: Story = {
  name: 'English, expired hold',
  globals: { locale: 'en' },
  args: { paymentId: CARD_PAYMENTS.expiredHold.id },
};

// ---- the back office ------------------------------------------------------------------------

/** In the back office a payment shows whose it is. */
export const BackOffice: Story = {
  name: 'Back office: whose payment it is',
  args: { paymentId: PAYMENTS.succeeded.id },
  parameters: withStaff(client),
  play: async ({ canvas }) => {
    await canvas.findByText(tr((m) => m.status.customer));
  },
};

/** The front desk may capture and void but not refund: the proxy refuses (FORBIDDEN) and audits it. */
export const RefundForbidden: Story = {
  name: 'Back office: refund refused for a role without it',
  args: { allowRefund: true },
  parameters: withStaff(() => {
    const c = client();
    c.staff = { id: 'desk-1', name: 'Front desk', roles: ['read', 'capture', 'void'] };
    return c;
  }),
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('button', { name: confirmRefundButton }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(tr((m) => m.errors.FORBIDDEN, { exact: false })),
    );
    await expect(loaded.client.audit[0]).toMatchObject({ result: 'refused', errorCode: 'FORBIDDEN' });
  },
};

/**
 * A back office lists many orders, each with the same actions: each button says its word, and
 * to a screen reader also its order and amount ("Refund, order ORDER-1042 (Rp 250,000)"), so a
 * list of the page's buttons tells them apart.
 */
const SECOND_ORDER = { ...PAYMENTS.succeeded, id: 'pay_secondorderxxxxxxxxxxxxx', orderId: 'ORDER-2001' };
export const BackOfficeList: Story = {
  name: 'Back office: several orders, each action named after its order',
  render: () => (
    <>
      {[PAYMENTS.succeeded.id, SECOND_ORDER.id, CARD_PAYMENTS.authorized.id].map((id) => (
        <PaymentStatus key={id} paymentId={id} allowRefund allowCapture allowVoid headingLevel={3} />
      ))}
    </>
  ),
  parameters: withStaff(() =>
    memoryClient({
      instruments: [visa()],
      payments: [PAYMENTS.succeeded, SECOND_ORDER, CARD_PAYMENTS.authorized].map((p) => structuredClone(p)),
    }),
  ),
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: voidButton });
    const names = canvas.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? '');
    await expect(names).toHaveLength(4);
    await expect(new Set(names).size).toBe(4);
    for (const name of names) await expect(name).toMatch(/, .*ORDER-\d+ \(Rp\s[\d.,]+\)$/);
  },
};

/**
 * The back-office actions are a chunk loaded when a PaymentStatus in the back office asks for one:
 * what shows while it loads, and after its load failed (Retry asks the network again: the
 * loading state, as here). The component's own tests fail the load for real.
 */
function ActionsLoadingView({ failed: initially }: { failed: boolean }) {
  const { t } = useMessagesOf('PaymentStatus', WORDS);
  const [failed, setFailed] = useState(initially);
  return (
    <AyoRoot component="payment-status" state="succeeded">
      <ActionsLoading t={t} failed={failed} retry={() => setFailed(false)} />
    </AyoRoot>
  );
}
export const ActionsLoadingState: Story = {
  name: 'Back office: actions loading',
  render: () => <ActionsLoadingView failed={false} />,
  parameters: withStaff(client),
};
export const ActionsLoadFailed: Story = {
  name: 'Back office: actions failed to load',
  render: () => <ActionsLoadingView failed />,
  parameters: withStaff(client),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent(
      'Tindakan untuk pembayaran ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.',
    );
    // Retry (clicked here by hand) shows the loading line, as a new load would.
    await expect(canvas.getByRole('button', { name: 'Coba lagi' })).toBeEnabled();
  },
};
export const ActionsLoadFailedEnglish: Story = {
  name: 'Back office: actions failed to load (English)',
  globals: { locale: 'en' },
  render: () => <ActionsLoadingView failed />,
  parameters: withStaff(client),
};
