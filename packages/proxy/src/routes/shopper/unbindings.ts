import { AyoError, unbindingIdSchema } from '@ayokit/core';
import { Hono } from 'hono';
import { submitUnbindingOtp } from '../../flows/unbinding';
import { parseParam } from '../../http/errors';
import { unbindingView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';
import { otpRoutes } from './otp';

/** An unbinding's status and its OTP (when the bank asks for one). */
export function unbindingRoutes(deps: RouteDeps) {
  const { ctx } = deps;
  const owned = async (id: string | undefined, userId: string) => {
    const row = await ctx.store.getOwned('unbindings', parseParam(unbindingIdSchema, id, 'id'), userId);
    if (!row) throw new AyoError('NOT_FOUND', 'No such unbinding.');
    return row;
  };
  return new Hono<ShopperEnv>()
    .get('/:id', async (c) =>
      c.json({ unbinding: unbindingView(await owned(c.req.param('id'), c.get('user').id)) }),
    )
    .route(
      '/',
      otpRoutes(deps, {
        table: 'unbindings',
        key: 'unbinding',
        owned,
        submit: submitUnbindingOtp,
        view: unbindingView,
      }),
    );
}
