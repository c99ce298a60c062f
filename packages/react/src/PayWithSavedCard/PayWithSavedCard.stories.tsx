import { AyoError, type Failure } from '@ayokit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { bca, bri, everyBadge, memoryClient } from '../internal/fixtures';
import { tr, withClient } from '../internal/story-helpers';
import { PayWithSavedCard } from './PayWithSavedCard';

const meta = {
  title: 'Components/PayWithSavedCard',
  component: PayWithSavedCard,
  args: {
    amount: 150_000,
    description: 'Kopi Nusantara, 2 bags',
    orderId: 'ORDER-1042',
    bindMode: 'iframe',
    onSucceeded: fn(),
    onFailed: fn(),
  },
  parameters: withClient(() => memoryClient({ instruments: [bca(), bri()] })),
} satisfies Meta<typeof PayWithSavedCard>;
export default meta;
type Story = StoryObj<typeof meta>;

const payButton = /^(Bayar|Pay) Rp/;
const otpLabel = tr((m) => m.otp.label);
const confirmOtp = tr((m) => m.pay.confirmOtp);

/** The default account (BCA) is preselected. */
export const Default: Story = {};
export const EveryAccountState: Story = {
  name: 'Saved accounts in every state',
  parameters: withClient(() => memoryClient({ instruments: everyBadge() })),
};
export const NoSavedAccounts: Story = { parameters: withClient(() => memoryClient()) };
export const Loading: Story = {
  parameters: withClient(() => {
    const c = memoryClient();
    c.listInstruments = () => new Promise(() => undefined);
    return c;
  }),
};
export const InvalidAmount: Story = { name: 'Error: invalid amount', args: { amount: -5 } };

export const RequiresOtp: Story = {
  name: 'OTP step (BCA always asks)',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('textbox', { name: otpLabel });
  },
};

export const WrongOtp: Story = {
  name: 'OTP wrong: attempts left and error',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
  },
};

/** The whole flow: pay → wrong OTP (announced, attempts left) → right OTP (123456) → succeeded. */
export const PayWithOtp: Story = {
  name: 'Pay with OTP (flow)',
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
    await userEvent.type(canvas.getByRole('textbox', { name: otpLabel }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

export const Succeeded: Story = {
  name: 'Succeeded (BRI, no OTP under Rp 1.000.000)',
  parameters: withClient(() => memoryClient({ instruments: [bri()] })),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

export const Processing: Story = {
  name: 'Processing (waiting for the bank)',
  parameters: withClient(() =>
    memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'processing' } }),
  ),
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.processing) });
  },
};

const declined = (failure: Failure, name: string): Story => ({
  name: `Error: ${name}`,
  parameters: withClient(() =>
    memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed', paymentFailure: failure } }),
  ),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
  },
});

export const InsufficientFunds = declined(
  { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds', responseCode: '4035414' },
  'insufficient funds',
);
export const CardExpired = declined({ code: 'CARD_EXPIRED', message: 'Card expired' }, 'card expired');
export const AccountBlocked = declined({ code: 'ACCOUNT_BLOCKED', message: 'Blocked' }, 'account blocked');
export const AccountInactive = declined(
  { code: 'ACCOUNT_INACTIVE', message: 'Inactive' },
  'account inactive',
);
export const Declined = declined({ code: 'PAYMENT_DECLINED', message: 'Declined' }, 'declined by the bank');

export const BankUnreachable: Story = {
  name: 'Error: bank unreachable (retry is safe)',
  parameters: withClient(() =>
    memoryClient({
      instruments: [bri()],
      scenario: { failNext: { method: 'createPayment', error: new AyoError('UPSTREAM_UNAVAILABLE') } },
    }),
  ),
  play: InsufficientFunds.play,
};

export const OtpBlocked: Story = {
  name: 'Error: three wrong OTPs block the account',
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    for (let i = 0; i < 3; i++) {
      await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
      await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
      if (i < 2) await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
    }
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
  },
};

export const BindNewInline: Story = {
  name: 'Bind a new account inline',
  parameters: withClient(() => memoryClient()),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: tr((m) => m.pay.bindNew) }));
    await canvas.findAllByRole('radio');
  },
};

export const English: Story = { globals: { locale: 'en' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const DarkEnglishOtp: Story = {
  name: 'Dark, English, wrong OTP',
  globals: { theme: 'dark', locale: 'en' },
  play: WrongOtp.play,
};
