import { describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import { runChaos } from './chaos';

describe('chaos: randomised journeys under injected faults', () => {
  it('the ledger check catches a double charge (a client paying twice without the same key)', async () => {
    const db = await createTestPgliteDb();
    try {
      const report = await runChaos(db, {
        seed: 2,
        journeys: 12,
        faultRate: 0,
        sabotage: 'payTwiceWithNewKey',
      });
      expect(report.doubleCharges).toBeGreaterThan(0);
      expect(report.problems.some((p) => /charged 2 times/.test(p))).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);

  it("the attack check catches a charge not at its checkout's price and a refund nobody authorised", async () => {
    const db = await createTestPgliteDb();
    try {
      const report = await runChaos(db, {
        seed: 3,
        journeys: 30,
        faultRate: 0,
        sabotage: 'moneyBehindTheProxy',
      });
      expect(report.attacks).toBeGreaterThan(0);
      expect(report.problems.some((p) => /is not its checkout's/.test(p))).toBe(true);
      expect(report.problems.some((p) => /has no staff or server action behind it/.test(p))).toBe(true);
      expect(report.moneyMovedByAttacks).toBeGreaterThanOrEqual(2);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('the event check catches a lost order event', async () => {
    const db = await createTestPgliteDb();
    try {
      const report = await runChaos(db, { seed: 3, journeys: 12, faultRate: 0, sabotage: 'loseAnEvent' });
      expect(report.doubleCharges).toBe(0);
      expect(report.problems).toContain('event: the targets were given different events');
      // Lost before or after it arrived, the webhook's record and the payment's disagree.
      expect(report.problems.some((p) => p.startsWith('event: webhook'))).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);
});
