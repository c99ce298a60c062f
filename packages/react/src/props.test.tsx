/**
 * A prop a component cannot work with is a mistake in the app: said when the component renders,
 * naming the component and the prop, not a crash deep inside or a quiet fallback.
 */
import { screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AddCard } from './AddCard';
import { BindAccount } from './BindAccount';
import { renderWithAyo } from './internal/test-utils';
import { OtpInput } from './OtpInput';
import { SavedCardList } from './SavedCardList';

const as = <T,>(value: unknown) => value as T;

describe('props a component cannot work with', () => {
  it.each<[string, ReactElement, string]>([
    [
      'BindAccount bankCode',
      <BindAccount key="b" bankCode={as('999')} />,
      '<BindAccount bankCode>: not a bank the kit knows (got "999"; 014, 002, 008, 009, 011, 022)',
    ],
    [
      'BindAccount mode',
      <BindAccount key="m" mode={as('modal')} />,
      'mode: must be "popup", "iframe" or "redirect" (got "modal")',
    ],
    [
      'AddCard mode',
      <AddCard key="a" mode={as('tab')} />,
      'mode: must be "popup", "iframe" or "redirect" (got "tab")',
    ],
    [
      'SavedCardList types',
      <SavedCardList key="s" types={as(['bogus'])} />,
      '<SavedCardList types>: each must be "bank_account" or "card" (got ["bogus"])',
    ],
  ])('%s: throws when it renders, naming the prop', (_, ui, message) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderWithAyo(ui)).toThrow(message);
    vi.restoreAllMocks();
  });

  it('OtpInput with no value yet is an empty code, not a crash', () => {
    renderWithAyo(<OtpInput value={as(undefined)} onChange={() => undefined} />);
    expect(screen.getByRole('textbox')).toHaveValue('');
  });
});
