import { canAdvance, FLOWS, type FlowName, type LiveEvent } from '@ayokit/core';
import type { Db, Queryable, SqlParam } from '../db/types';
import type { TableName, Tables } from './rows';

const FLOW_OF: Partial<Record<TableName, FlowName>> = {
  bindings: 'binding',
  card_registrations: 'cardRegistration',
  instruments: 'instrument',
  payments: 'payment',
  refunds: 'refund',
  unbindings: 'unbinding',
};

/** Column names of a row type, of every member when it is a union (instruments). */
export type Columns<R> = R extends unknown ? keyof R & string : never;

const JSON_COLUMNS = new Set(['failure', 'otp_last_error', 'data']);
const EVENTS_CHANNEL = 'ayokit_events';

/** Name conversions, remembered: the same few hundred column names on every row of every statement. */
function memo(convert: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let out = seen.get(s);
    if (out === undefined) {
      out = convert(s);
      if (seen.size < 2000) seen.set(s, out);
    }
    return out;
  };
}
const snake = memo((s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const camelKey = memo((s) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));

/** Equal as JSON values, whatever the order of their keys (jsonb keeps its own). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function fromDb<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[camelKey(k)] = v;
  return out as T;
}

function toParam(column: string, value: unknown): SqlParam {
  if (value === undefined) return null;
  if (JSON_COLUMNS.has(column) && value !== null) return JSON.stringify(value);
  return value as SqlParam;
}

/**
 * A callback's mark ($1 its key, $2 its type, $3 now), the CTE `mark` holding its key when it is
 * new. The mark's commit does not wait for its WAL flush (a disk sync on PostgreSQL, the costliest
 * part of a callback): `set_config(…, true)` lasts for this statement's own transaction only. The
 * mark is visible to every other session at once, so duplicates are still refused, and the
 * callback's own commit right after (its status and live event) flushes the WAL up to there, the
 * mark included. Only a mark followed by no write may be lost, in a crash of the database within
 * the WAL writer's delay: the next try of that callback is then handled again, which changes
 * nothing (a status only moves forward).
 */
const MARK_CALLBACK_SEEN = `WITH async AS (SELECT set_config('synchronous_commit', 'off', true)),
  mark AS (INSERT INTO callbacks_seen (dedupe_key, type, received_at) SELECT $1, $2, $3 FROM async
    ON CONFLICT DO NOTHING RETURNING dedupe_key)`;

/** Statuses from which `to` may be reached: the SQL form of "a status only moves forward". */
function sourcesOf(flow: FlowName, to: string): string[] {
  return Object.keys(FLOWS[flow]).filter((from) => canAdvance(flow, from as never, to as never));
}

/** A row inserted, or moved to another status, as seen inside the transaction that did it. */
export type RowChange = {
  [T in TableName]: { table: T; kind: 'insert' | 'status'; row: Tables[T] };
}[TableName];

/**
 * Learns of the changes of the tables it names inside their transaction (the outbox of order
 * events): what `beforeCommit` writes commits with the change, or not at all.
 */
export interface ChangeObserver {
  tables: ReadonlySet<TableName>;
  /** Runs in the transaction once its work is done (a store transaction) or at once (any other). */
  beforeCommit(tx: Queryable, changes: RowChange[]): Promise<void>;
  /** After the COMMIT of a store transaction that had changes. */
  afterCommit?(): void;
}

export interface StoredEvent {
  id: number;
  userId: string;
  event: LiveEvent;
}

/**
 * The proxy's persistence: generic row access over the tables of migrations.ts. Every timestamp it
 * writes comes from `now`, the proxy's one clock, never from the database's `now()`: a row's
 * `updated_at` is compared with that clock (is the last look fresh?), so both must be the same.
 */
export class Store {
  constructor(
    readonly db: Db,
    readonly now: () => number,
  ) {}

  private observer: ChangeObserver | null = null;
  /** Changes of each open store transaction, handed to the observer before it commits. */
  private readonly pending = new WeakMap<Queryable, RowChange[]>();

  observe(observer: ChangeObserver): void {
    this.observer = observer;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let changes: RowChange[] = [];
    const result = await this.db.transaction(async (tx) => {
      changes = [];
      this.pending.set(tx, changes);
      try {
        const out = await fn(tx);
        if (changes.length) await this.observer?.beforeCommit(tx, changes);
        return out;
      } finally {
        this.pending.delete(tx);
      }
    });
    if (changes.length) this.observer?.afterCommit?.();
    return result;
  }

  private observes(table: TableName): boolean {
    return this.observer?.tables.has(table) ?? false;
  }

  private async changed(q: Queryable, change: RowChange): Promise<void> {
    const list = this.pending.get(q);
    if (list) list.push(change);
    else await this.observer?.beforeCommit(q, [change]);
  }

  async insert<T extends TableName>(table: T, row: Tables[T], q: Queryable = this.db): Promise<Tables[T]> {
    // An observed change and what follows from it commit together: one transaction.
    if (this.observes(table) && q === this.db) return this.transaction((tx) => this.insert(table, row, tx));
    const entries = Object.entries(row).map(([k, v]) => [snake(k), v] as const);
    const cols = entries.map(([k]) => k);
    const params = entries.map(([k, v]) => toParam(k, v));
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
    const [inserted] = await q.query(sql, params);
    const out = fromDb<Tables[T]>(inserted!);
    if (this.observes(table)) await this.changed(q, { table, kind: 'insert', row: out } as RowChange);
    return out;
  }

  /**
   * A row by id; `forUpdate` locks it until the transaction `q` ends; with `userId`, only a row of
   * that user's (another user's is indistinguishable from a missing one).
   */
  async get<T extends TableName>(
    table: T,
    id: string,
    q: Queryable = this.db,
    options: { forUpdate?: boolean; userId?: string } = {},
  ): Promise<Tables[T] | null> {
    const owner = options.userId === undefined ? '' : ' AND user_id = $2';
    const lock = options.forUpdate ? ' FOR UPDATE' : '';
    const [row] = await q.query(
      `SELECT * FROM ${table} WHERE id = $1${owner}${lock}`,
      options.userId === undefined ? [id] : [id, options.userId],
    );
    return row ? fromDb<Tables[T]>(row) : null;
  }

  /** A row of this user's, or null: another user's row is indistinguishable from a missing one. */
  async getOwned<T extends TableName>(table: T, id: string, userId: string): Promise<Tables[T] | null> {
    const [row] = await this.db.query(`SELECT * FROM ${table} WHERE id = $1 AND user_id = $2`, [id, userId]);
    return row ? fromDb<Tables[T]>(row) : null;
  }

  async findBy<T extends TableName>(
    table: T,
    column: Columns<Tables[T]>,
    value: SqlParam,
  ): Promise<Tables[T] | null> {
    const [row] = await this.db.query(`SELECT * FROM ${table} WHERE ${snake(column)} = $1 LIMIT 1`, [value]);
    return row ? fromDb<Tables[T]>(row) : null;
  }

  async list<T extends TableName>(
    table: T,
    where: Partial<Record<Columns<Tables[T]>, SqlParam | readonly string[]>>,
    order = 'created_at DESC',
    limit = 100,
  ): Promise<Tables[T][]> {
    const entries = Object.entries(where).filter(([, v]) => v !== undefined);
    // A list of values matches any of them.
    const test = (k: string, v: unknown, i: number) =>
      Array.isArray(v) ? `${snake(k)} = ANY($${i + 1}::text[])` : `${snake(k)} = $${i + 1}`;
    const clause = entries.length ? `WHERE ${entries.map(([k, v], i) => test(k, v, i)).join(' AND ')}` : '';
    const rows = await this.db.query(
      `SELECT * FROM ${table} ${clause} ORDER BY ${order} LIMIT ${Math.trunc(limit)}`,
      entries.map(([, v]) => v as SqlParam),
    );
    return rows.map((r) => fromDb<Tables[T]>(r));
  }

  /**
   * Updates a row. With `to`, the status changes only if the state machine allows it from the
   * current status (checked in the same statement); with `ifStatus`, only while the row is in one
   * of those statuses. Returns the updated row, or null when the guard did not hold.
   */
  async update<T extends TableName>(
    table: T,
    id: string,
    patch: Partial<Tables[T]>,
    guard: { to?: Tables[T] extends { status: infer S } ? S : never; ifStatus?: readonly string[] } = {},
    q: Queryable = this.db,
  ): Promise<Tables[T] | null> {
    const observed = guard.to !== undefined && this.observes(table);
    if (observed && q === this.db) return this.transaction((tx) => this.update(table, id, patch, guard, tx));
    const { sql, params } = this.updateStatement(table, id, patch, guard, this.now());
    const [row] = await q.query(sql, params);
    if (!row) return null;
    const updated = fromDb<Tables[T]>(row);
    if (observed) await this.changed(q, { table, kind: 'status', row: updated } as RowChange);
    return updated;
  }

  /**
   * Moves a row to status `to` (as `update` with that guard) and appends its live event in the
   * same statement: one round trip, no transaction, the event there exactly when the status
   * changed. The event is `eventOf` the row as the update leaves it, predicted from `basis` (the
   * row as the caller read it) and the patch, so that it can go with the UPDATE. The row the
   * UPDATE returns is then checked against the prediction: if someone else changed a column the
   * event shows since `basis` was read, a second event carries the row as it is. A table an
   * observer watches (order events) takes the transaction instead: its outbox rows commit with
   * the change.
   */
  async moveAnnounced<T extends TableName>(
    table: T,
    basis: Tables[T] & { id: string; userId: string },
    patch: Partial<Tables[T]>,
    to: Tables[T] extends { status: infer S } ? S : never,
    eventOf: (row: Tables[T]) => LiveEvent | null,
  ): Promise<Tables[T] | null> {
    const observed = this.observes(table);
    const at = this.now();
    const predicted = observed
      ? null
      : eventOf({ ...basis, updatedAt: new Date(at), ...patch, status: to } as Tables[T]);
    if (!predicted) {
      return this.transaction(async (tx) => {
        const moved = await this.update(table, basis.id, patch, { to } as never, tx);
        const event = moved ? eventOf(moved) : null;
        if (event) await this.appendEvent(basis.userId, event, tx);
        return moved;
      });
    }
    const { sql, params } = this.updateStatement(table, basis.id, patch, { to } as never, at);
    const n = params.length;
    params.push(predicted.type, JSON.stringify(predicted.data), new Date(at), EVENTS_CHANNEL);
    const [raw] = await this.db.query(
      `WITH moved AS (${sql}),
       e AS (INSERT INTO events (user_id, type, data, created_at) SELECT user_id, $${n + 1}, $${n + 2}, $${n + 3} FROM moved RETURNING id, user_id)
       SELECT moved.*, pg_notify($${n + 4}, json_build_object('userId', e.user_id, 'id', e.id)::text) AS ayokit_announced
       FROM moved CROSS JOIN e`,
      params,
    );
    if (!raw) return null;
    delete raw.ayokit_announced;
    const moved = fromDb<Tables[T]>(raw);
    const actual = eventOf(moved);
    if (actual && !sameJson(actual, predicted)) await this.appendEvent(basis.userId, actual);
    return moved;
  }

  /** The UPDATE … RETURNING * of `update`, its timestamp `at`. */
  private updateStatement<T extends TableName>(
    table: T,
    id: string,
    patch: Partial<Tables[T]>,
    guard: { to?: unknown; ifStatus?: readonly string[] },
    at: number,
  ): { sql: string; params: SqlParam[] } {
    const entries = Object.entries(patch)
      .filter(([k]) => k !== 'id')
      .map(([k, v]) => [snake(k), v] as const);
    const params: SqlParam[] = [id];
    const sets = entries.map(([k, v]) => {
      params.push(toParam(k, v));
      return `${k} = $${params.length}`;
    });
    if (guard.to !== undefined) {
      params.push(guard.to as string);
      sets.push(`status = $${params.length}`);
    }
    if (!('updatedAt' in patch)) {
      params.push(new Date(at));
      sets.push(`updated_at = $${params.length}`);
    }
    let where = 'id = $1';
    const flow = FLOW_OF[table];
    const allowed = guard.to !== undefined && flow ? sourcesOf(flow, guard.to as string) : guard.ifStatus;
    if (allowed) {
      params.push(allowed as unknown as SqlParam);
      where += ` AND status = ANY($${params.length}::text[])`;
    }
    return { sql: `UPDATE ${table} SET ${sets.join(', ')} WHERE ${where} RETURNING *`, params };
  }

  /**
   * Claims the rows whose check is due at `now`, oldest first, for this instance: their next check
   * moves to `claimUntil` in the same statement, and rows another instance is claiming (locked) are
   * skipped. Two proxies on one database thus ask the bank about each due row once; the check then
   * writes the row's real next check (or none), and a row whose check stopped half-way (a crash) is
   * due again at `claimUntil`. Rows named in `except` (those a pass already checked, whose check
   * may have made them due again at once) are left alone.
   */
  async due<T extends TableName>(
    table: T,
    now: Date,
    claimUntil: Date,
    limit = 50,
    except: readonly string[] = [],
  ): Promise<Tables[T][]> {
    // A caller of the old `due(table, now)` would claim every due row until NULL: never again.
    if (!(claimUntil instanceof Date) || Number.isNaN(claimUntil.getTime()))
      throw new TypeError('Store.due: claimUntil must be the Date the claim ends');
    const rows = await this.db.query(
      `WITH due AS (
         SELECT id, next_check_at AS ayokit_due FROM ${table}
         WHERE next_check_at IS NOT NULL AND next_check_at <= $1 AND id <> ALL($3::text[])
         ORDER BY next_check_at LIMIT ${limit} FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE ${table} AS t SET next_check_at = $2 FROM due WHERE t.id = due.id
         RETURNING t.*, due.ayokit_due)
       SELECT * FROM claimed ORDER BY ayokit_due, id`,
      [now, claimUntil, [...except]],
    );
    return rows.map(({ ayokit_due: _, ...r }) => fromDb<Tables[T]>(r));
  }

  /**
   * Records an Idempotency-Key for a resource about to be created. Returns null when the key is
   * new (the caller goes on to create the resource in the same transaction), or what the key was
   * first used for.
   */
  async claimIdempotencyKey(
    q: Queryable,
    input: { userId: string; key: string; scope: string; requestHash: string; resourceId: string },
  ): Promise<{ scope: string; requestHash: string; resourceId: string } | null> {
    const inserted = await q.query(
      `INSERT INTO idempotency_keys (user_id, key, scope, request_hash, resource_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [input.userId, input.key, input.scope, input.requestHash, input.resourceId, new Date(this.now())],
    );
    if (inserted.length) return null;
    const [existing] = await q.query<{ scope: string; request_hash: string; resource_id: string }>(
      'SELECT scope, request_hash, resource_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [input.userId, input.key],
    );
    return { scope: existing!.scope, requestHash: existing!.request_hash, resourceId: existing!.resource_id };
  }

  /** True the first time a callback with this key is seen. */
  async markCallbackSeen(dedupeKey: string, type: string): Promise<boolean> {
    const rows = await this.db.query(`${MARK_CALLBACK_SEEN} SELECT dedupe_key FROM mark`, [
      dedupeKey,
      type,
      new Date(this.now()),
    ]);
    return rows.length === 1;
  }

  /**
   * `markCallbackSeen`, and the row the callback is about (`findBy`) read by the same statement:
   * one round trip where a callback took two. `fresh` is false for a key seen before; a null
   * `value` finds no row.
   */
  async markCallbackSeenAndFind<T extends TableName>(
    dedupeKey: string,
    type: string,
    table: T,
    column: Columns<Tables[T]>,
    value: SqlParam,
  ): Promise<{ fresh: boolean; row: Tables[T] | null }> {
    const [found] = await this.db.query<Record<string, unknown>>(
      `${MARK_CALLBACK_SEEN}
       SELECT (SELECT count(*) FROM mark)::int AS ayokit_fresh, t.* FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT * FROM ${table} WHERE ${snake(column)} = $4 LIMIT 1) AS t ON true`,
      [dedupeKey, type, new Date(this.now()), value],
    );
    const { ayokit_fresh: fresh, ...row } = found ?? {};
    return { fresh: fresh === 1, row: row.id == null ? null : fromDb<Tables[T]>(row) };
  }

  /** Forgets a callback that could not be applied, so that its next try is handled. */
  async forgetCallback(dedupeKey: string): Promise<void> {
    await this.db.query('DELETE FROM callbacks_seen WHERE dedupe_key = $1', [dedupeKey]);
  }

  async appendEvent(userId: string, event: LiveEvent, q: Queryable = this.db): Promise<number> {
    // Appended and announced in one statement (one round trip); the notification goes out when it commits.
    const [row] = await q.query<{ id: number }>(
      `WITH e AS (INSERT INTO events (user_id, type, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id)
       SELECT id, pg_notify($5, json_build_object('userId', $1::text, 'id', id)::text) FROM e`,
      [userId, event.type, JSON.stringify(event.data), new Date(this.now()), EVENTS_CHANNEL],
    );
    return row!.id;
  }

  async eventsAfter(userId: string, afterId: number, limit = 200): Promise<StoredEvent[]> {
    const rows = await this.db.query<{ id: number; user_id: string; type: LiveEvent['type']; data: never }>(
      'SELECT id, user_id, type, data FROM events WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [userId, afterId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      event: { type: r.type, data: r.data } as LiveEvent,
    }));
  }

  async lastEventId(userId: string): Promise<number> {
    const [row] = await this.db.query<{ id: number | null }>(
      'SELECT max(id) AS id FROM events WHERE user_id = $1',
      [userId],
    );
    return row?.id ?? 0;
  }

  onEvent(listener: (n: { userId: string; id: number }) => void): Promise<() => Promise<void>> {
    return this.db.listen(EVENTS_CHANNEL, (payload) => {
      try {
        listener(JSON.parse(payload));
      } catch {
        // a malformed notification is not ours
      }
    });
  }
}
