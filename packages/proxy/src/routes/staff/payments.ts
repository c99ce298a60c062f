import {
  AyoError,
  capturePaymentRequest,
  createRefundRequest,
  paymentIdSchema,
  staffListPaymentsQuery,
  voidPaymentRequest,
} from '@ayokit/core';
import { Hono } from 'hono';
import { invalid, parseParam, readJson } from '../../http/errors';
import { idempotencyKey, requireRole } from '../../http/guards';
import {
  capturePaymentAs,
  recordAudit,
  refundPayment,
  searchPayments,
  voidPaymentAs,
} from '../../merchant/actions';
import { refundView, staffPaymentView } from '../../views';
import type { RouteDeps, StaffEnv } from '../types';

/**
 * The back office's payments: search and read any shopper's (role `read`), refund (`refund`),
 * capture and void holds (`capture`, `void`). Each money action is audited with who did it.
 */
export function staffPaymentRoutes({ ctx }: RouteDeps) {
  const actor = (c: { get: (k: 'staff') => { id: string; name?: string | undefined } }) => {
    const staff = c.get('staff');
    return { type: 'staff' as const, id: staff.id, name: staff.name ?? null };
  };
  const paymentId = (id: string | undefined) => parseParam(paymentIdSchema, id, 'id');
  /** Only staff with this role; an attempt without it, on a real payment, is in the audit trail too. */
  const may = (action: 'refund' | 'capture' | 'void') =>
    requireRole(action, async (c) => {
      const id = paymentIdSchema.safeParse(c.req.param('id'));
      if (!id.success || !(await ctx.store.get('payments', id.data))) return;
      const entry = { action, paymentId: id.data, amount: null, reason: null };
      await recordAudit(ctx, actor(c), entry, { result: 'refused', errorCode: 'FORBIDDEN', refundId: null });
    });
  return new Hono<StaffEnv>()
    .get('/', requireRole('read'), async (c) => {
      const parsed = staffListPaymentsQuery.safeParse(c.req.query());
      if (!parsed.success) throw invalid(parsed.error, 'query');
      return c.json({ payments: (await searchPayments(ctx, parsed.data)).map(staffPaymentView) });
    })
    .get('/:id', requireRole('read'), async (c) => {
      const row = await ctx.store.get('payments', paymentId(c.req.param('id')));
      if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
      return c.json({ payment: staffPaymentView(row) });
    })
    .get('/:id/refunds', requireRole('read'), async (c) => {
      const id = paymentId(c.req.param('id'));
      if (!(await ctx.store.get('payments', id))) throw new AyoError('NOT_FOUND', 'No such payment.');
      const rows = await ctx.store.list('refunds', { paymentId: id }, 'created_at ASC');
      return c.json({ refunds: rows.map(refundView) });
    })
    .post('/:id/refunds', may('refund'), async (c) => {
      const id = paymentId(c.req.param('id'));
      const key = idempotencyKey(c);
      const input = await readJson(c, createRefundRequest);
      return c.json({ refund: refundView(await refundPayment(ctx, actor(c), id, input, key)) }, 201);
    })
    .post('/:id/capture', may('capture'), async (c) => {
      const id = paymentId(c.req.param('id'));
      const key = idempotencyKey(c);
      const input = await readJson(c, capturePaymentRequest);
      return c.json({ payment: staffPaymentView(await capturePaymentAs(ctx, actor(c), id, input, key)) });
    })
    .post('/:id/void', may('void'), async (c) => {
      const id = paymentId(c.req.param('id'));
      const key = idempotencyKey(c);
      const input = await readJson(c, voidPaymentRequest);
      return c.json({ payment: staffPaymentView(await voidPaymentAs(ctx, actor(c), id, input, key)) });
    });
}
