import { AyoError, bindingIdSchema, createBindingRequest } from '@ayokit/core';
import { Hono } from 'hono';
import { refreshBinding, startBinding } from '../../flows/binding';
import { parseParam, readJson } from '../../http/errors';
import { assertReturnUrl, idempotencyKey } from '../../http/guards';
import { bindingView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';

/** Binding a bank account: start (the bank's page), then its status. */
export function bindingRoutes({ ctx, allowedOrigins, limits }: RouteDeps) {
  return new Hono<ShopperEnv>()
    .post('/', async (c) => {
      const user = c.get('user');
      const key = idempotencyKey(c);
      const input = await readJson(c, createBindingRequest);
      assertReturnUrl(allowedOrigins, input.returnUrl);
      await limits.bindings.hit(user.id);
      const row = await startBinding(ctx, user, input, key);
      return c.json({ binding: bindingView(row) }, 201);
    })
    .get('/:id', async (c) => {
      const id = parseParam(bindingIdSchema, c.req.param('id'), 'id');
      let row = await ctx.store.getOwned('bindings', id, c.get('user').id);
      if (!row) throw new AyoError('NOT_FOUND', 'No such binding.');
      // A status read is a good moment to ask the bank, if the last look is not fresh.
      if (
        (row.status === 'in_progress' || row.status === 'verification_pending') &&
        ctx.now() - row.updatedAt.getTime() > 2_000
      ) {
        row = await refreshBinding(ctx, row);
      }
      return c.json({ binding: bindingView(row) });
    });
}
