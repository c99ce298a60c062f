/** `proxy.close()` and `proxy.endStreams()`: what a graceful shutdown (apps/proxy's drain) relies on. */
import { API_PREFIX } from '@ayokit/core';
import { DD_PATHS } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import { createWorld, SHOP } from './harness';

/** The proxy's clock, standing still. */
const NOW = Date.UTC(2030, 0, 15, 3, 0, 0);

/** Lets the event loop turn a few times (a close that does not wait has resolved by then). */
const turns = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('proxy.close()', () => {
  it('waits for a reconcile pass under way, which records the row in hand and leaves the rest', async () => {
    const db = await createTestPgliteDb();
    // The bank's status answers held until the test lets them through.
    let held: (() => void) | null = null;
    let release = () => {};
    const world = await createWorld(db, {
      sandbox: { startTime: NOW },
      proxy: { now: () => NOW, reconcile: { intervalMs: 0, callbackGraceMs: 0, retryBaseMs: 60_000 } },
      upstream: async (request, next) => {
        if (new URL(request.url).pathname === DD_PATHS.paymentStatus) {
          await new Promise<void>((resolve) => {
            release = resolve;
            held?.();
          });
        }
        return next(request);
      },
    });
    try {
      const shopper = world.as('close-pass');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '6060602002' });
      world.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 600 });
      const ids: string[] = [];
      for (const amount of [10_000, 11_000]) {
        const res = await shopper.pay<{ payment: { id: string; status: string } }>({
          instrumentId: binding.instrumentId!,
          amount,
        });
        expect(res.body.payment.status).toBe('processing');
        ids.push(res.body.payment.id);
      }
      const asking = new Promise<void>((resolve) => {
        held = resolve;
      });
      const pass = world.proxy.reconcile();
      await asking; // the first row's status call is with the bank
      let closed = false;
      const closing = world.proxy.close().then(() => {
        closed = true;
      });
      await turns();
      expect(closed).toBe(false);
      release();
      await closing;
      // One row checked (its answer written while the database was open), the other left for later.
      expect(await pass).toBe(1);
      const attempts = await Promise.all(
        ids.map(async (id) => (await world.proxy.store.get('payments', id))?.checkAttempts),
      );
      expect(attempts.sort()).toEqual([0, 1]);
    } finally {
      world.sandbox.stop();
      await world.proxy.close();
      await db.close();
    }
  });

  it('ends the live-event streams; endStreams() ends them, and any opened later, before close', async () => {
    const db = await createTestPgliteDb();
    const world = await createWorld(db, { sandbox: { startTime: NOW }, proxy: { now: () => NOW } });
    const open = async () => {
      const res = await world.proxy.fetch(
        new Request(`${SHOP}${API_PREFIX}/events`, { headers: { 'x-test-user': 'close-sse' } }),
      );
      expect(res.status).toBe(200);
      return res.body!.getReader();
    };
    /** Reads the stream to its end: what it sent, or 'open' when it is still open after 2 s. */
    const readToEnd = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
      const decoder = new TextDecoder();
      let text = '';
      const end = Date.now() + 2_000;
      while (Date.now() < end) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), end - Date.now())),
        ]);
        if (chunk === 'open') return 'open';
        if (chunk.done) return text;
        text += decoder.decode(chunk.value, { stream: true });
      }
      return 'open';
    };
    try {
      const first = await open();
      const ready = await first.read();
      expect(new TextDecoder().decode(ready.value)).toMatch(/^event: ready/);
      world.proxy.endStreams();
      expect(await readToEnd(first)).toBe('');
      // A stream opened after (a keep-alive connection's next request) ends at once, with no `ready`.
      expect(await readToEnd(await open())).toBe('');
    } finally {
      world.sandbox.stop();
      await world.proxy.close();
      await db.close();
    }
  });
});
