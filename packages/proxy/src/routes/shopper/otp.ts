import { submitOtpRequest } from '@ayokit/core';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { requireCapability } from '../../capabilities';
import type { FlowContext } from '../../context';
import { resendOtp } from '../../flows/shared';
import { readJson } from '../../http/errors';
import type { Tables } from '../../store/rows';
import type { RouteDeps, ShopperEnv } from '../types';

/**
 * `POST /:id/otp` and `/:id/otp/resend` of a payment or an unbinding waiting on the bank's OTP:
 * the shopper's own row only, counted against their OTP limit before the bank is asked. A resend is
 * refused (NOT_SUPPORTED) when the profile's `capabilities.otpResend` is off.
 */
export function otpRoutes<T extends 'payments' | 'unbindings', K extends string>(
  { ctx, limits }: RouteDeps,
  flow: {
    table: T;
    key: K;
    owned: (id: string | undefined, userId: string) => Promise<Tables[T]>;
    submit: (ctx: FlowContext, row: Tables[T], otp: string) => Promise<Tables[T]>;
    view: (row: Tables[T]) => unknown;
  },
) {
  return new Hono<ShopperEnv>()
    .post('/:id/otp', async (c) => {
      const user = c.get('user');
      const { otp } = await readJson(c, submitOtpRequest);
      const row = await flow.owned(c.req.param('id'), user.id);
      await limits.otp.hit(user.id);
      return c.json({ [flow.key]: flow.view(await flow.submit(ctx, row, otp)) });
    })
    .post('/:id/otp/resend', async (c) => {
      // Without the provider's API: refused first, not counted against the shopper's OTP limit.
      requireCapability(ctx, 'otpResend');
      const user = c.get('user');
      await readJson(c, z.strictObject({}));
      const row = await flow.owned(c.req.param('id'), user.id);
      await limits.otp.hit(user.id);
      return c.json({ [flow.key]: flow.view(await resendOtp(ctx, flow.table, row)) });
    });
}
