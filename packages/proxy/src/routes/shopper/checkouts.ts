import { AyoError, checkoutIdSchema, payCheckoutRequest } from '@ayokit/core';
import { Hono } from 'hono';
import { livePaymentOf, payCheckout } from '../../flows/checkout';
import { parseParam, readJson } from '../../http/errors';
import { idempotencyKey } from '../../http/guards';
import { checkoutView, paymentView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';

/**
 * Checkouts the merchant's server made for this shopper: read one, pay it with one of their own
 * instruments. The browser names nothing else: the amount, order and mode are the checkout's.
 */
export function checkoutRoutes({ ctx }: RouteDeps) {
  return new Hono<ShopperEnv>()
    .get('/:id', async (c) => {
      const id = parseParam(checkoutIdSchema, c.req.param('id'), 'id');
      const row = await ctx.store.getOwned('checkouts', id, c.get('user').id);
      if (!row) throw new AyoError('NOT_FOUND', 'No such checkout.');
      return c.json({ checkout: checkoutView(row, await livePaymentOf(ctx, id), ctx.now()) });
    })
    .post('/:id/pay', async (c) => {
      const checkoutId = parseParam(checkoutIdSchema, c.req.param('id'), 'id');
      const key = idempotencyKey(c);
      const { instrumentId } = await readJson(c, payCheckoutRequest);
      const row = await payCheckout(ctx, c.get('user').id, { checkoutId, instrumentId }, key);
      return c.json({ payment: paymentView(row) }, 201);
    });
}
