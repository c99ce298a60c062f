import { bankViews } from '@ayokit/core';
import { Hono } from 'hono';
import type { RouteDeps, ShopperEnv } from '../types';

/** The banks as this shopper sees them (which they may bind now). */
export function bankRoutes({ ctx }: RouteDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const mine = (await ctx.store.list('instruments', { userId: c.get('user').id })).filter(
      (i) => i.status !== 'unbound',
    );
    return c.json({ banks: bankViews(mine.flatMap((i) => (i.type === 'bank_account' ? [i.bankCode] : []))) });
  });
}
