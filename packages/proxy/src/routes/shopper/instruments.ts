import { AyoError, instrumentIdSchema, updateInstrumentRequest } from '@ayokit/core';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { methodOf } from '../../flows/methods';
import { startUnbinding } from '../../flows/unbinding';
import { parseParam, readJson } from '../../http/errors';
import { idempotencyKey } from '../../http/guards';
import { instrumentView, unbindingView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';

/** The shopper's saved bank accounts and cards: list, make default, unbind. */
export function instrumentRoutes({ ctx }: RouteDeps) {
  const { store } = ctx;
  return new Hono<ShopperEnv>()
    .get('/', async (c) => {
      const rows = await store.list('instruments', { userId: c.get('user').id }, 'created_at ASC');
      const instruments = [];
      for (const row of rows) {
        if (row.status === 'unbound') continue;
        // A card is expired after the end of its expiry month, whether or not anyone told us.
        const status = await methodOf(row).currentStatus(ctx, row);
        instruments.push(instrumentView({ ...row, status }));
      }
      return c.json({ instruments });
    })
    .patch('/:id', async (c) => {
      const user = c.get('user');
      const id = parseParam(instrumentIdSchema, c.req.param('id'), 'id');
      await readJson(c, updateInstrumentRequest);
      const row = await store.getOwned('instruments', id, user.id);
      if (!row || row.status === 'unbound') throw new AyoError('NOT_FOUND', 'No such saved account.');
      const updated = await store.transaction(async (tx) => {
        await tx.query(
          'UPDATE instruments SET is_default = false, updated_at = $3 WHERE user_id = $1 AND id <> $2 AND is_default',
          [user.id, id, new Date(ctx.now())],
        );
        return store.update('instruments', id, { isDefault: true }, {}, tx);
      });
      return c.json({ instrument: instrumentView(updated!) });
    })
    .post('/:id/unbind', async (c) => {
      const user = c.get('user');
      const id = parseParam(instrumentIdSchema, c.req.param('id'), 'id');
      const key = idempotencyKey(c);
      await readJson(c, z.strictObject({}));
      const row = await store.getOwned('instruments', id, user.id);
      if (!row) throw new AyoError('NOT_FOUND', 'No such saved account.');
      const unbinding = await startUnbinding(ctx, row, key);
      return c.json({ unbinding: unbindingView(unbinding) }, 201);
    });
}
