import type { Instrument } from '@ayokit/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  bca,
  bni,
  bri,
  everyBadge,
  failing,
  mastercard,
  memoryClient,
  mixedWallet,
  NOW,
  pending,
  visa,
} from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { SavedCardList } from './SavedCardList';

describe('SavedCardList', () => {
  it('lists saved accounts with bank, masked number and badges', async () => {
    const { container } = renderWithAyo(<SavedCardList />, {
      client: memoryClient({ instruments: everyBadge() }),
    });
    const list = await screen.findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent(/BCA.*1234.*Default/);
    expect(items[1]).toHaveTextContent('Expiring soon');
    expect(items[2]).toHaveTextContent('Expired');
    expect(items[3]).toHaveTextContent('Blocked');
    expect(container.querySelector('.ayo-saved-card-list')).toHaveAttribute('data-state', 'ready');
    await expectNoAxeViolations(container);
  });

  it('is a radio group when onSelect is given; accounts that cannot pay are disabled', async () => {
    const onSelect = vi.fn();
    const { container } = renderWithAyo(<SavedCardList onSelect={onSelect} selectedId={bca().id} />, {
      client: memoryClient({ instruments: everyBadge() }),
    });
    const group = await screen.findByRole('group', { name: 'Saved accounts' });
    expect(within(group).getByRole('radio', { name: /BCA ending in 1234/ })).toBeChecked();
    expect(within(group).getByRole('radio', { name: /BNI/ })).toBeDisabled();
    expect(within(group).getByRole('radio', { name: /Mandiri/ })).toBeDisabled();
    await userEvent.setup().click(within(group).getByRole('radio', { name: /BRI/ }));
    expect(onSelect).toHaveBeenCalledWith(everyBadge()[1]!.id);
    await expectNoAxeViolations(container);
  });

  it('shows loading, empty and error states, named for accounts and cards by default', async () => {
    const a = renderWithAyo(<SavedCardList />, { client: pending(memoryClient(), 'listInstruments') });
    expect(screen.getByRole('status')).toHaveTextContent('Loading saved accounts and cards…');
    a.unmount();
    const b = renderWithAyo(<SavedCardList />);
    expect(await screen.findByText('No saved accounts or cards yet.')).toBeInTheDocument();
    expect(b.container.querySelector('.ayo-saved-card-list')).toHaveAttribute('data-state', 'empty');
    b.unmount();
    renderWithAyo(<SavedCardList />, { client: failing(memoryClient(), 'listInstruments') });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your saved accounts and cards could not be loaded.',
    );
  });

  it('names the list by what it lists: accounts, cards, or both (the radio group and the list)', async () => {
    const cases: [Instrument[], string, string][] = [
      [[bca(), bri()], 'Saved accounts', 'Rekening tersimpan'],
      [[visa(), mastercard()], 'Saved cards', 'Kartu tersimpan'],
      [[visa(), bca()], 'Saved accounts and cards', 'Rekening dan kartu tersimpan'],
    ];
    for (const [instruments, en, id] of cases) {
      const a = renderWithAyo(<SavedCardList onSelect={() => undefined} />, {
        client: memoryClient({ instruments }),
      });
      expect(await screen.findByRole('group', { name: en })).toBeInTheDocument();
      a.unmount();
      const b = renderWithAyo(<SavedCardList />, { client: memoryClient({ instruments }), locale: 'id' });
      expect(await screen.findByRole('heading', { name: id })).toBeInTheDocument();
      expect(screen.getByRole('region', { name: id })).toBeInTheDocument();
      b.unmount();
    }
  });

  it('a list of cards only (types) says cards while loading, when empty and on error', async () => {
    const a = renderWithAyo(<SavedCardList types={['card']} />, {
      client: pending(memoryClient(), 'listInstruments'),
    });
    expect(screen.getByRole('status')).toHaveTextContent('Loading saved cards…');
    a.unmount();
    const b = renderWithAyo(<SavedCardList types={['card']} />, {
      client: memoryClient({ instruments: [bca()] }),
      locale: 'id',
    });
    expect(await screen.findByText('Belum ada kartu tersimpan.')).toBeInTheDocument();
    b.unmount();
    renderWithAyo(<SavedCardList types={['card']} />, { client: failing(memoryClient(), 'listInstruments') });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your saved cards could not be loaded.');
    // Of a mixed wallet, the cards alone are listed and named so.
    renderWithAyo(<SavedCardList types={['card']} onSelect={() => undefined} />, {
      client: memoryClient({ instruments: [visa(), bca()] }),
    });
    expect(await screen.findByRole('group', { name: 'Saved cards' })).toBeInTheDocument();
  });

  it('sets an account as default', async () => {
    renderWithAyo(<SavedCardList allowSetDefault />, {
      client: memoryClient({ instruments: [bca(), bri()] }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set as default: BRI ending in 5678' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('BRI ending in 5678 is now your default'),
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')[1]).toHaveTextContent('Default'));
  });

  it('removes an account after a confirm step (no OTP for BRI), with the keyboard', async () => {
    const { client } = renderWithAyo(<SavedCardList allowRemove />, {
      client: memoryClient({ instruments: [bca(), bri()] }),
    });
    const user = userEvent.setup();
    const remove = await screen.findByRole('button', { name: 'Remove BRI ending in 5678' });
    remove.focus();
    await user.keyboard('{Enter}');
    const panel = screen.getByRole('region', { name: 'Remove BRI ending in 5678?' });
    expect(screen.getByRole('heading', { name: 'Remove BRI ending in 5678?' })).toHaveFocus();
    // Cancel returns focus to the Remove button.
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Remove BRI ending in 5678' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('BRI ending in 5678 was removed.'),
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(client.instruments.find((i) => i.type === 'bank_account' && i.bankCode === '002')?.status).toBe(
      'unbound',
    );
  });

  it('removing the last one leaves the focus on the empty list, not on the page', async () => {
    renderWithAyo(<SavedCardList allowRemove />, { client: memoryClient({ instruments: [bri()] }) });
    const user = userEvent.setup();
    (await screen.findByRole('button', { name: 'Remove BRI ending in 5678' })).focus();
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    const empty = await screen.findByText('No saved accounts or cards yet.');
    await waitFor(() => expect(empty).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('BRI ending in 5678 was removed.');
  });

  it('asks for the OTP where the bank needs it (BNI): wrong code, then right code', async () => {
    const { client, container } = renderWithAyo(<SavedCardList allowRemove />, {
      client: memoryClient({ instruments: [bca(), bni()] }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove BNI ending in 4321' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    const otp = await screen.findByRole('textbox', { name: 'OTP code' });
    expect(screen.getByText('BNI asks for an OTP to unbind this account.')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    // Submitting too few digits: the error is announced and focus goes to the field.
    await user.click(screen.getByRole('button', { name: 'Verify and remove' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the 6-digit code.');
    expect(otp).toHaveFocus();
    await user.type(otp, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify and remove' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The OTP is not correct.'));
    expect(screen.getByRole('textbox', { name: 'OTP code' })).toHaveAccessibleDescription(/2 attempts left/);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'OTP code' })).toHaveFocus());
    await user.type(screen.getByRole('textbox', { name: 'OTP code' }), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and remove' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('BNI ending in 4321 was removed.'),
    );
    expect(client.instruments.find((i) => i.type === 'bank_account' && i.bankCode === '009')?.status).toBe(
      'unbound',
    );
  });

  it('speaks Indonesian', async () => {
    renderWithAyo(<SavedCardList allowRemove allowSetDefault />, {
      client: memoryClient({ instruments: [bca(), bri()] }),
      locale: 'id',
    });
    expect(await screen.findByRole('button', { name: 'Hapus BCA berakhiran 1234' })).toBeInTheDocument();
    expect(screen.getByText('Utama')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Jadikan utama: BRI berakhiran 5678' })).toBeInTheDocument();
  });
});

describe('SavedCardList with cards', () => {
  it('shows cards and accounts together: brand marks with names, last 4, expiry, expiring and expired', async () => {
    // A card expiring "this month" is more than 30 days away on the 1st of a 31-day month: the
    // date is fixed (only Date; timers run) so the badge does not depend on the day the suite runs.
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const { container } = renderWithAyo(<SavedCardList onSelect={() => undefined} selectedId={null} />, {
      client: memoryClient({ instruments: mixedWallet(NOW) }),
    });
    const group = await screen.findByRole('group', { name: 'Saved accounts and cards' });
    const visaRadio = within(group).getByRole('radio', { name: /^Visa ending in 1111 expires 12\/30/ });
    expect(visaRadio).toBeEnabled();
    expect(within(group).getByRole('img', { name: 'Visa' })).toBeInTheDocument();
    expect(within(group).getByRole('img', { name: 'Mastercard' })).toBeInTheDocument();
    expect(within(group).getByRole('img', { name: 'JCB' })).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: /BCA ending in 1234/ })).toBeEnabled();
    const items = within(group).getAllByRole('listitem');
    expect(items[2]).toHaveTextContent('Expiring soon');
    expect(items[3]).toHaveTextContent('Expired');
    expect(within(group).getByRole('radio', { name: /JCB/ })).toBeDisabled();
    expect(items.map((i) => i.getAttribute('data-type'))).toEqual([
      'card',
      'bank_account',
      'card',
      'card',
      'bank_account',
    ]);
    await expectNoAxeViolations(container);
  });

  it('can show cards only, and removes a card at once (no OTP) after the confirm step', async () => {
    const { client } = renderWithAyo(<SavedCardList allowRemove types={['card']} />, {
      client: memoryClient({ instruments: [visa(), bca()] }),
    });
    const user = userEvent.setup();
    expect(await screen.findAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Remove Visa ending in 1111' }));
    expect(screen.getByText('You will need to add it again to pay with this card.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Visa ending in 1111 was removed.'),
    );
    expect(client.calls.some((c) => c.method === 'submitUnbindingOtp')).toBe(false);
  });

  it('a card that cannot be removed says "card", an account says "account"', async () => {
    const client = failing(memoryClient({ instruments: [visa(), bri()] }), 'startUnbinding', 'NOT_FOUND');
    renderWithAyo(<SavedCardList allowRemove />, { client });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove Visa ending in 1111' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(
      await screen.findByRole('heading', { name: 'The card could not be removed.' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Remove BRI ending in 5678' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(
      await screen.findByRole('heading', { name: 'The account could not be removed.' }),
    ).toBeInTheDocument();
  });

  it('the unbinding OTP offers a resend with the server’s countdown and the resends left', async () => {
    const { client } = renderWithAyo(<SavedCardList allowRemove />, {
      client: memoryClient({ instruments: [bca(), bni()], scenario: { resendAfterMs: 0 } }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove BNI ending in 4321' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    const resend = await screen.findByRole('button', { name: 'Resend code' });
    expect(resend).toHaveAccessibleDescription('3 new codes left.');
    await user.click(resend);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Resend code' })).toHaveAccessibleDescription(
        '2 new codes left.',
      ),
    );
    expect(client.calls.filter((c) => c.method === 'resendUnbindingOtp')).toHaveLength(1);
  });
});
