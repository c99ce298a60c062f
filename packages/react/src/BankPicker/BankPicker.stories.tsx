import { BANKS } from '@ayokit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect } from 'storybook/test';
import { bca, failing, memoryClient, pending } from '../internal/fixtures';
import { withClient } from '../internal/story-helpers';
import { BankPicker } from './BankPicker';

const meta = {
  title: 'Components/BankPicker',
  component: BankPicker,
  args: { value: null },
  render: (args) => {
    const [value, setValue] = useState(args.value ?? null);
    return <BankPicker {...args} value={value} onChange={(c) => setValue(c)} />;
  },
} satisfies Meta<typeof BankPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvas, userEvent }) => {
    const radios = await canvas.findAllByRole('radio');
    await expect(radios).toHaveLength(6);
    await userEvent.click(radios[1]!);
    await expect(radios[1]).toBeChecked();
  },
};

// One story per bank: its facts (payment OTP, unbinding OTP, re-binding rule) with it chosen.
export const Bca: Story = { name: 'BCA chosen', args: { value: '014' } };
export const Bri: Story = { name: 'BRI chosen', args: { value: '002' } };
export const Mandiri: Story = { name: 'Mandiri chosen', args: { value: '008' } };
export const Bni: Story = { name: 'BNI chosen', args: { value: '009' } };
export const Danamon: Story = { name: 'Danamon chosen', args: { value: '011' } };
export const Cimb: Story = { name: 'CIMB Niaga chosen', args: { value: '022' } };

export const BcaAlreadyBound: Story = {
  name: 'BCA unavailable (one account per user)',
  parameters: withClient(() => memoryClient({ instruments: [bca()] })),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('radio', { name: /BCA/ })).toBeDisabled();
  },
};

export const Loading: Story = { parameters: withClient(() => pending(memoryClient(), 'listBanks')) };
export const LoadError: Story = {
  name: 'Error',
  parameters: withClient(() => failing(memoryClient(), 'listBanks')),
};
export const English: Story = { globals: { locale: 'en' }, args: { value: '002' } };
export const Dark: Story = { globals: { theme: 'dark' }, args: { value: '009' } };
export const DarkEnglish: Story = {
  name: 'Dark, English, BCA unavailable',
  globals: { theme: 'dark', locale: 'en' },
  parameters: withClient(() => memoryClient({ instruments: [bca()] })),
};

/** Banks passed in (no fetching): e.g. only the banks a merchant supports. */
export const GivenBanks: Story = {
  name: 'Given banks (BRI and BNI only)',
  args: {
    banks: BANKS.filter((b) => b.code === '002' || b.code === '009').map((b) => ({
      code: b.code,
      shortName: b.shortName,
      name: b.name,
      paymentOtp: b.paymentOtp,
      paymentOtpThreshold: b.paymentOtp === 'aboveThreshold' ? 1_000_000 : null,
      unbindingOtp: b.unbindingOtp,
      rebinding: b.rebinding,
      tokenExpiry: b.tokenExpiry.kind,
      refundWindowDays: b.refundWindowDays,
      available: true,
      unavailableReason: null,
    })),
  },
};
