import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryClient } from '../internal/fixtures';
import { expectNoAxeViolations, renderWithAyo } from '../internal/test-utils';
import { OtpInput, type OtpInputProps } from './OtpInput';

function Controlled(props: Partial<OtpInputProps>) {
  const [value, setValue] = useState('');
  return <OtpInput value={value} onChange={setValue} {...props} />;
}

afterEach(() => vi.useRealTimers());

describe('OtpInput', () => {
  it('is one real one-time-code input; the six slots are hidden from assistive tech', async () => {
    const { container } = renderWithAyo(<Controlled />);
    const input = screen.getByRole('textbox', { name: 'OTP code' });
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('pattern', '\\d{6}');
    expect(input).toHaveAttribute('maxlength', '6');
    expect(container.querySelectorAll('.ayo-otp-input__slot')).toHaveLength(6);
    expect(container.querySelector('.ayo-otp-input__slots')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('status')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('strips non-digits and never moves focus by itself', async () => {
    const onComplete = vi.fn();
    const { container } = renderWithAyo(<Controlled onComplete={onComplete} />);
    const user = userEvent.setup();
    const input = screen.getByRole('textbox', { name: 'OTP code' });
    await user.click(input);
    await user.keyboard('12a3-4 56');
    expect(input).toHaveValue('123456');
    expect(input).toHaveFocus();
    expect(onComplete).toHaveBeenCalledExactlyOnceWith('123456');
    expect(container.querySelector('.ayo-otp-input')).toHaveAttribute('data-state', 'complete');
    expect([...container.querySelectorAll('.ayo-otp-input__slot')].map((s) => s.textContent).join('')).toBe(
      '123456',
    );
  });

  it('accepts a pasted code (SMS autofill works the same way)', async () => {
    const onComplete = vi.fn();
    renderWithAyo(<Controlled onComplete={onComplete} />);
    const user = userEvent.setup();
    const input = screen.getByRole('textbox', { name: 'OTP code' });
    await user.click(input);
    await user.paste('Your code: 654 321');
    expect(input).toHaveValue('654321');
    expect(onComplete).toHaveBeenCalledWith('654321');
  });

  it('links attempts left and the error to the field, and announces the error', () => {
    renderWithAyo(<Controlled attemptsLeft={2} error="The OTP is not correct." />);
    const input = screen.getByRole('textbox', { name: 'OTP code' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/2 attempts left\..*The OTP is not correct\./);
    expect(screen.getByRole('alert')).toHaveTextContent('The OTP is not correct.');
  });

  it('keeps resend disabled with a countdown until it may be used', async () => {
    vi.useFakeTimers();
    const onResend = vi.fn();
    renderWithAyo(<Controlled onResend={onResend} resendAfterSeconds={30} />);
    const button = screen.getByRole('button', { name: 'Resend code in 0:30' });
    expect(button).toBeDisabled();
    for (let i = 0; i < 30; i++) act(() => vi.advanceTimersByTime(1000));
    const ready = screen.getByRole('button', { name: 'Resend code' });
    expect(ready).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('You can ask for a new code now.');
    act(() => ready.click());
    expect(onResend).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Resend code in 0:30' })).toBeDisabled();
  });

  it('speaks Indonesian', () => {
    renderWithAyo(<Controlled attemptsLeft={1} />, { locale: 'id' });
    expect(screen.getByRole('textbox', { name: 'Kode OTP' })).toHaveAccessibleDescription(
      /Sisa 1 kali percobaan/,
    );
  });

  it('counts down to the server’s resendAvailableAt, shows resends left, and stops at none', async () => {
    const onResend = vi.fn(async () => true);
    // The provider's clock (the client's, from NOW), not today's: 5 s ahead on it.
    const client = memoryClient();
    const { rerender } = renderWithAyo(
      <Controlled onResend={onResend} resendAvailableAt={client.now() + 5_000} resendsLeft={2} />,
      { client },
    );
    const button = screen.getByRole('button', { name: /^Resend code in 0:0[45]$/ });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('2 new codes left.');
    rerender(<Controlled onResend={onResend} resendAvailableAt={null} resendsLeft={2} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Resend code' }));
    expect(onResend).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent('A new code was sent.'));
    rerender(<Controlled onResend={onResend} resendAvailableAt={null} resendsLeft={0} />);
    expect(screen.getByRole('button', { name: 'Resend code' })).toBeDisabled();
    expect(screen.getByText('No more codes can be sent.')).toBeInTheDocument();
  });
});
