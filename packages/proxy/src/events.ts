import type { LiveEvent } from '@ayokit/core';
import type { Queryable } from './db/types';
import type { Store, StoredEvent } from './store/store';

type Listener = () => void;

/** Events read from the table at a time; a full page is followed by another read at once. */
export const EVENTS_PAGE = 200;

/**
 * Fans the events table out to open SSE streams. A notification (LISTEN/NOTIFY, so it works
 * across proxy instances on one PostgreSQL) wakes the user's streams, which then read what is
 * new from the table; nothing is lost if a notification is.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private unlisten: Promise<() => Promise<void>> | null = null;
  private endedAll = false;

  constructor(private readonly store: Store) {}

  /** Appends the event, in `q`'s transaction when given (it is announced when that commits). */
  publish(userId: string, event: LiveEvent, q?: Queryable): Promise<number> {
    return this.store.appendEvent(userId, event, q);
  }

  subscribe(userId: string, onWake: Listener): () => void {
    this.unlisten ??= this.store.onEvent(({ userId: u }) => {
      for (const l of this.listeners.get(u) ?? []) l();
    });
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(onWake);
    return () => {
      set.delete(onWake);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** True once `end()` ran: every stream stops, and one opened later ends at once. */
  get ended(): boolean {
    return this.endedAll;
  }

  /** Ends every stream (woken, each sees `ended` and returns): a shutdown's first step. */
  end(): void {
    this.endedAll = true;
    for (const set of [...this.listeners.values()]) for (const l of [...set]) l();
  }

  /** Resolves once notifications reach subscribers (LISTEN is active); on failure, streams rely on their re-read. */
  listening(): Promise<void> {
    return (this.unlisten ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  read(userId: string, afterId: number, limit = EVENTS_PAGE): Promise<StoredEvent[]> {
    return this.store.eventsAfter(userId, afterId, limit);
  }

  async close(): Promise<void> {
    this.end();
    const stop = await this.unlisten?.catch(() => null);
    await stop?.().catch(() => undefined);
    this.listeners.clear();
  }
}
