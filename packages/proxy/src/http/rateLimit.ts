import { AyoError } from '@ayokit/core';
import type { Queryable } from '../db/types';

export interface RateLimiterOptions {
  /** Where the counters live: the proxy's database, so every instance counts together. */
  db: Queryable;
  /** Keeps the counters of different limits apart (`otp`, `bindings`). */
  name: string;
  limit: number;
  windowMs: number;
  now: () => number;
}

/**
 * A fixed-window counter per key, in the database: enough to stop OTP guessing and binding floods
 * per user, however many proxy instances the requests are spread over. One statement per hit.
 */
export class RateLimiter {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RateLimiterOptions) {}

  /** Counts a hit; throws RATE_LIMITED once the key is over its limit in this window. */
  async hit(key: string): Promise<void> {
    const { db, name, limit, windowMs, now } = this.options;
    const t = now();
    const [row] = await db.query<{ hits: number }>(
      `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN r.window_start <= $3 THEN excluded.window_start ELSE r.window_start END,
         hits = CASE WHEN r.window_start <= $3 THEN 1 ELSE r.hits + 1 END
       RETURNING hits`,
      [`${name}:${key}`, new Date(t), new Date(t - windowMs)],
    );
    if (t - this.lastPrune >= windowMs) {
      this.lastPrune = t;
      // Windows that ended long ago count for nothing: forget them (every instance may).
      await db
        .query('DELETE FROM rate_limits WHERE key LIKE $1 AND window_start <= $2', [
          `${name}:%`,
          new Date(t - 2 * windowMs),
        ])
        .catch(() => undefined);
    }
    if ((row?.hits ?? 0) > limit) throw new AyoError('RATE_LIMITED');
  }
}
