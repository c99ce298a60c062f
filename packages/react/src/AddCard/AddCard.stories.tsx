import { TEST_CARDS } from '@ayokit/hooks/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { memoryClient } from '../internal/fixtures';
import { tr, withClient } from '../internal/story-helpers';
import { AddCard } from './AddCard';

const meta = {
  title: 'Components/AddCard',
  component: AddCard,
  args: { mode: 'iframe', onAdded: fn(), onCancel: fn() },
} satisfies Meta<typeof AddCard>;
export default meta;
type Story = StoryObj<typeof meta>;

const addButton = tr((m) => m.card.add);

/** Nothing sent yet: what happens, and the button that opens the gateway's page. */
export const Idle: Story = {};

/** The gateway's card page (simulated) in an accessible modal dialog, with the session's countdown. */
export const PageOpenInIframe: Story = {
  name: 'Card page open in an iframe dialog',
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await expect(await canvas.findByRole('dialog')).toBeVisible();
    await expect(canvas.getAllByRole('timer')[0]).toBeVisible();
  },
};

const added = (number: string, brand: string, last4: string, otp?: string): Story => ({
  play: async ({ canvas, userEvent, loaded, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeCardRegistration(loaded.client.cardRegistrations[0].id, {
      number,
      expiry: '12/30',
      ...(otp ? { otp } : {}),
    });
    await canvas.findByRole('heading', {
      name: tr((m) => m.card.added(`${brand} ${m.savedCards.endingIn(last4)}`)),
    });
    await waitFor(() => expect(args.onAdded).toHaveBeenCalled());
  },
});

/** The whole flow: the page → the gateway tokenises the card → the new Visa is shown. */
export const SucceededVisa: Story = { name: 'Added: Visa (flow)', ...added(TEST_CARDS.visa, 'Visa', '1111') };
export const SucceededMastercard: Story = {
  name: 'Added: Mastercard',
  ...added(TEST_CARDS.mastercard, 'Mastercard', '4444'),
};
export const SucceededJcb: Story = { name: 'Added: JCB', ...added(TEST_CARDS.jcb, 'JCB', '0000') };
/** 4000 0000 0000 3220 asks for a 3-D Secure code on the gateway's page; 123456 passes. */
export const ThreeDSecure: Story = {
  name: '3-D Secure passed',
  ...added(TEST_CARDS.threeDSecure, 'Visa', '3220', '123456'),
};

export const ThreeDSecureFailed: Story = {
  name: 'Error: 3-D Secure failed',
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeCardRegistration(loaded.client.cardRegistrations[0].id, {
      number: TEST_CARDS.threeDSecure,
      otp: '000000',
    });
    await canvas.findByRole('heading', { name: tr((m) => m.card.authFailedTitle) });
    await expect(canvas.getByRole('button', { name: tr((m) => m.common.tryAgain) })).toBeVisible();
  },
};

export const Declined: Story = {
  name: 'Error: card declined',
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeCardRegistration(loaded.client.cardRegistrations[0].id, {
      number: TEST_CARDS.declined,
    });
    await canvas.findByRole('heading', { name: tr((m) => m.card.failedTitle) });
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
};

export const Expired: Story = {
  name: 'Expired card page',
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeCardRegistration(loaded.client.cardRegistrations[0].id, 'expired');
    await canvas.findByRole('heading', { name: tr((m) => m.card.expired) });
  },
};

/** The shopper came back from the page; the gateway's answer is not in yet. */
export const Verifying: Story = {
  parameters: withClient(() => memoryClient({ scenario: { live: false } })),
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('dialog');
    window.postMessage(
      {
        type: 'ayokit:card-registration-return',
        cardRegistrationId: loaded.client.cardRegistrations[0].id,
      },
      '*',
    );
    await canvas.findByRole('heading', { name: tr((m) => m.card.verifying) });
  },
};

export const PopupBlocked: Story = {
  args: { mode: 'popup' },
  beforeEach: () => {
    const original = window.open;
    window.open = () => null;
    return () => {
      window.open = original;
    };
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: addButton }));
    await canvas.findByRole('button', { name: tr((m) => m.card.reopen) });
  },
};

export const English: Story = { globals: { locale: 'en' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const DarkEnglishDialog: Story = {
  name: 'Dark, English, card page open',
  globals: { theme: 'dark', locale: 'en' },
  play: PageOpenInIframe.play,
};
export const DarkAdded: Story = {
  name: 'Dark, added: Mastercard',
  globals: { theme: 'dark' },
  play: SucceededMastercard.play,
};
