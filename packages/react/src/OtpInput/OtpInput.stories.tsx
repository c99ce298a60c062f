import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { NOW } from '../internal/fixtures';
import { tr } from '../internal/story-helpers';
import { OtpInput } from './OtpInput';

const meta = {
  title: 'Components/OtpInput',
  component: OtpInput,
  args: { value: '', onChange: fn(), onComplete: fn() },
  render: (args) => {
    const [value, setValue] = useState(args.value);
    return (
      <OtpInput
        {...args}
        value={value}
        onChange={(v) => {
          setValue(v);
          args.onChange(v);
        }}
      />
    );
  },
} satisfies Meta<typeof OtpInput>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};
export const Partial: Story = { args: { value: '123' } };
export const Complete: Story = { args: { value: '123456' } };
export const AttemptsLeftAndError: Story = {
  name: 'Attempts left and error',
  args: { value: '', attemptsLeft: 2, error: 'Kode OTP salah.' },
};
export const LastAttempt: Story = { args: { attemptsLeft: 1, error: 'Kode OTP salah.' } };
export const ResendCountdown: Story = { args: { onResend: fn(), resendAfterSeconds: 30 } };
export const ResendReady: Story = { args: { onResend: fn(), resendAfterSeconds: 0 } };
export const Disabled: Story = { args: { value: '123456', disabled: true } };
export const English: Story = {
  globals: { locale: 'en' },
  args: { attemptsLeft: 2, error: 'The OTP is not correct.', onResend: fn(), resendAfterSeconds: 30 },
};
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { value: '12', attemptsLeft: 2, error: 'Kode OTP salah.', onResend: fn() },
};

/** Typing strips non-digits, paste works, and focus never moves by itself. */
export const TypeAndPaste: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const input = canvas.getByRole('textbox', { name: tr((m) => m.otp.label) });
    await userEvent.click(input);
    await userEvent.keyboard('1a2-3');
    await expect(input).toHaveValue('123');
    await userEvent.clear(input);
    await userEvent.paste('Kode: 654 321');
    await expect(input).toHaveValue('654321');
    await expect(input).toHaveFocus();
    await expect(args.onComplete).toHaveBeenCalledWith('654321');
  },
};

/** The server says when the next code may be sent (resendAvailableAt, on the story's clock from NOW) and how many are left. */
export const ServerResendCountdown: Story = {
  name: 'Resend: server countdown, resends left',
  args: { onResend: fn(), resendAvailableAt: NOW + 45_000, resendsLeft: 2 },
};
export const NoResendsLeft: Story = {
  name: 'Resend: none left',
  args: { onResend: fn(), resendAvailableAt: null, resendsLeft: 0 },
};
