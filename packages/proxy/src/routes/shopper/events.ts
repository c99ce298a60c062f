import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENTS_PAGE } from '../../events';
import type { RouteDeps, ShopperEnv } from '../types';

/** Live events of this shopper's own resources (SSE, resumable with Last-Event-ID). */
export function eventRoutes({ ctx, hub }: RouteDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const user = c.get('user');
    const lastHeader = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const last =
      lastHeader && /^\d{1,15}$/.test(lastHeader) ? Number(lastHeader) : await ctx.store.lastEventId(user.id);
    return streamSSE(c, async (stream) => {
      let cursor = last;
      let wake: (() => void) | null = null;
      // Set by a notification (or the abort) that arrives while the loop reads or writes, so
      // that it is not lost: the loop then reads again instead of sleeping.
      let poked = false;
      const poke = () => {
        poked = true;
        wake?.();
      };
      const unsubscribe = hub.subscribe(user.id, poke);
      stream.onAbort(() => {
        unsubscribe();
        poke();
      });
      // Once `ready` is out, every later event is pushed: nothing falls between read and LISTEN.
      await hub.listening();
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ lastEventId: cursor }),
        id: String(cursor),
      });
      while (!stream.aborted && !stream.closed) {
        poked = false;
        const page = await hub.read(user.id, cursor, EVENTS_PAGE);
        for (const e of page) {
          cursor = e.id;
          await stream.writeSSE({
            id: String(e.id),
            event: e.event.type,
            data: JSON.stringify(e.event.data),
          });
        }
        // A full page: more may be waiting (a stream resumed from far back); read on at once.
        if (page.length >= EVENTS_PAGE) poked = true;
        // Sleep until woken by a notification, or 15 s for a heartbeat (and a safety re-read).
        await new Promise<void>((resolve) => {
          if (poked) return resolve();
          const timer = setTimeout(resolve, 15_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (!stream.aborted) await stream.write(': ping\n\n');
      }
      unsubscribe();
    });
  });
}
