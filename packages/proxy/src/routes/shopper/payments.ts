import { AyoError, listPaymentsQuery, paymentIdSchema } from '@ayokit/core';
import { Hono } from 'hono';
import { checkPayment, submitPaymentOtp } from '../../flows/payment';
import { invalid, parseParam } from '../../http/errors';
import { searchPayments } from '../../merchant/actions';
import { paymentView, refundView } from '../../views';
import type { RouteDeps, ShopperEnv } from '../types';
import { otpRoutes } from './otp';

/**
 * The shopper's own payments: status, history, the OTP the bank asks for, and the refunds made to
 * them (read only: refunds, captures and voids belong to the merchant's server and its staff).
 */
export function paymentRoutes(deps: RouteDeps) {
  const { ctx } = deps;
  const { store } = ctx;
  const owned = async (id: string | undefined, userId: string) => {
    const row = await store.getOwned('payments', parseParam(paymentIdSchema, id, 'id'), userId);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    return row;
  };
  return new Hono<ShopperEnv>()
    .get('/', async (c) => {
      const parsed = listPaymentsQuery.safeParse(c.req.query());
      if (!parsed.success) throw invalid(parsed.error, 'query');
      // Filtered before the limit: the newest `limit` of this user's payments in that status.
      const rows = await searchPayments(ctx, {
        userId: c.get('user').id,
        status: parsed.data.status,
        limit: parsed.data.limit,
      });
      return c.json({ payments: rows.map(paymentView) });
    })
    .get('/:id', async (c) => {
      let row = await owned(c.req.param('id'), c.get('user').id);
      if (
        (row.status === 'processing' || row.status === 'created' || row.status === 'authorized') &&
        row.nextCheckAt &&
        row.nextCheckAt.getTime() <= ctx.now()
      ) {
        row = await checkPayment(ctx, row);
      }
      return c.json({ payment: paymentView(row) });
    })
    .route(
      '/',
      otpRoutes(deps, {
        table: 'payments',
        key: 'payment',
        owned,
        submit: submitPaymentOtp,
        view: paymentView,
      }),
    )
    .get('/:id/refunds', async (c) => {
      const user = c.get('user');
      const payment = await owned(c.req.param('id'), user.id);
      const rows = await store.list('refunds', { paymentId: payment.id, userId: user.id }, 'created_at ASC');
      return c.json({ refunds: rows.map(refundView) });
    });
}
