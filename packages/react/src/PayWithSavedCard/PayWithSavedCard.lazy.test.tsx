// The bind and add-card steps of PayWithSavedCard (./steps) and its OTP step (./otp) are loaded on
// demand. This file holds those loads in the test's hand (a file of its own: a loaded module is
// kept per module instance, and every test file has its own), so the loading state, a failed load
// and its retry are seen.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { bca, CHECKOUTS, shopClient } from '../internal/fixtures';
import { expectNoAxeViolations, gateQueue, ownStatus, renderWithAyo } from '../internal/test-utils';
import { PayWithSavedCard } from './PayWithSavedCard';

/** Each load of ./steps (./otp) waits for the next gate; the test opens it (or makes it fail). */
const gates = gateQueue();
const otpGates = gateQueue();
const loads = vi.hoisted(() => ({ count: 0, otp: 0 }));
vi.mock('./steps', async (importOriginal) => {
  loads.count++;
  const g = gates.take();
  if (g) await g.promise;
  return importOriginal();
});
vi.mock('./otp', async (importOriginal) => {
  loads.otp++;
  const g = otpGates.take();
  if (g) await g.promise;
  return importOriginal();
});

describe('PayWithSavedCard: the steps loaded on demand', () => {
  it('shows an accessible loading state, then a failed load with a retry, then the bind step', async () => {
    const first = gates.next();
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} />, {
      client: shopClient({ instruments: [bca()] }),
    });
    const user = userEvent.setup();
    const bind = await screen.findByRole('button', { name: 'Bind a new account' });
    // Nothing is loaded before the shopper shows the intent; pointing at the button starts it.
    expect(loads.count).toBe(0);
    await user.hover(bind);
    expect(loads.count).toBe(1);
    expect(container.querySelector('.ayo-pay-with-saved-card')).toHaveAttribute('data-state', 'idle');
    await user.click(bind);
    const root = container.querySelector('.ayo-pay-with-saved-card');
    expect(root).toHaveAttribute('data-state', 'binding');
    expect(root).toHaveAttribute('aria-busy', 'true');
    expect(ownStatus(container, 'pay-with-saved-card')).toHaveTextContent('Loading…');
    expect(screen.getByText('Loading…', { selector: 'p' })).toBeVisible();
    await expectNoAxeViolations(container);
    expect(loads.count).toBe(1);

    await act(async () => first.fail(new Error('offline')));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This step could not be loaded. Check your connection, then try again.');
    expect(root).not.toHaveAttribute('aria-busy');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    // Retry asks the network again; this time the step arrives.
    const second = gates.next();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Loading…', { selector: 'p' })).toBeVisible();
    await act(async () => second.open());
    expect(await screen.findByRole('button', { name: 'Continue to bank' })).toBeInTheDocument();
    expect(await screen.findAllByRole('radio', { name: /BRI/ })).not.toHaveLength(0);
    expect(root).toHaveAttribute('data-state', 'binding');
    expect(root).not.toHaveAttribute('aria-busy');

    expect(loads.count).toBe(2);

    // Loaded once for the page: going back and adding a card shows the card step at once.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(await screen.findByRole('button', { name: 'Add a new card' }));
    expect(screen.getByRole('button', { name: 'Add card' })).toBeInTheDocument();
    expect(root).toHaveAttribute('data-state', 'adding-card');
    expect(loads.count).toBe(2);
  });

  it('once loaded, another checkout shows the step at once; Cancel goes back to the saved accounts', async () => {
    // The steps are in place from the test above: a new mount loads nothing and never waits.
    renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} />, {
      client: shopClient({ instruments: [bca()] }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Bind a new account' }));
    expect(screen.getByRole('button', { name: 'Continue to bank' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('radio', { name: /BCA/ })).toBeInTheDocument();
    expect(loads.count).toBe(2);
  });

  it('the OTP step loads when the shopper pays: its heading and a wait, a failed load, then the code', async () => {
    const first = otpGates.next();
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.large} />, {
      client: shopClient({ instruments: [bca()] }),
    });
    const user = userEvent.setup();
    const pay = await screen.findByRole('button', { name: /^Pay Rp\s1,500,000$/ });
    await screen.findByRole('radio', { name: /BCA ending in 1234/ });
    expect(loads.otp).toBe(0);
    await user.click(pay);
    // Loading began with the payment, before the bank asked for a code.
    expect(loads.otp).toBe(1);
    const heading = await screen.findByRole('heading', { name: 'Enter the OTP' });
    const root = container.querySelector('.ayo-pay-with-saved-card');
    expect(root).toHaveAttribute('data-state', 'requires-otp');
    expect(root).toHaveAttribute('aria-busy', 'true');
    // The focus moves in an effect, which React may run a task after the heading is committed.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(ownStatus(container, 'pay-with-saved-card')).toHaveTextContent('Enter the OTP');
    expect(screen.queryByRole('textbox', { name: 'OTP code' })).toBeNull();
    await expectNoAxeViolations(container);

    await act(async () => first.fail(new Error('offline')));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This step could not be loaded. Check your connection, then try again.',
    );
    expect(root).not.toHaveAttribute('aria-busy');
    await expectNoAxeViolations(container);

    const second = otpGates.next();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await act(async () => second.open());
    const otp = await screen.findByRole('textbox', { name: 'OTP code' });
    expect(root).not.toHaveAttribute('aria-busy');
    // The step's own heading takes the focus once it is there (in an effect, as above).
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Enter the OTP' })).toHaveFocus());
    await user.type(otp, '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    await screen.findByRole('heading', { name: /^Payment of Rp\s1,500,000 succeeded\.$/ });
    expect(loads.otp).toBe(2);
  });
});
