import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { failing, memoryClient, NOW, PAYMENTS } from '../internal/fixtures';
import { tr, withClient } from '../internal/story-helpers';
import { PaymentStatus } from './PaymentStatus';

// Dates show here, so the clock is fixed (20 Nov 2026) and every render looks the same.
const client = () =>
  memoryClient({ payments: Object.values(PAYMENTS).map((p) => structuredClone(p)), now: NOW });

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
export const WithRefund: Story = { name: 'Refund action', args: { allowRefund: true } };

const refundButton = tr((m) => m.status.refund);

export const RefundConfirm: Story = {
  name: 'Refund: confirm step',
  args: { allowRefund: true },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('radio', { name: tr((m) => m.status.refundPartial) }));
  },
};

export const RefundFlow: Story = {
  name: 'Refund in full (flow)',
  args: { allowRefund: true },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.status.confirmRefund) }));
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
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('radio', { name: tr((m) => m.status.refundPartial) }));
    await userEvent.type(canvas.getByRole('textbox', { name: tr((m) => m.status.refundAmount) }), '900000');
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.status.confirmRefund) }));
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
};

export const RefundRefused: Story = {
  name: 'Error: the bank refuses the refund',
  args: { allowRefund: true },
  parameters: withClient(() => {
    const c = client();
    c.scenario.refundOutcome = 'failed';
    return c;
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: refundButton }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.status.confirmRefund) }));
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
};
export const Dark: Story = { globals: { theme: 'dark' }, args: { paymentId: PAYMENTS.failed.id } };
export const DarkEnglish: Story = {
  name: 'Dark, English, refund action',
  globals: { theme: 'dark', locale: 'en' },
  args: { allowRefund: true },
};
