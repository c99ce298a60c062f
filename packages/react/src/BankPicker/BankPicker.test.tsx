import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { bca, failing, memoryClient, pending } from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { BankPicker } from './BankPicker';

describe('BankPicker', () => {
  it('shows the six banks as a radio group with each bank’s facts', async () => {
    const { container } = renderWithAyo(<BankPicker />);
    await screen.findByRole('radio', { name: /BCA/ });
    const group = screen.getByRole('group', { name: 'Choose your bank' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(6);
    const bca = screen.getByRole('radio', { name: /BCA/ });
    expect(bca).toHaveAccessibleDescription(/OTP on payment: always/);
    expect(bca).toHaveAccessibleDescription(/One account per user/);
    const bri = screen.getByRole('radio', { name: /BRI/ });
    expect(bri).toHaveAccessibleDescription(/above Rp\s?1,000,000/);
    expect(screen.getByRole('radio', { name: /BNI/ })).toHaveAccessibleDescription(/OTP to unbind: yes/);
    expect(container.querySelector('.ayo-root.ayo-bank-picker')).toHaveAttribute('data-state', 'idle');
    await expectNoAxeViolations(container);
  });

  it('calls onChange with the bank code; uncontrolled it keeps the choice itself', async () => {
    const onChange = vi.fn();
    const { container } = renderWithAyo(<BankPicker onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: /BRI/ }));
    expect(onChange).toHaveBeenCalledWith('002');
    expect(screen.getByRole('radio', { name: /BRI/ })).toBeChecked();
    expect(container.querySelector('.ayo-bank-picker')).toHaveAttribute('data-state', 'selected');
  });

  it('disables BCA for a user who already holds a BCA account, with the reason', async () => {
    renderWithAyo(<BankPicker />, { client: memoryClient({ instruments: [bca()] }) });
    const radio = await screen.findByRole('radio', { name: /BCA/ });
    expect(radio).toBeDisabled();
    expect(radio).toHaveAccessibleDescription(/already have an account bound with this bank/);
    expect(screen.getByRole('radio', { name: /BRI/ })).toBeEnabled();
  });

  it('uses the banks it is given, without fetching', async () => {
    const client = memoryClient();
    const banks = await client.listBanks();
    client.calls.length = 0;
    renderWithAyo(<BankPicker banks={banks.slice(0, 2)} value="002" />, { client });
    expect(screen.getAllByRole('radio')).toHaveLength(2);
    expect(screen.getByRole('radio', { name: /BRI/ })).toBeChecked();
    expect(client.calls).toHaveLength(0);
  });

  it('has a live region from the first render, and shows loading and error states', async () => {
    const { container, unmount } = renderWithAyo(<BankPicker />, {
      client: pending(memoryClient(), 'listBanks'),
    });
    expect(screen.getByRole('status')).toHaveTextContent('Loading banks');
    expect(container.querySelector('.ayo-bank-picker')).toHaveAttribute('data-state', 'loading');
    unmount();
    renderWithAyo(<BankPicker />, { client: failing(memoryClient(), 'listBanks') });
    expect(await screen.findByRole('alert')).toHaveTextContent('The banks could not be loaded.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('speaks Indonesian', async () => {
    renderWithAyo(<BankPicker />, { locale: 'id' });
    expect(await screen.findByRole('group', { name: 'Pilih bank Anda' })).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: /BRI/ })).toHaveAccessibleDescription(
      /di atas Rp\s?1\.000\.000/,
    );
  });
});
