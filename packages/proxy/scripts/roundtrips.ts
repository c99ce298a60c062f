// temp: count DB round trips per payment
import { createPgliteDb } from '../src';
import type { Db } from '../src/db/types';
import { createWorld } from '../test/harness';

const counts = new Map<string, number>();
let total = 0;
let on = false;
function wrap(db: Db): Db {
  const count = (sql: string) => {
    if (!on) return;
    total++;
    const k = sql.replace(/\s+/g, ' ').slice(0, 110);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  return new Proxy(db, {
    get(target, prop, recv) {
      if (prop === 'query') return (sql: string, p?: unknown[]) => (count(sql), target.query(sql, p as never));
      if (prop === 'exec') return (sql: string) => (count(`EXEC ${sql}`), target.exec(sql));
      if (prop === 'notify') return (c: string, p: string) => (count(`NOTIFY ${c}`), target.notify(c, p));
      if (prop === 'transaction')
        return (fn: (tx: never) => Promise<unknown>) => {
          count('BEGIN/COMMIT');
          return target.transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(t, pr, r) {
                  if (pr === 'query') return (sql: string, p?: unknown[]) => (count(`tx: ${sql}`), t.query(sql, p as never));
                  return Reflect.get(t, pr, r);
                },
              }) as never,
            ),
          );
        };
      return Reflect.get(target, prop, recv);
    },
  });
}
const db = wrap(await createPgliteDb());
const world = await createWorld(db);
const shopper = world.as('rt-user');
const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '1234500001' });
const N = 20;
on = true;
for (let i = 0; i < N; i++) {
  const res = await shopper.pay<{ payment: { status: string } }>({ instrumentId: binding.instrumentId!, amount: 10_000 + i });
  if (i === 0) console.log('status', res.body.payment.status);
}
on = false;
console.log(`round trips per payment (request only): ${(total / N).toFixed(2)}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(String(v / N).padStart(6), k);
total = 0; counts.clear(); on = true;
await world.settle();
on = false;
console.log(`settle (callbacks) per payment: ${(total / N).toFixed(2)}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(String(v / N).padStart(6), k);
await world.close();
await db.close();
