import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { bca, memoryClient } from '../internal/fixtures';
import { emit, tr, withClient } from '../internal/story-helpers';
import { BindAccount } from './BindAccount';

const meta = {
  title: 'Components/BindAccount',
  component: BindAccount,
  args: { mode: 'iframe', onBound: fn(), onCancel: fn() },
} satisfies Meta<typeof BindAccount>;
export default meta;
type Story = StoryObj<typeof meta>;

const continueButton = tr((m) => m.bind.continue);

export const ChooseBank: Story = {};
export const Preselected: Story = { name: 'Bank preselected (BNI)', args: { bankCode: '009' } };

export const NoBankChosen: Story = {
  name: 'Error: no bank chosen',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
};

/** The bank's page in an accessible modal dialog, with the session's countdown. */
export const IframeDialog: Story = {
  name: 'Iframe dialog (awaiting the bank)',
  args: { bankCode: '002' },
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await expect(await canvas.findByRole('dialog')).toBeVisible();
  },
};

/** The whole flow: BRI → the bank's page in a dialog → the bank confirms → bound. */
export const BindInIframe: Story = {
  name: 'Bind in iframe mode (flow)',
  play: async ({ canvas, userEvent, loaded, args }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: /BRI/ }));
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeBinding(loaded.client.bindings[0].id);
    await canvas.findByRole('heading', { name: tr((m) => m.bind.bound('BRI')) });
    await waitFor(() => expect(args.onBound).toHaveBeenCalled());
  },
};

export const Verifying: Story = {
  args: { bankCode: '009' },
  play: async ({ canvas, userEvent, loaded }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('dialog');
    const binding = loaded.client.bindings[0];
    binding.status = 'verification_pending';
    emit(loaded.client, { type: 'binding', data: structuredClone(binding) });
    await canvas.findByRole('heading', { name: tr((m) => m.bind.verifying) });
  },
};

export const Expired: Story = {
  name: 'Expired binding',
  args: { bankCode: '002' },
  parameters: withClient(() => memoryClient({ scenario: { bindingOutcome: 'expired' } })),
  play: async ({ canvas, userEvent, loaded }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeBinding(loaded.client.bindings[0].id);
    await canvas.findByRole('heading', { name: tr((m) => m.bind.expired) });
  },
};

/** Seed 003: BNI refuses to bind an account already bound on this merchant. */
export const RebindingRefused: Story = {
  name: 'Error: bank refuses a re-binding (BNI)',
  args: { bankCode: '009' },
  parameters: withClient(() => memoryClient({ scenario: { bindingOutcome: 'failed' } })),
  play: async ({ canvas, userEvent, loaded }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeBinding(loaded.client.bindings[0].id);
    await canvas.findByRole('heading', { name: tr((m) => m.bind.refusedTitle) });
  },
};

/** BCA allows one account per user: a second BCA is refused before the bank is called. */
export const OneAccountPerUser: Story = {
  name: 'Error: BCA already bound (one account per user)',
  args: { bankCode: '014' },
  parameters: withClient(() => memoryClient({ instruments: [bca()] })),
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.bind.refusedTitle) });
  },
};

export const BindingFailed: Story = {
  name: 'Error: bank did not bind',
  args: { bankCode: '008' },
  parameters: withClient(() =>
    memoryClient({
      scenario: {
        bindingOutcome: 'failed',
        bindingFailure: { code: 'BINDING_FAILED', message: 'The bank did not bind the account.' },
      },
    }),
  ),
  play: async ({ canvas, userEvent, loaded }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('dialog');
    loaded.client.completeBinding(loaded.client.bindings[0].id);
    await canvas.findByRole('heading', { name: tr((m) => m.bind.failedTitle) });
  },
};

/** Popup mode where the browser blocked the window: say so, and offer to open it again. */
export const PopupBlocked: Story = {
  args: { mode: 'popup', bankCode: '002' },
  beforeEach: () => {
    const original = window.open;
    window.open = () => null;
    return () => {
      window.open = original;
    };
  },
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('button', { name: tr((m) => m.bind.reopen) });
  },
};

/** Popup mode with the bank's window open (a stand-in window, so nothing really opens). */
export const PopupOpen: Story = {
  name: "Popup open (continue in the bank's window)",
  args: { mode: 'popup', bankCode: '009' },
  beforeEach: () => {
    const original = window.open;
    window.open = () => ({ closed: false, close() {}, location: { href: '' } }) as unknown as Window;
    return () => {
      window.open = original;
    };
  },
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: continueButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.bind.continueInWindow('BNI')) });
  },
};

export const Loading: Story = {
  name: 'Loading banks',
  parameters: withClient(() => {
    const c = memoryClient();
    c.listBanks = () => new Promise(() => undefined);
    return c;
  }),
};

export const English: Story = { globals: { locale: 'en' }, args: { bankCode: '002' } };
export const Dark: Story = { globals: { theme: 'dark' }, args: { bankCode: '002' } };
export const DarkDialog: Story = {
  name: 'Dark, English, iframe dialog',
  globals: { theme: 'dark', locale: 'en' },
  args: { bankCode: '002' },
  play: IframeDialog.play,
};
