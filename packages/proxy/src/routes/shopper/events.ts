import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENTS_PAGE } from '../../events';
import type { RouteDeps, ShopperEnv } from '../types';

/** How many of the events it sent a stream looks behind again, for one that committed late. */
const LOOK_BACK = 50;

/** Live events of this shopper's own resources (SSE, resumable with Last-Event-ID). */
export function eventRoutes({ ctx, hub }: RouteDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const user = c.get('user');
    const lastHeader = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const last =
      lastHeader && /^\d{1,15}$/.test(lastHeader) ? Number(lastHeader) : await ctx.store.lastEventId(user.id);
    return streamSSE(c, async (stream) => {
      // The proxy is shutting down: end at once, the browser reconnects (to another instance).
      if (hub.ended) return;
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
      // Ids are taken when a transaction appends its event, not when it commits: on two
      // connections (two proxy instances, or one under load) a later id can commit first. So each
      // read looks again behind the newest id sent, as far back as the last LOOK_BACK ids this
      // stream sent, and sends what it finds there unsent (an event that committed late).
      const sent: number[] = []; // ascending
      // Until the browser leaves, or the proxy ends every stream (`endStreams`, a shutdown): the
      // browser's EventSource then reconnects and resumes from the last id it got.
      while (!stream.aborted && !stream.closed && !hub.ended) {
        poked = false;
        const from = sent.length >= LOOK_BACK ? sent[sent.length - LOOK_BACK]! : last;
        const rows = await hub.read(user.id, from, EVENTS_PAGE);
        for (const e of rows) {
          if (sent.includes(e.id)) continue;
          cursor = Math.max(cursor, e.id);
          sent.push(e.id);
          sent.sort((a, b) => a - b);
          if (sent.length > 2 * LOOK_BACK) sent.splice(0, LOOK_BACK);
          await stream.writeSSE({
            id: String(e.id),
            event: e.event.type,
            data: JSON.stringify(e.event.data),
          });
        }
        // A full page: more may be waiting (a stream resumed from far back); read on at once.
        if (rows.length >= EVENTS_PAGE) poked = true;
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
        if (!stream.aborted && !hub.ended) await stream.write(': ping\n\n');
      }
      unsubscribe();
    });
  });
}
