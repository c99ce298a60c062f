/**
 * The control API under /sandbox (test and demo modes only): virtual clock, flush, ledgers,
 * reset, test data and faults. Bad bodies answer 400 `{ code, message }`.
 */
import { snapTimestamp } from '@ayokit/core/snap';
import { Hono } from 'hono';
import type { CardLedgerEntry } from './domain/cardPayments';
import type { LedgerEntry } from './domain/payments';
import { type Fault, type FaultControl, parseFault } from './faults';
import { TEST_DATA } from './testData';

/** The largest single clock advance: ten years. */
export const MAX_ADVANCE_SECONDS = 10 * 366 * 86_400;

export interface ControlTarget {
  clock: { now(): number; advance(seconds: number): Promise<void> };
  flush(): Promise<void>;
  ledger(): LedgerEntry[];
  cardLedger(): CardLedgerEntry[];
  reset(): void;
  faults: FaultControl;
}

function badRequest(message: string): Response {
  return Response.json({ code: 'invalid_request', message }, { status: 400 });
}

async function jsonBody(req: Request): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const text = await req.text();
  if (text.trim() === '') return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function clockView(now: number): { now: number; iso: string } {
  return { now, iso: snapTimestamp(now) };
}

export function controlRoutes(target: ControlTarget): Hono {
  const app = new Hono();

  app.get('/clock', (c) => c.json(clockView(target.clock.now())));

  app.post('/clock/advance', async (c) => {
    const parsed = await jsonBody(c.req.raw);
    if (!parsed.ok) return badRequest('The body must be JSON: { "seconds": number }');
    const seconds = (parsed.body as { seconds?: unknown } | null)?.seconds;
    if (
      typeof seconds !== 'number' ||
      !Number.isFinite(seconds) ||
      seconds <= 0 ||
      seconds > MAX_ADVANCE_SECONDS
    ) {
      return badRequest(`seconds must be a positive number up to ${MAX_ADVANCE_SECONDS} (ten years)`);
    }
    await target.clock.advance(seconds);
    return c.json(clockView(target.clock.now()));
  });

  app.post('/flush', async (c) => {
    await target.flush();
    return c.json({ ok: true });
  });

  app.get('/ledger', (c) => c.json(target.ledger()));

  app.get('/card-ledger', (c) => c.json(target.cardLedger()));

  app.post('/reset', (c) => {
    target.reset();
    return c.json({ ok: true });
  });

  app.get('/test-data', (c) => c.json(TEST_DATA));

  app.get('/faults', (c) => c.json(target.faults.list()));

  app.post('/faults', async (c) => {
    const parsed = await jsonBody(c.req.raw);
    if (!parsed.ok) return badRequest('The body must be a JSON fault');
    const fault = parseFault(parsed.body);
    if (!fault.ok) return badRequest(fault.message);
    const added: Fault = target.faults.add(fault.value);
    return c.json(added, 201);
  });

  app.delete('/faults', (c) => {
    target.faults.clear();
    return c.json({ ok: true });
  });

  app.delete('/faults/:id', (c) => {
    if (!target.faults.remove(c.req.param('id'))) {
      return c.json({ code: 'not_found', message: 'No such fault' }, 404);
    }
    return c.json({ ok: true });
  });

  return app;
}
