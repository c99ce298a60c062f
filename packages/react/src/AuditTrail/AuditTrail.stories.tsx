import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { auditTrail, CARD_PAYMENTS, failing, memoryClient, NOW, PAYMENTS, visa } from '../internal/fixtures';
import { tr, withStaff } from '../internal/story-helpers';
import { PaymentStatus } from '../PaymentStatus';
import { AuditTrail } from './AuditTrail';

// Dates show here, so the clock is fixed (20 Nov 2026) and every render looks the same.
const client = (audit = auditTrail(PAYMENTS.succeeded.id, CARD_PAYMENTS.authorized.id)) =>
  memoryClient({
    instruments: [visa()],
    payments: [...Object.values(PAYMENTS), ...Object.values(CARD_PAYMENTS)].map((p) => structuredClone(p)),
    audit,
    now: NOW,
  });

// The back office only (`<AyoProvider audience="staff">`): every story runs as staff. (A line
// comment: a doc comment on `meta` becomes a second `parameters` key in the built Storybook.)
const meta = {
  title: 'Components/AuditTrail',
  component: AuditTrail,
  args: {},
  parameters: withStaff(() => client()),
} satisfies Meta<typeof AuditTrail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every payment's refunds, captures and voids: by staff and by the shop's server, accepted and refused. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await canvas.findByRole('table');
    await expect(canvas.getAllByRole('row')).toHaveLength(5);
  },
};
export const OnePayment: Story = { name: 'One payment', args: { paymentId: PAYMENTS.succeeded.id } };
export const Empty: Story = { parameters: withStaff(() => client([])) };
export const Loading: Story = {
  parameters: withStaff(() => {
    const c = client();
    c.listAuditEntries = () => new Promise(() => undefined);
    return c;
  }),
};
export const Forbidden: Story = {
  name: 'Error: no staff session',
  parameters: withStaff(() => failing(client(), 'listAuditEntries', 'UNAUTHENTICATED')),
};
export const English: Story = { globals: { locale: 'en' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const DarkEnglishOnePayment: Story = {
  name: 'Dark, English, one payment',
  globals: { theme: 'dark', locale: 'en' },
  args: { paymentId: PAYMENTS.succeeded.id },
};

/** A back-office order page: the payment with its refund action, and its trail; a refund lands in it. */
export const OrderPage: Story = {
  name: 'Back office: refund, then the trail (flow)',
  args: { paymentId: PAYMENTS.succeeded.id },
  parameters: withStaff(() => client([])),
  render: (args) => (
    <>
      <PaymentStatus paymentId={args.paymentId ?? PAYMENTS.succeeded.id} allowRefund />
      <AuditTrail {...args} />
    </>
  ),
  play: async ({ canvas, userEvent }) => {
    await canvas.findByText(tr((m) => m.audit.empty));
    await userEvent.click(
      await canvas.findByRole('button', { name: tr((m) => m.paymentActions.refund, { exact: 'start' }) }),
    );
    await userEvent.click(
      canvas.getByRole('button', {
        name: tr((m) => m.paymentActions.confirmRefundAmount('Rp'), { exact: false }),
      }),
    );
    await waitFor(() => expect(canvas.getByRole('table')).toBeVisible());
    await expect(
      canvas.getByText(
        tr((m) => m.audit.accepted),
        { selector: '.ayo-badge' },
      ),
    ).toBeVisible();
  },
};
