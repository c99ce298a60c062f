/**
 * The database layer shared by the two engines of the proxy: embedded PGlite (default) and a real
 * PostgreSQL (when DATABASE_URL is set). Both run the same SQL and return the same JS values:
 *
 * | PostgreSQL type                        | JS value                                             |
 * | -------------------------------------- | ---------------------------------------------------- |
 * | int2, int4, int8 (bigint, serial8), oid| number (int8 outside the safe range throws)          |
 * | float4, float8                         | number (NaN / ±Infinity included)                    |
 * | numeric                                | string (exact, e.g. '12.50')                         |
 * | bool                                   | boolean                                              |
 * | text, varchar, char, name, uuid, …     | string                                               |
 * | json, jsonb                            | parsed value (object, array, string, number, …)      |
 * | timestamptz                            | Date                                                 |
 * | timestamp (without time zone)          | Date, the wall-clock read as UTC                     |
 * | date                                   | string 'YYYY-MM-DD' (no time-zone shift)             |
 * | time, timetz, interval, money, inet, … | string (PostgreSQL's text output)                    |
 * | bytea                                  | Uint8Array (a plain one, never a Node Buffer)        |
 * | arrays of built-in types               | arrays of the above                                  |
 * | 'infinity' / '-infinity' timestamps    | Infinity / -Infinity (number)                        |
 * | NULL                                   | null                                                 |
 *
 * Every session runs with TimeZone=UTC and DateStyle=ISO (PGlite's defaults; forced on PostgreSQL).
 *
 * Parameters: pass JSON objects as they are, but JSON *arrays* (or scalars) for a json/jsonb
 * parameter as `JSON.stringify(value)`: node-postgres would send a JS array as a PostgreSQL array
 * literal. Dates are sent as ISO-8601 UTC strings on both engines.
 */
export type SqlParam =
  | string
  | number
  | boolean
  | null
  | Date
  | Uint8Array
  | Record<string, unknown>
  | unknown[];

export interface Queryable {
  /** One statement (extended protocol, `$1…` placeholders); resolves with the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]>;
}

/** What a `transaction()` callback receives: `exec` runs multi-statement SQL inside the transaction. */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  kind: 'pglite' | 'postgres';
  /** Multi-statement SQL, no parameters (simple protocol). */
  exec(sql: string): Promise<void>;
  /**
   * BEGIN … COMMIT around `fn`; ROLLBACK when it throws (the error is rethrown). A COMMIT that
   * PostgreSQL turns into a ROLLBACK (the transaction had failed) rejects with code '25P02'.
   * Use only `tx` inside `fn`: on PGlite (a single connection) a call on the Db itself would wait
   * for the transaction to end, i.e. forever.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** LISTEN on `channel` (lower-case identifier); resolves with a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface Migration {
  id: string;
  sql: string;
}
