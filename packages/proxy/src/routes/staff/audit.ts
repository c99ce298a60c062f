import { auditQuery } from '@ayokit/core';
import { Hono } from 'hono';
import { invalid } from '../../http/errors';
import { requireRole } from '../../http/guards';
import { auditTrail } from '../../merchant/actions';
import { auditView } from '../../views';
import type { RouteDeps, StaffEnv } from '../types';

/** Who refunded, captured or voided what, when, and how it ended; newest first. */
export function auditRoutes({ ctx }: RouteDeps) {
  return new Hono<StaffEnv>().get('/', requireRole('read'), async (c) => {
    const parsed = auditQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalid(parsed.error, 'query');
    return c.json({ entries: (await auditTrail(ctx, parsed.data)).map(auditView) });
  });
}
