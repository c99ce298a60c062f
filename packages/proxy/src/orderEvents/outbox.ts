import type { OrderEvent } from '@ayokit/core';
import type { Db, Queryable } from '../db/types';

/** Where an event goes: the in-process `onEvent` handler, or the signed webhook. Each on its own. */
export type DeliveryTarget = 'handler' | 'webhook';

/** One event leased for one delivery attempt. */
export interface Leased {
  seq: number;
  eventId: string;
  target: DeliveryTarget;
  /** The event's JSON, byte for byte what every attempt sends. */
  payload: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/**
 * The `outbox` table: one row per event and target, written in the transaction of the change it
 * reports. A row is delivered when it is the oldest undelivered one of its user (for its target),
 * due, and not leased: a lease (`lease_until`, `lease_token`) taken under FOR UPDATE SKIP LOCKED
 * keeps every other instance off it while it is out.
 */
export class Outbox {
  constructor(private readonly db: Db) {}

  /**
   * Writes the events, just before their transaction commits. A lock per user (held until COMMIT)
   * makes a user's rows take their `seq` in commit order: a row the dispatcher sees is never
   * followed by an earlier one of the same user that is not committed yet.
   */
  async record(tx: Queryable, events: OrderEvent[], targets: DeliveryTarget[], now: Date): Promise<void> {
    // Sorted: two transactions that write for the same users take the locks in the same order.
    for (const userId of [...new Set(events.map((e) => e.userId))].sort()) {
      await tx.query(
        "SELECT pg_advisory_xact_lock(hashtext('ayokit_outbox:' || current_schema() || ':' || $1))",
        [userId],
      );
    }
    for (const event of events) {
      const payload = JSON.stringify(event);
      for (const target of targets) {
        await tx.query(
          `INSERT INTO outbox (event_id, target, ordering_key, type, payload, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [event.id, target, event.userId, event.type, payload, now],
        );
      }
    }
  }

  /** Leases up to `limit` deliverable rows: due, unleased, and first of their user still undelivered. */
  async lease(
    targets: DeliveryTarget[],
    now: Date,
    leaseUntil: Date,
    token: string,
    limit: number,
  ): Promise<Leased[]> {
    const rows = await this.db.query<{
      seq: number;
      event_id: string;
      target: DeliveryTarget;
      payload: string;
      attempts: number;
    }>(
      `UPDATE outbox SET lease_until = $2, lease_token = $3, attempts = attempts + 1
       WHERE seq IN (
         SELECT o.seq FROM outbox o
         WHERE o.delivered_at IS NULL AND o.target = ANY($4::text[]) AND o.next_attempt_at <= $1
           AND (o.lease_until IS NULL OR o.lease_until <= $1)
           AND NOT EXISTS (
             SELECT 1 FROM outbox e
             WHERE e.target = o.target AND e.ordering_key = o.ordering_key
               AND e.delivered_at IS NULL AND e.seq < o.seq
           )
         ORDER BY o.seq
         LIMIT $5
         FOR UPDATE SKIP LOCKED
       )
       RETURNING seq, event_id, target, payload, attempts`,
      [now, leaseUntil, token, targets, Math.trunc(limit)],
    );
    return rows
      .map((r) => ({
        seq: r.seq,
        eventId: r.event_id,
        target: r.target,
        payload: r.payload,
        attempts: r.attempts,
      }))
      .sort((a, b) => a.seq - b.seq);
  }

  /** Done, if the lease is still ours (else another instance has it again: it delivers a duplicate). */
  async delivered(seq: number, token: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET delivered_at = $3, lease_until = NULL, lease_token = NULL, last_error = NULL
       WHERE seq = $1 AND lease_token = $2`,
      [seq, token, now],
    );
  }

  async failed(seq: number, token: string, nextAttemptAt: Date, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET next_attempt_at = $3, last_error = $4, lease_until = NULL, lease_token = NULL
       WHERE seq = $1 AND lease_token = $2`,
      [seq, token, nextAttemptAt, error.slice(0, 500)],
    );
  }

  /** Forgets delivered rows older than `before`. */
  async prune(before: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM outbox WHERE delivered_at < $1 RETURNING seq', [before]);
    return rows.length;
  }

  /** Undelivered rows per target (for operators and tests). */
  async backlog(): Promise<Record<DeliveryTarget, number>> {
    const rows = await this.db.query<{ target: DeliveryTarget; n: number }>(
      'SELECT target, count(*)::int AS n FROM outbox WHERE delivered_at IS NULL GROUP BY target',
    );
    const out: Record<DeliveryTarget, number> = { handler: 0, webhook: 0 };
    for (const r of rows) out[r.target] = r.n;
    return out;
  }
}
