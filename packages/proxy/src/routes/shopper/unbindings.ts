import { AyoError, submitOtpRequest, unbindingIdSchema } from '@ayokit/core';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { resendOtp } from '../../flows/shared';
import { submitUnbindingOtp } from '../../flows/unbinding';
import { parseParam, readJson } from '../../http/errors';
import { unbindingView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';

/** An unbinding's status and its OTP (when the bank asks for one). */
export function unbindingRoutes({ ctx, limits }: RouteDeps) {
  const owned = async (id: string | undefined, userId: string) => {
    const row = await ctx.store.getOwned('unbindings', parseParam(unbindingIdSchema, id, 'id'), userId);
    if (!row) throw new AyoError('NOT_FOUND', 'No such unbinding.');
    return row;
  };
  return new Hono<ShopperEnv>()
    .get('/:id', async (c) =>
      c.json({ unbinding: unbindingView(await owned(c.req.param('id'), c.get('user').id)) }),
    )
    .post('/:id/otp', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      const { otp } = await readJson(c, submitOtpRequest);
      const row = await owned(id, user.id);
      await limits.otp.hit(user.id);
      return c.json({ unbinding: unbindingView(await submitUnbindingOtp(ctx, row, otp)) });
    })
    .post('/:id/otp/resend', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      await readJson(c, z.strictObject({}));
      const row = await owned(id, user.id);
      await limits.otp.hit(user.id);
      return c.json({ unbinding: unbindingView(await resendOtp(ctx, 'unbindings', row)) });
    });
}
