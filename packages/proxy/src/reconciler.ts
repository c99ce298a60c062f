import type { FlowContext } from './context';
import { refreshBinding } from './flows/binding';
import { refreshCardRegistration } from './flows/cardRegistration';
import { checkPayment } from './flows/payment';
import { checkRefund } from './flows/refund';
import { checkUnbinding } from './flows/unbinding';
import type { TableName, Tables } from './store/rows';

/** At most this many rows of each kind per pass. */
const ROWS_PER_PASS = 50;

/**
 * Converges without callbacks: every row still waiting on the bank has a `next_check_at`; when
 * it is due, ask the inquiry/status API. One pass handles what is due now, one row at a time, each
 * claimed for `claimMs` before its check (see `Store.due`): other instances running their own
 * passes skip it, so the bank is asked once however many proxies share the database. `claimMs`
 * must outlast a check's upstream calls.
 */
export async function reconcileOnce(
  ctx: FlowContext,
  claimMs: number,
  /** True once the proxy is closing: the pass ends after the row in hand, the rest left for later. */
  stopping: () => boolean = () => false,
): Promise<number> {
  let handled = 0;
  const run = async <T extends TableName>(table: T, check: (row: Tables[T]) => Promise<unknown>) => {
    const now = new Date(ctx.now());
    // Each row once a pass: a check may make its row due again at once (a clock that stands still,
    // a retry or grace of 0), and it waits for the next pass as it did before rows were claimed.
    const checked: string[] = [];
    for (let i = 0; i < ROWS_PER_PASS && !stopping(); i++) {
      // Due at the pass's start; claimed from the clock's time now (the checks before took some).
      const [row] = await ctx.store.due(table, now, new Date(ctx.now() + claimMs), 1, checked);
      if (!row) return;
      checked.push(row.id);
      try {
        await check(row);
      } catch (err) {
        ctx.log('error', 'reconcile failed', { error: (err as Error).message });
      }
      handled++;
    }
  };
  await run('bindings', (r) => refreshBinding(ctx, r));
  await run('card_registrations', (r) => refreshCardRegistration(ctx, r));
  await run('payments', (r) => checkPayment(ctx, r));
  await run('refunds', (r) => checkRefund(ctx, r));
  await run('unbindings', (r) => checkUnbinding(ctx, r));
  return handled;
}
