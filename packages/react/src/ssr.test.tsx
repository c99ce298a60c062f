// @vitest-environment node
import { AyoProvider } from '@ayokit/hooks';
import { createMemoryClient } from '@ayokit/hooks/testing';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  AddCard,
  AuditTrail,
  BankPicker,
  BindAccount,
  OtpInput,
  PaymentStatus,
  PayWithSavedCard,
  SavedCardList,
} from './index';

// Next.js and friends render on the server first: no `window`, no `document` there.
describe('server rendering', () => {
  it('renders every component without touching window or document', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <>
        <AyoProvider client={createMemoryClient()} locale="id">
          <BankPicker />
          <OtpInput value="" onChange={() => undefined} />
          <SavedCardList allowRemove />
          <BindAccount mode="redirect" />
          <PayWithSavedCard checkout="chk_000000000000000000000001" />
          <PaymentStatus paymentId="pay_000000000000000000000001" />
          <AddCard mode="redirect" />
          <AddCard mode="iframe" />
        </AyoProvider>
        <AyoProvider client={createMemoryClient()} locale="id" audience="staff">
          <PaymentStatus paymentId="pay_000000000000000000000001" allowRefund allowCapture allowVoid />
          <AuditTrail />
        </AyoProvider>
      </>,
    );
    expect(html).toContain('ayo-root');
    expect(html).toContain('role="status"');
    expect(html).toContain('Memuat detail pembayaran');
    expect(html).toContain('Tambah kartu kredit atau debit');
    expect(html).toContain('Jejak audit');
  });
});
