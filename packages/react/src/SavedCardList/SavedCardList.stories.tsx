import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import {
  bca,
  bni,
  bri,
  everyBadge,
  failing,
  jcb,
  mandiri,
  mastercard,
  memoryClient,
  mixedWallet,
  pending,
  visa,
} from '../internal/fixtures';
import { tr, withClient } from '../internal/story-helpers';
import { SavedCardList } from './SavedCardList';

const meta = {
  title: 'Components/SavedCardList',
  component: SavedCardList,
  args: { allowRemove: true, allowSetDefault: true },
  parameters: withClient(() => memoryClient({ instruments: everyBadge() })),
} satisfies Meta<typeof SavedCardList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every badge: default, expiring within 30 days, expired, blocked. */
export const Default: Story = {};

export const Selectable: Story = {
  name: 'As a radio group (onSelect)',
  render: (args) => {
    const [selected, setSelected] = useState<string | null>(bca().id);
    return <SavedCardList {...args} selectedId={selected} onSelect={setSelected} />;
  },
  args: { allowRemove: false, allowSetDefault: false },
};

export const Empty: Story = { parameters: withClient(() => memoryClient()) };
export const Loading: Story = { parameters: withClient(() => pending(memoryClient(), 'listInstruments')) };
export const LoadError: Story = {
  name: 'Error',
  parameters: withClient(() => failing(memoryClient(), 'listInstruments')),
};

export const RemoveConfirm: Story = {
  name: 'Remove: confirm step',
  parameters: withClient(() => memoryClient({ instruments: [bca(), bri(), mandiri()] })),
  play: async ({ canvas, userEvent }) => {
    const name = tr((m) => m.savedCards.removeFor(`BRI ${m.savedCards.endingIn('5678')}`));
    await userEvent.click(await canvas.findByRole('button', { name }));
    await expect(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) })).toBeVisible();
  },
};

/** Removing a BRI account: confirm, no OTP (BRI does not ask one), removed. */
export const RemoveAccount: Story = {
  name: 'Remove an account (BRI, no OTP)',
  parameters: withClient(() => memoryClient({ instruments: [bca(), bri()] })),
  play: async ({ canvas, userEvent }) => {
    const remove = await canvas.findByRole('button', {
      name: tr((m) => m.savedCards.removeFor(`BRI ${m.savedCards.endingIn('5678')}`)),
    });
    await userEvent.click(remove);
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) }));
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(1));
  },
};

/** The last one removed: its list is gone, so the empty message takes the focus (not the page). */
export const RemoveLast: Story = {
  name: 'Remove the last account: focus on the empty list',
  parameters: withClient(() => memoryClient({ instruments: [bri()] })),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', {
        name: tr((m) => m.savedCards.removeFor(`BRI ${m.savedCards.endingIn('5678')}`)),
      }),
    );
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) }));
    const empty = await canvas.findByText(tr((m) => m.savedCards.empty.both));
    await waitFor(() => expect(empty).toHaveFocus());
  },
};

/** BNI asks for an OTP to unbind: a wrong code first (attempts left, error), then the right one. */
export const RemoveWithOtp: Story = {
  name: 'Remove with OTP (BNI)',
  parameters: withClient(() => memoryClient({ instruments: [bca(), bni()] })),
  play: async ({ canvas, userEvent }) => {
    const name = tr((m) => m.savedCards.removeFor(`BNI ${m.savedCards.endingIn('4321')}`));
    await userEvent.click(await canvas.findByRole('button', { name }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) }));
    const otp = await canvas.findByRole('textbox', { name: tr((m) => m.otp.label) });
    await userEvent.type(otp, '000000');
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.verifyOtp) }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
    await expect(canvas.getByRole('textbox', { name: tr((m) => m.otp.label) })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  },
};

export const English: Story = { globals: { locale: 'en' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const DarkEnglish: Story = { name: 'Dark, English', globals: { theme: 'dark', locale: 'en' } };

/** Cards and bank accounts together: brand marks, last 4, "expires 12/30", expiring and expired cards. */
export const CardsAndAccounts: Story = {
  name: 'Cards and accounts together',
  parameters: withClient(() => memoryClient({ instruments: mixedWallet() })),
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: tr((m) => m.savedCards.legend.both) });
  },
};

export const CardsSelectable: Story = {
  name: 'Cards and accounts as a radio group',
  parameters: withClient(() => memoryClient({ instruments: mixedWallet() })),
  render: (args) => {
    const [selected, setSelected] = useState<string | null>(visa().id);
    return <SavedCardList {...args} selectedId={selected} onSelect={setSelected} />;
  },
  args: { allowRemove: false, allowSetDefault: false },
};

/** Each brand's mark; a list of cards only is named "Saved cards". */
export const EveryBrand: Story = {
  parameters: withClient(() => memoryClient({ instruments: [visa(), mastercard(), jcb()] })),
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: tr((m) => m.savedCards.legend.cards) });
  },
};

/** A card is removed at once: no OTP. */
export const RemoveCard: Story = {
  name: 'Remove a card (no OTP)',
  parameters: withClient(() => memoryClient({ instruments: [visa(), bca()] })),
  play: async ({ canvas, userEvent }) => {
    const name = tr((m) => m.savedCards.removeFor(`Visa ${m.savedCards.endingIn('1111')}`));
    await userEvent.click(await canvas.findByRole('button', { name }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) }));
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(1));
  },
};

/** BNI's unbinding OTP: "Resend code" counts down to the server's resendAvailableAt. */
export const RemoveOtpResend: Story = {
  name: 'Remove with OTP: resend countdown (BNI)',
  parameters: withClient(() => memoryClient({ instruments: [bca(), bni()] })),
  play: async ({ canvas, userEvent }) => {
    const name = tr((m) => m.savedCards.removeFor(`BNI ${m.savedCards.endingIn('4321')}`));
    await userEvent.click(await canvas.findByRole('button', { name }));
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.savedCards.confirmRemove) }));
    const resend = await canvas.findByRole('button', { name: /^(Kirim ulang kode dalam|Resend code in) / });
    await expect(resend).toBeDisabled();
  },
};

export const DarkCards: Story = {
  name: 'Dark, cards and accounts',
  globals: { theme: 'dark' },
  parameters: withClient(() => memoryClient({ instruments: mixedWallet() })),
};
export const EnglishCards: Story = {
  name: 'English, cards and accounts',
  globals: { locale: 'en' },
  parameters: withClient(() => memoryClient({ instruments: mixedWallet() })),
};
