import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bca, memoryClient } from '../internal/fixtures';
import { expectNoAxeViolations, ownStatus, renderWithAyo } from '../internal/test-utils';
import { BindAccount } from './BindAccount';

afterEach(() => vi.restoreAllMocks());

describe('BindAccount', () => {
  it('iframe mode: BRI → the bank page in a titled modal dialog → bound, onBound called', async () => {
    const onBound = vi.fn();
    const { client, container } = renderWithAyo(<BindAccount mode="iframe" onBound={onBound} />);
    const user = userEvent.setup();
    expect(ownStatus(container, 'bind-account')).toBeInTheDocument();
    await user.click(await screen.findByRole('radio', { name: /BRI/ }));
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    const dialog = await screen.findByRole('dialog', { name: 'Continue at BRI' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveFocus();
    expect(within(dialog).getByTitle('BRI page')).toHaveAttribute('src', client.bindings[0]!.webviewUrl);
    expect(within(dialog).getAllByRole('timer')[0]).toHaveTextContent(/Time left [23]:\d\d/);
    expect(container.querySelector('.ayo-bind-account')).toHaveAttribute('data-state', 'awaiting-bank');
    await expectNoAxeViolations(container);
    act(() => void client.completeBinding(client.bindings[0]!.id));
    expect(await screen.findByRole('heading', { name: 'Your BRI account is bound.' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(ownStatus(container, 'bind-account')).toHaveTextContent('Your BRI account is bound.');
    expect(onBound).toHaveBeenCalledExactlyOnceWith(client.instruments[0]!.id);
  });

  it('Escape closes the dialog and goes back to choosing a bank', async () => {
    renderWithAyo(<BindAccount mode="iframe" bankCode="002" />);
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Bind a bank account' })).toHaveFocus();
  });

  it('asks for a bank first: the error is announced and focus moves to the choice', async () => {
    renderWithAyo(<BindAccount />);
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BCA/ });
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a bank first.');
    expect(screen.getByRole('radio', { name: /BCA/ })).toHaveFocus();
  });

  it('a BCA user sees BCA disabled with the reason, and the guidance when the bank refuses', async () => {
    const { client } = renderWithAyo(<BindAccount mode="iframe" bankCode="014" />, {
      client: memoryClient({ instruments: [bca()] }),
    });
    const radio = await screen.findByRole('radio', { name: /BCA/ });
    expect(radio).toBeDisabled();
    expect(radio).toHaveAccessibleDescription(
      /allows one account per user: use that account, or unbind it first/,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Continue to bank' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('BCA allows one account per user, and you already have one.');
    expect(alert).toHaveTextContent('use the account already bound');
    expect(alert).toHaveTextContent('unbind (remove) that account first');
    expect(client.bindings).toHaveLength(0);
  });

  it('shows seed 003’s guidance when the bank refuses a re-binding (BINDING_REFUSED)', async () => {
    const { client, container } = renderWithAyo(<BindAccount mode="iframe" bankCode="009" />, {
      client: memoryClient({ scenario: { bindingOutcome: 'failed' } }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BNI/ });
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    await screen.findByRole('dialog');
    act(() => void client.completeBinding(client.bindings[0]!.id));
    expect(
      await screen.findByRole('heading', { name: 'The bank refused to bind this account again' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      /BNI lets an account be bound only once.*use the account already bound.*unbind/,
    );
    expect(container.querySelector('.ayo-bind-account')).toHaveAttribute('data-state', 'failed');
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Choose another bank' }));
    expect(await screen.findByRole('group', { name: 'Choose a bank to bind' })).toBeInTheDocument();
  });

  it('an expired bank page offers a retry that starts a new binding', async () => {
    const { client } = renderWithAyo(<BindAccount mode="iframe" bankCode="002" />, {
      client: memoryClient({ scenario: { bindingOutcome: 'expired' } }),
    });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    await screen.findByRole('dialog');
    act(() => void client.completeBinding(client.bindings[0]!.id));
    expect(
      await screen.findByRole('heading', { name: "The bank's page expired before you finished." }),
    ).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(client.bindings).toHaveLength(2);
  });

  it('popup mode: a blocked popup says so and offers to open the bank window again', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { container } = renderWithAyo(<BindAccount mode="popup" bankCode="002" />);
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: 'Continue to bank' }));
    expect(open).toHaveBeenCalledTimes(1); // synchronously from the click
    expect(
      await screen.findByText("Your browser blocked the bank's window.", { selector: '.ayo-alert' }),
    ).toBeInTheDocument();
    expect(container.querySelector('.ayo-bind-account')).toHaveAttribute('data-window', 'popup-blocked');
    await user.click(screen.getByRole('button', { name: "Open the bank's window" }));
    expect(open).toHaveBeenLastCalledWith(
      expect.stringContaining('data:text/html'),
      'ayokit-bank',
      expect.any(String),
    );
    await expectNoAxeViolations(container);
  });

  it('speaks Indonesian', async () => {
    const { container } = renderWithAyo(<BindAccount mode="iframe" bankCode="002" />, { locale: 'id' });
    const user = userEvent.setup();
    await screen.findByRole('radio', { name: /BRI/ });
    await user.click(screen.getByRole('button', { name: 'Lanjut ke bank' }));
    expect(await screen.findByRole('dialog', { name: 'Lanjutkan di BRI' })).toBeInTheDocument();
    await waitFor(() => expect(ownStatus(container, 'bind-account')).toHaveTextContent('Lanjutkan di BRI'));
  });
});
