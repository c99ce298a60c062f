import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import type { Db, Queryable } from '../src/db/types';
import { createWorld, type World } from './harness';

/**
 * Database round trips per payment, counted statement by statement: the proxy's cost on PGlite
 * (one connection) is mostly its statements. A change that adds one fails here, on purpose:
 * raise the budget only with a reason.
 */
function counting(db: Db) {
  const seen: string[] = [];
  let on = false;
  const note = (sql: string) => {
    if (on) seen.push(sql.replace(/\s+/g, ' ').trim().slice(0, 80));
  };
  const wrapQ = <Q extends Queryable>(q: Q): Q =>
    new Proxy(q, {
      get(target, prop, receiver) {
        if (prop === 'query')
          return (sql: string, params?: never) => {
            note(sql);
            return target.query(sql, params);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query') return wrapQ(target).query;
      if (prop === 'notify')
        return (channel: string, payload: string) => {
          note(`NOTIFY ${channel}`);
          return target.notify(channel, payload);
        };
      if (prop === 'transaction')
        return <T>(fn: (tx: never) => Promise<T>) => {
          note('BEGIN');
          return target.transaction((tx) => fn(wrapQ(tx) as never)).finally(() => note('COMMIT'));
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  return {
    db: wrapped,
    measure: async (fn: () => Promise<void>) => {
      seen.length = 0;
      on = true;
      try {
        await fn();
      } finally {
        on = false;
      }
      return [...seen];
    },
  };
}

describe('database round trips per payment (PGlite)', () => {
  let db: Db;
  let world: World;
  let counter: ReturnType<typeof counting>;
  beforeAll(async () => {
    db = await createTestPgliteDb();
    counter = counting(db);
    world = await createWorld(counter.db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('pays a checkout in 11 statements (BEGIN and COMMIT counted) and settles it by callback in 6', async () => {
    const shopper = world.as('round-trips');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1234500001' });
    const checkout = await world.proxy.checkouts.create({
      userId: 'round-trips',
      amount: 10_000,
      orderId: 'round-trips-1',
    });
    let status = '';
    const paying = await counter.measure(async () => {
      const res = await shopper.post<{ payment: { status: string } }>(`/checkouts/${checkout.id}/pay`, {
        instrumentId: binding.instrumentId,
      });
      status = res.body.payment.status;
    });
    expect(status).toBe('processing');
    // checkout + instrument; BEGIN, key, checkout FOR UPDATE, insert (the unique index stands for
    // the live-payment lookup), COMMIT; BEGIN,
    // the answer applied, its event (appended and announced at once), COMMIT. A status and its
    // event commit together: on PGlite that BEGIN … COMMIT costs what the two statements' own
    // commits did (about 0.6 ms either way); on PostgreSQL it saves a WAL flush.
    expect(paying, paying.join('\n')).toHaveLength(11);
    const settling = await counter.measure(() => world.settle());
    // seen-callback, the payment by reference; BEGIN, the update, its event, COMMIT. (Its
    // instrument is read only for a failure that may concern it.)
    expect(settling, settling.join('\n')).toHaveLength(6);
  });
});
