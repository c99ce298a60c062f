import { describe, expect, it } from 'vitest';
import { OtpInput } from '../OtpInput';
import { toCssVariable } from './AyoRoot';
import { renderWithAyo } from './test-utils';

describe('AyoRoot appearance', () => {
  it('maps theme, variables and rules onto the component root', () => {
    const { container } = renderWithAyo(<OtpInput value="" onChange={() => undefined} />, {
      appearance: {
        theme: 'dark',
        variables: { colorPrimary: '#ff0066', radius: '2px;}</style>' },
        rules: { '.ayo-otp-input__slot': 'border-width: 2px' },
      },
    });
    const root = container.querySelector<HTMLElement>('.ayo-root.ayo-otp-input')!;
    expect(root).toHaveAttribute('data-ayo-theme', 'dark');
    expect(root.style.getPropertyValue('--ayo-color-primary')).toBe('#ff0066');
    expect(root.style.getPropertyValue('--ayo-radius')).toBe('2px/style');
    const scope = root.getAttribute('data-ayo-scope');
    expect(root.querySelector('style')?.textContent).toBe(
      `[data-ayo-scope="${scope}"] .ayo-otp-input__slot, [data-ayo-scope="${scope}"].ayo-otp-input__slot { border-width: 2px }`,
    );
  });

  it('names variables the Stripe way', () => {
    expect(toCssVariable('colorPrimary')).toBe('--ayo-color-primary');
    expect(toCssVariable('font-family')).toBe('--ayo-font-family');
    expect(toCssVariable('--ayo-spacing')).toBe('--ayo-spacing');
  });
});
