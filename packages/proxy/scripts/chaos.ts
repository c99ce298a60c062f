/**
 * `pnpm chaos [--seed N] [--count N] [--faults 0.3] [--concurrency 4] [--no-order-events]`: the
 * long form of the chaos test (`--no-order-events`: without the merchant's `onEvent` and webhook,
 * so that every status moves by one statement with its live event). Uses PostgreSQL when
 * DATABASE_URL is set, otherwise embedded PGlite (in memory).
 * Exits non-zero on any double charge, lost or phantom payment, unresolved journey or refund
 * problem.
 */
import { parseArgs } from 'node:util';
import { createPgliteDb } from '../src/db/pglite';
import { createPostgresDb } from '../src/db/postgres';
import { formatReport, runChaos } from '../test/chaos';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    count: { type: 'string', default: '10000' },
    faults: { type: 'string', default: '0.3' },
    concurrency: { type: 'string', default: '4' },
    'no-order-events': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const journeys = Number(values.count);
const faultRate = Number(values.faults);
const concurrency = Number(values.concurrency);
if (![seed, journeys, faultRate, concurrency].every(Number.isFinite) || faultRate < 0 || faultRate > 1) {
  console.error(
    'usage: pnpm chaos [--seed N] [--count N] [--faults 0..1] [--concurrency N] [--no-order-events]',
  );
  process.exit(2);
}

const url = process.env.DATABASE_URL;
const db = url
  ? await createPostgresDb({ connectionString: url, schema: `chaos_${seed}_${Date.now()}` })
  : await createPgliteDb();
console.log(
  `chaos: ${journeys} journeys, seed ${seed}, faults ${faultRate * 100} %, on ${url ? 'PostgreSQL' : 'PGlite'}`,
);
const step = Math.max(1, Math.floor(journeys / 20));
const report = await runChaos(db, {
  seed,
  journeys,
  faultRate,
  concurrency,
  orderEvents: !values['no-order-events'],
  onProgress: (done) => {
    if (done % step === 0) process.stdout.write(`  ${done}/${journeys}\n`);
  },
});
await db.close();
console.log(formatReport(report));
for (const p of report.problems.slice(0, 20)) console.log(`  ! ${p}`);
const bad =
  report.doubleCharges +
  report.lostPayments +
  report.phantomPayments +
  report.unresolved +
  report.refundsOverCharge +
  report.refundMismatches +
  report.moneyMovedByAttacks +
  report.problems.length;
process.exit(bad === 0 ? 0 : 1);
