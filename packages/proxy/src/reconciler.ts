import type { FlowContext } from './context';
import { refreshBinding } from './flows/binding';
import { refreshCardRegistration } from './flows/cardRegistration';
import { checkPayment } from './flows/payment';
import { checkRefund } from './flows/refund';
import { checkUnbinding } from './flows/unbinding';

/**
 * Converges without callbacks: every row still waiting on the bank has a `next_check_at`; when
 * it is due, ask the inquiry/status API. One pass handles what is due now.
 */
export async function reconcileOnce(ctx: FlowContext): Promise<number> {
  const now = new Date(ctx.now());
  let handled = 0;
  const run = async <T>(rows: T[], check: (row: T) => Promise<unknown>) => {
    for (const row of rows) {
      try {
        await check(row);
      } catch (err) {
        ctx.log('error', 'reconcile failed', { error: (err as Error).message });
      }
      handled++;
    }
  };
  await run(await ctx.store.due('bindings', now), (r) => refreshBinding(ctx, r));
  await run(await ctx.store.due('card_registrations', now), (r) => refreshCardRegistration(ctx, r));
  await run(await ctx.store.due('payments', now), (r) => checkPayment(ctx, r));
  await run(await ctx.store.due('refunds', now), (r) => checkRefund(ctx, r));
  await run(await ctx.store.due('unbindings', now), (r) => checkUnbinding(ctx, r));
  return handled;
}
