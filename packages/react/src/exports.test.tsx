import * as hooks from '@ayokit/hooks';
import { createMemoryClient } from '@ayokit/hooks/testing';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as kit from './index';
import { en } from './locales/en';

describe('@ayokit/react as the one import of a frontend team', () => {
  it('re-exports the provider of @ayokit/hooks itself (one context, one copy)', () => {
    expect(kit.AyoProvider).toBe(hooks.AyoProvider);
  });

  it('renders a component under the provider imported from @ayokit/react alone (English: one import)', async () => {
    render(
      <kit.AyoProvider client={createMemoryClient()} locale="en" translations={{ en }}>
        <kit.BankPicker />
      </kit.AyoProvider>,
    );
    expect(await screen.findByRole('radio', { name: /BCA/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Choose your bank' })).toBeInTheDocument();
  });
});
