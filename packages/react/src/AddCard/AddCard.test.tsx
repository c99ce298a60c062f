import { TEST_CARDS } from '@ayokit/hooks/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act, StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryClient } from '../internal/fixtures';
import { expectNoAxeViolations, ownStatus, renderWithAyo } from '../internal/test-utils';
import { AddCard } from './AddCard';

afterEach(() => vi.restoreAllMocks());

describe('AddCard', () => {
  it('iframe mode: the card page in a titled modal dialog with a countdown → the new card, onAdded', async () => {
    const onAdded = vi.fn();
    const { client, container } = renderWithAyo(
      <StrictMode>
        <AddCard mode="iframe" onAdded={onAdded} />
      </StrictMode>,
    );
    const user = userEvent.setup();
    expect(screen.getByRole('heading', { name: 'Add a credit or debit card' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enter your card details' });
    expect(dialog).toHaveFocus();
    expect(within(dialog).getByTitle('Secure card page')).toHaveAttribute(
      'src',
      client.cardRegistrations[0]!.webviewUrl,
    );
    expect(within(dialog).getAllByRole('timer')[0]).toHaveTextContent(/Time left (10:00|9:\d\d)/);
    expect(container.querySelector('.ayo-add-card')).toHaveAttribute('data-state', 'awaiting-page');
    await expectNoAxeViolations(container);
    act(
      () =>
        void client.completeCardRegistration(client.cardRegistrations[0]!.id, {
          number: TEST_CARDS.mastercard,
          expiry: '03/29',
        }),
    );
    const heading = await screen.findByRole('heading', { name: 'Mastercard ending in 4444 was added.' });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('img', { name: 'Mastercard' })).toBeInTheDocument();
    expect(screen.getByText(/expires 03\/29/)).toBeInTheDocument();
    await waitFor(() =>
      expect(ownStatus(container, 'add-card')).toHaveTextContent('Mastercard ending in 4444 was added.'),
    );
    expect(onAdded).toHaveBeenCalledOnce();
    expect(onAdded.mock.calls[0]![0]).toMatchObject({ brand: 'mastercard', last4: '4444' });
    expect(client.cardRegistrations).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('the simulated gateway page is an accessible form with number, name, expiry, CVV and a 3-D Secure step', () => {
    const { client } = renderWithAyo(<AddCard mode="iframe" />);
    return userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Add card' }))
      .then(async () => {
        await screen.findByRole('dialog');
        const html = decodeURIComponent(client.cardRegistrations[0]!.webviewUrl!.split(',')[1]!);
        const doc = new DOMParser().parseFromString(html, 'text/html');
        for (const id of ['number', 'holder', 'expiry', 'cvv', 'code'])
          expect(doc.querySelector(`label[for="${id}"]`)).not.toBeNull();
        expect(doc.documentElement.lang).toBe('en');
        expect(doc.title).toMatch(/Add a card/);
        expect(doc.querySelector('#otp h2')?.textContent).toBe('3-D Secure');
      });
  });

  it.each([
    [{ number: TEST_CARDS.declined }, '', "The card's bank declined it"],
    [
      { number: TEST_CARDS.threeDSecure, otp: '111111' },
      '3-D Secure was not completed',
      '3-D Secure verification',
    ],
  ])('a failure (%o) is explained, and Try again opens a new card page', async (entry, title, text) => {
    const { client } = renderWithAyo(<AddCard mode="iframe" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    await screen.findByRole('dialog');
    act(() => void client.completeCardRegistration(client.cardRegistrations[0]!.id, entry));
    expect(
      await screen.findByRole('heading', { name: title || 'The card could not be added' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(text);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(client.cardRegistrations).toHaveLength(2);
  });

  it('an expired card page offers a retry; Escape closes the dialog', async () => {
    const { client } = renderWithAyo(<AddCard mode="iframe" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    await screen.findByRole('dialog');
    act(() => void client.completeCardRegistration(client.cardRegistrations[1]!.id, 'expired'));
    expect(
      await screen.findByRole('heading', { name: 'The card page expired before you finished.' }),
    ).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('popup mode: a blocked popup says so and offers to open the card page again', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { container } = renderWithAyo(<AddCard mode="popup" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    expect(open).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('Your browser blocked the card page window.', { selector: '.ayo-alert' }),
    ).toBeInTheDocument();
    expect(container.querySelector('.ayo-add-card')).toHaveAttribute('data-window', 'popup-blocked');
    await user.click(screen.getByRole('button', { name: 'Open the card page' }));
    expect(open).toHaveBeenLastCalledWith(
      expect.stringContaining('data:text/html'),
      'ayokit-card',
      expect.any(String),
    );
    await expectNoAxeViolations(container);
  });

  it('speaks Indonesian', async () => {
    const { container, client } = renderWithAyo(<AddCard mode="iframe" />, {
      locale: 'id',
      client: memoryClient(),
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tambah kartu' }));
    expect(await screen.findByRole('dialog', { name: 'Isi detail kartu Anda' })).toBeInTheDocument();
    await waitFor(() => expect(ownStatus(container, 'add-card')).toHaveTextContent('Isi detail kartu Anda'));
    act(() => void client.completeCardRegistration(client.cardRegistrations[0]!.id));
    expect(
      await screen.findByRole('heading', { name: 'Visa berakhiran 1111 berhasil ditambahkan.' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/berlaku s\.d\. 12\/30/)).toBeInTheDocument();
  });
});
