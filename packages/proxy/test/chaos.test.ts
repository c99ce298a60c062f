import { describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import { formatReport, runChaos } from './chaos';

// The checks of the checker (sabotaged runs) are in chaosChecks.test.ts: a file of their own runs
// beside this one, the longest test of the suite, instead of after it in the same worker.
describe('chaos: randomised journeys under injected faults', () => {
  it('never double-charges, never loses a payment, resolves every journey (Direct Debit and card, seed 1, 150 journeys, 30 % faults)', async () => {
    const db = await createTestPgliteDb();
    try {
      const report = await runChaos(db, { seed: 1, journeys: 150, faultRate: 0.3 });
      console.log(formatReport(report));
      expect(report.problems).toEqual([]);
      expect(report.faultsInjected).toBeGreaterThan(50);
      expect(report.restarts).toBeGreaterThan(0);
      expect(report.charged).toBeGreaterThan(50);
      expect(report.cardJourneys).toBeGreaterThan(30);
      expect(report.doubleCharges).toBe(0);
      expect(report.lostPayments).toBe(0);
      expect(report.unresolved).toBe(0);
      expect(report.attacks).toBeGreaterThan(20);
      expect(report.moneyMovedByAttacks).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('holds the same with no order events: every status moves by one statement with its live event (seed 2, 100 journeys)', async () => {
    const db = await createTestPgliteDb();
    try {
      const report = await runChaos(db, { seed: 2, journeys: 100, faultRate: 0.3, orderEvents: false });
      console.log(formatReport(report));
      expect(report.problems).toEqual([]);
      expect(report.faultsInjected).toBeGreaterThan(30);
      expect(report.charged).toBeGreaterThan(30);
      expect(report.events.recorded).toBe(0);
      expect(report.doubleCharges).toBe(0);
      expect(report.lostPayments).toBe(0);
      expect(report.unresolved).toBe(0);
      expect(report.moneyMovedByAttacks).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
