/** The reconciler's passes (two instances sharing the work: scaleOut.test.ts). */
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { createWorld } from './harness';

/** The proxy's clock, standing still (as a merchant's tests may hold it). */
const NOW = Date.UTC(2030, 0, 15, 3, 0, 0);

describe.each(dbEngines)('a reconciler pass on $name', (engine) => {
  it('checks each due row once, though its check makes it due again at once (no retry delay)', async () => {
    const db = await engine.create();
    const world = await createWorld(db, {
      sandbox: { startTime: NOW },
      proxy: { now: () => NOW, reconcile: { intervalMs: 0, callbackGraceMs: 0, retryBaseMs: 0 } },
    });
    try {
      const shopper = world.as('rc-once');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '6060602001' });
      // The bank settles in ten minutes: each check hears "still processing" and, with no delay,
      // makes the payment due again at this very moment.
      world.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 600 });
      const ids: string[] = [];
      for (const amount of [10_000, 11_000, 12_000]) {
        const res = await shopper.pay<{ payment: { id: string; status: string } }>({
          instrumentId: binding.instrumentId!,
          amount,
        });
        expect(res.body.payment.status).toBe('processing');
        ids.push(res.body.payment.id);
      }
      const asked = () => world.proxy.client.stats.byEndpoint.paymentStatus ?? 0;
      const attempts = () =>
        Promise.all(ids.map(async (id) => (await world.proxy.store.get('payments', id))?.checkAttempts));
      const before = asked();
      expect(await world.proxy.reconcile()).toBe(3);
      expect(asked() - before).toBe(3);
      expect(await attempts()).toEqual([1, 1, 1]);
      // Due again (now): the next pass asks about each once more.
      expect(await world.proxy.reconcile()).toBe(3);
      expect(asked() - before).toBe(6);
      expect(await attempts()).toEqual([2, 2, 2]);
    } finally {
      await world.close();
      await db.close();
    }
  });
});
