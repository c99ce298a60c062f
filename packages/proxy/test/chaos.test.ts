import { describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import { type ChaosOptions, type ChaosReport, formatReport, runChaos } from './chaos';

/** A chaos run on a fresh PGlite, its report printed. */
async function chaos(options: ChaosOptions): Promise<ChaosReport> {
  const db = await createTestPgliteDb();
  try {
    const report = await runChaos(db, options);
    console.log(formatReport(report));
    return report;
  } finally {
    await db.close();
  }
}

/** What every run must hold, whatever it injected: no money wrong, nothing left unresolved. */
function expectSound(report: ChaosReport): void {
  expect(report.problems).toEqual([]);
  expect(report.doubleCharges).toBe(0);
  expect(report.lostPayments).toBe(0);
  expect(report.unresolved).toBe(0);
  expect(report.moneyMovedByAttacks).toBe(0);
}

// The checks of the checker (sabotaged runs) are in chaosChecks.test.ts: a file of their own runs
// beside this one, the longest test of the suite, instead of after it in the same worker.
describe('chaos: randomised journeys under injected faults', () => {
  it('never double-charges, never loses a payment, resolves every journey (Direct Debit and card, seed 1, 150 journeys, 30 % faults)', async () => {
    const report = await chaos({ seed: 1, journeys: 150, faultRate: 0.3 });
    expectSound(report);
    // The run did what it claims: faults, restarts, charges, cards, attacks.
    expect(report.faultsInjected).toBeGreaterThan(50);
    expect(report.restarts).toBeGreaterThan(0);
    expect(report.charged).toBeGreaterThan(50);
    expect(report.cardJourneys).toBeGreaterThan(30);
    expect(report.attacks).toBeGreaterThan(20);
  }, 120_000);

  it('holds the same with no order events: every status moves by one statement with its live event (seed 2, 100 journeys)', async () => {
    const report = await chaos({ seed: 2, journeys: 100, faultRate: 0.3, orderEvents: false });
    expectSound(report);
    expect(report.faultsInjected).toBeGreaterThan(30);
    expect(report.charged).toBeGreaterThan(30);
    expect(report.events.recorded).toBe(0);
  }, 120_000);
});
