import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

describe('Dialog', () => {
  const open = () => {
    const onClose = vi.fn();
    render(
      <>
        <button type="button">Behind the dialog</button>
        <Dialog title="Bank page" closeLabel="Cancel" onClose={onClose}>
          <iframe title="The bank's page" src="about:blank" />
        </Dialog>
      </>,
    );
    return { onClose, guard: document.querySelector<HTMLElement>('[data-ayo-guard]') };
  };

  it('keeps the focus inside: Tab past a framed page goes round to the first control', async () => {
    const { guard } = open();
    // Tab from the framed page's last control (keys the dialog never sees) lands on the guard.
    guard?.focus();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    // Shift+Tab from the first control goes to the framed page, not behind the dialog.
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(screen.getByTitle("The bank's page")).toHaveFocus();
  });

  it('Escape closes it', async () => {
    const { onClose } = open();
    screen.getByRole('button', { name: 'Cancel' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });
});
