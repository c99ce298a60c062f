import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bca, bri, CHECKOUTS, memoryClient, NOW, PAYMENTS, shopClient } from './internal/fixtures';
import { renderWithAyo } from './internal/test-utils';
import { PaymentStatus } from './PaymentStatus';
import { PayWithSavedCard } from './PayWithSavedCard';
import { SavedCardList } from './SavedCardList';

const level = (el: HTMLElement) => Number(el.tagName.slice(1));

describe('headingLevel: a component fits the page’s outline', () => {
  it('defaults to h2 for the title; headingLevel moves the title and its sub-headings together', async () => {
    const client = () => memoryClient({ payments: [structuredClone(PAYMENTS.succeeded)], now: NOW });
    const first = renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund />, {
      client: client(),
      audience: 'staff',
    });
    const title = await screen.findByRole('heading', { level: 2 });
    expect(title).toHaveClass('ayo-title');
    first.unmount();

    renderWithAyo(<PaymentStatus paymentId={PAYMENTS.succeeded.id} allowRefund headingLevel={4} />, {
      client: client(),
      audience: 'staff',
    });
    const moved = await screen.findByRole('heading', { level: 4 });
    expect(moved).toHaveClass('ayo-title');
    await userEvent.setup().click(screen.getByRole('button', { name: /^Refund/ }));
    const panel = await screen.findByRole('heading', { level: 5 });
    expect(panel).toHaveClass('ayo-subtitle');
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
  });

  it('nested components follow the enclosing one; sub-headings never pass h6', async () => {
    const { container } = renderWithAyo(<PayWithSavedCard checkout={CHECKOUTS.open} headingLevel={3} />, {
      client: shopClient({ instruments: [bca(), bri()] }),
    });
    await screen.findAllByRole('radio');
    const headings = within(container)
      .getAllByRole('heading')
      .map((h) => level(h));
    expect(Math.min(...headings)).toBe(3);
    expect(headings.every((l) => l >= 3)).toBe(true);

    renderWithAyo(<SavedCardList headingLevel={6} allowRemove />, {
      client: memoryClient({ instruments: [bri()] }),
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: /Remove/ }));
    const capped = await screen.findAllByRole('heading');
    expect(capped.every((h) => level(h) <= 6)).toBe(true);
  });
});
