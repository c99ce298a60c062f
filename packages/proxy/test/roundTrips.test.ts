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

  it('pays a checkout in 7 statements (BEGIN and COMMIT counted) and settles it by callback in 2', async () => {
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
    // The instrument; BEGIN, key, the checkout (this user's) FOR UPDATE, insert (the unique index
    // stands for the live-payment lookup), COMMIT; the answer applied with its event, appended and
    // announced by the same statement (a statement is its own transaction: one commit, as before
    // with BEGIN … COMMIT around two statements).
    expect(paying, paying.join('\n')).toHaveLength(7);
    expect(paying.at(-1)).toMatch(/^WITH moved AS \(UPDATE payments /);
    const settling = await counter.measure(() => world.settle());
    // The callback marked seen and its payment found by reference (one statement), the update
    // with its event. (Its instrument is read only for a failure that may concern it.)
    expect(settling, settling.join('\n')).toHaveLength(2);
    expect(settling[0]).toMatch(/^WITH async AS \(SELECT set_config\('synchronous_commit'/);
  });
});
