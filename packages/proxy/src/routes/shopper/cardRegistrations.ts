import { AyoError, cardRegistrationIdSchema, createCardRegistrationRequest } from '@ayokit/core';
import { Hono } from 'hono';
import { refreshCardRegistration, startCardRegistration } from '../../flows/cardRegistration';
import { parseParam, readJson } from '../../http/errors';
import { assertReturnUrl, idempotencyKey } from '../../http/guards';
import { cardRegistrationView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';

/** Saving a card on the gateway's page: start, then its status. */
export function cardRegistrationRoutes({ ctx, allowedOrigins, limits }: RouteDeps) {
  return new Hono<ShopperEnv>()
    .post('/', async (c) => {
      const user = c.get('user');
      const key = idempotencyKey(c);
      const input = await readJson(c, createCardRegistrationRequest);
      assertReturnUrl(allowedOrigins, input.returnUrl);
      await limits.bindings.hit(user.id);
      const row = await startCardRegistration(ctx, user, input, key);
      return c.json({ cardRegistration: cardRegistrationView(row) }, 201);
    })
    .get('/:id', async (c) => {
      const id = parseParam(cardRegistrationIdSchema, c.req.param('id'), 'id');
      let row = await ctx.store.getOwned('card_registrations', id, c.get('user').id);
      if (!row) throw new AyoError('NOT_FOUND', 'No such card registration.');
      if (row.status === 'in_progress' && ctx.now() - row.updatedAt.getTime() > 2_000) {
        row = await refreshCardRegistration(ctx, row);
      }
      return c.json({ cardRegistration: cardRegistrationView(row) });
    });
}
