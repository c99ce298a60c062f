/**
 * PostgreSQL engine (node-postgres). Node-only: export it from the package's `./node` entry, never
 * from the web-standard one.
 */
import type * as Pg from 'pg';
import {
  ARRAY_TYPES_SQL,
  type ArrayTypeRow,
  arrayParsers,
  assertIdentifier,
  parserFor,
  scalarParsers,
  type TextParser,
} from './codec.js';
import { sqlErrorCode } from './errors.js';
import type { Db, SqlParam, Transaction } from './types.js';

export interface PostgresDbOptions {
  connectionString: string;
  /**
   * Schema used for everything (created when missing; `search_path` is set to it alone on every
   * connection). Lower-case identifier. Tests use it to isolate runs sharing one database.
   */
  schema?: string;
  /** Pool size (default 10). LISTEN uses one extra, dedicated connection. */
  max?: number;
}

/** Session settings that make PostgreSQL behave like PGlite's defaults. */
const SESSION_SETTINGS = ['TimeZone=UTC', 'DateStyle=ISO,MDY', 'IntervalStyle=postgres', 'bytea_output=hex'];

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

type Listener = (payload: string) => void;

/** Connection string with any password masked, for error messages. */
function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable connection string)';
  }
}

/** Splits a URL connection string's own `options` parameter off so it can be merged with ours. */
function splitOptions(connectionString: string): { connectionString: string; options: string[] } {
  try {
    const url = new URL(connectionString);
    const own = url.searchParams.get('options');
    if (own === null) return { connectionString, options: [] };
    url.searchParams.delete('options');
    return { connectionString: url.toString(), options: [own] };
  } catch {
    return { connectionString, options: [] };
  }
}

function toPgParam(value: SqlParam | undefined): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toPgParam(item as SqlParam));
  return value;
}

function abortedCommitError(): Error {
  return Object.assign(new Error('Transaction was rolled back instead of committed'), {
    code: '25P02',
    severity: 'ERROR',
  });
}

/**
 * Names for prepared statements, by SQL text: each connection parses and plans a named statement
 * once and then only binds and executes it. A statement whose table changed under it (another
 * instance migrated: "cached plan must not change result type") gets a fresh name, which every
 * connection prepares again; the old one is left to its connection. Beyond `max` texts, unnamed.
 */
class StatementNames {
  private readonly names = new Map<string, string>();
  private next = 0;
  constructor(private readonly max = 500) {}
  of(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined && this.names.size < this.max) {
      name = `ayokit_${++this.next}`;
      this.names.set(sql, name);
    }
    return name;
  }
  renew(sql: string): void {
    if (this.names.has(sql)) this.names.set(sql, `ayokit_${++this.next}`);
  }
}

/** node-postgres's connection, as its Query writes to it (not in @types/pg). */
interface PgConnection {
  parse(config: { text: string; name: string }): void;
  bind(config: { statement: string; portal: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
}
type QueryClass = new (
  config: Pg.QueryConfig & { callback: (error: Error | undefined, result: unknown) => void },
) => Pg.Query & {
  prepare(connection: PgConnection): void;
  hasBeenParsed(connection: PgConnection): boolean;
  /** Set when sent: the statement's name was not yet prepared on this connection. */
  firstUse?: boolean;
};

/**
 * A node-postgres Query that sends BEGIN with it, in the same round trip: BEGIN's Parse, Bind and
 * Execute go ahead of the statement's, before their one Sync. The answer holds two results, BEGIN's
 * and the statement's; the statement's rows are the query's.
 *
 * node-postgres marks a named statement prepared on the first ParseComplete of its query, here
 * BEGIN's: should the statement's own Parse then fail, the mark would be wrong. So a statement
 * sent this way for the first time on a connection that then fails discards that connection.
 */
function beginFirstQuery(pg: { Query: unknown }): QueryClass {
  const Base = pg.Query as QueryClass;
  return class BeginFirst extends Base {
    override prepare(connection: PgConnection): void {
      this.firstUse = !this.hasBeenParsed(connection);
      connection.parse({ text: 'BEGIN', name: '' });
      connection.bind({ statement: '', portal: '', values: [] });
      connection.execute({ portal: '' });
      super.prepare(connection);
    }
  };
}

async function runQuery<T>(
  target: Pg.Pool | Pg.PoolClient,
  sql: string,
  params: SqlParam[] | undefined,
  names: StatementNames,
  inTransaction: boolean,
  retried = false,
  /**
   * Sends BEGIN ahead of the statement in its round trip (a transaction's first statement);
   * `discard` is told when the connection must not be used again.
   */
  beginFirst?: { Query: QueryClass; discard: (error: Error) => void },
): Promise<T[]> {
  // queryMode 'extended' (not in @types/pg) keeps one-statement semantics even without parameters,
  // exactly like PGlite's query().
  const name = names.of(sql);
  const config = {
    text: sql,
    values: (params ?? []).map(toPgParam),
    queryMode: 'extended' as const,
    ...(name ? { name } : {}),
  };
  try {
    if (beginFirst) {
      let query: InstanceType<QueryClass> | undefined;
      const results = await new Promise<unknown>((resolve, reject) => {
        query = new beginFirst.Query({
          ...(config as Pg.QueryConfig),
          callback: (error, result) => {
            if (error && query?.firstUse !== false) beginFirst.discard(error);
            if (error) reject(error);
            else resolve(result);
          },
        });
        (target as Pg.PoolClient).query(query);
      });
      const last = Array.isArray(results) ? results[results.length - 1] : results;
      return (last as Pg.QueryResult).rows as T[];
    }
    const result = await target.query(config as Pg.QueryConfig);
    return result.rows as T[];
  } catch (error) {
    if (!name || sqlErrorCode(error) !== '0A000') throw error;
    names.renew(sql);
    // Inside a transaction the error has ended it: the caller's retry prepares the new name.
    if (inTransaction || retried) throw error;
    return runQuery<T>(target, sql, params, names, inTransaction, true);
  }
}

export async function createPostgresDb(options: PostgresDbOptions): Promise<Db> {
  const { schema, max = 10 } = options;
  if (schema !== undefined) assertIdentifier('schema', schema);
  // An optional peer dependency: loaded here, so `@ayokit/proxy/node` imports without it installed.
  const { default: pg } = await import('pg').catch((error: unknown) => {
    throw new Error(
      `createPostgresDb needs the optional peer dependency pg (npm i pg): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  });

  const parsers: Record<number, TextParser> = { ...scalarParsers };
  const names = new StatementNames();
  const getTypeParser = (oid: number, format?: string): TextParser =>
    format === 'binary' ? (value) => value : parserFor(parsers, oid);

  const split = splitOptions(options.connectionString);
  const sessionOptions = [
    ...split.options,
    ...SESSION_SETTINGS.map((setting) => `-c ${setting}`),
    ...(schema ? [`-c search_path=${schema}`] : []),
  ].join(' ');
  const clientConfig: Pg.ClientConfig = {
    connectionString: split.connectionString,
    options: sessionOptions,
    types: { getTypeParser } as Pg.CustomTypesConfig,
    connectionTimeoutMillis: 10_000,
  };

  const pool = new pg.Pool({ ...clientConfig, max });
  const BeginFirst = beginFirstQuery(pg);
  // An idle connection that dies (server restart…) is dropped by the pool; do not crash on it.
  pool.on('error', () => {});

  try {
    if (schema) {
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } catch (error) {
        // Two processes creating it at once: the loser sees a duplicate; the schema exists.
        const code = sqlErrorCode(error);
        if (code !== '23505' && code !== '42P06') throw error;
      }
    }
    const arrayTypes = await pool.query<ArrayTypeRow>(ARRAY_TYPES_SQL);
    Object.assign(parsers, arrayParsers(arrayTypes.rows));
  } catch (error) {
    await pool.end().catch(() => {});
    const reason =
      error instanceof Error ? error.message || String(sqlErrorCode(error) ?? error) : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    throw new Error(
      `Cannot use PostgreSQL at ${redact(options.connectionString)}: ${reason}${code ? ` (${String(code)})` : ''}`,
      { cause: error },
    );
  }

  // ---- LISTEN: one dedicated connection, re-established quietly when it drops ----
  const channels = new Map<string, { listeners: Set<Listener>; ready: Promise<void> }>();
  let listenClient: Pg.Client | undefined;
  let connecting: Promise<Pg.Client> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectDelay = RECONNECT_MIN_MS;
  let closed = false;

  const dropped = (client: Pg.Client) => {
    if (listenClient !== client) return;
    listenClient = undefined;
    client.end().catch(() => {});
    scheduleReconnect();
  };

  const connectListener = (): Promise<Pg.Client> => {
    if (listenClient) return Promise.resolve(listenClient);
    if (!connecting) {
      if (reconnectTimer) {
        clearTimeout(reconnectTimer);
        reconnectTimer = undefined;
      }
      connecting = (async () => {
        const client = new pg.Client(clientConfig);
        client.on('notification', (message) => {
          for (const listener of channels.get(message.channel)?.listeners ?? []) {
            listener(message.payload ?? '');
          }
        });
        client.on('error', () => dropped(client));
        client.on('end', () => dropped(client));
        try {
          await client.connect();
          for (const channel of channels.keys()) await client.query(`LISTEN ${channel}`);
          if (closed) throw new Error('database closed');
        } catch (error) {
          client.end().catch(() => {});
          throw error;
        }
        listenClient = client;
        reconnectDelay = RECONNECT_MIN_MS;
        return client;
      })().finally(() => {
        connecting = undefined;
      });
    }
    return connecting;
  };

  function scheduleReconnect() {
    if (closed || reconnectTimer || connecting || channels.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connectListener().catch(() => {
        reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
        scheduleReconnect();
      });
    }, reconnectDelay);
    // Retrying must not keep an otherwise finished process alive.
    (reconnectTimer as { unref?: () => void }).unref?.();
  }

  const unlisten = async (channel: string, listener: Listener) => {
    const entry = channels.get(channel);
    if (!entry?.listeners.delete(listener) || entry.listeners.size > 0) return;
    channels.delete(channel);
    if (listenClient && !closed) await listenClient.query(`UNLISTEN ${channel}`).catch(() => {});
  };

  return {
    kind: 'postgres',
    query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]> {
      return runQuery<T>(pool, sql, params, names, false);
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let finished = false;
      let broken: Error | undefined;
      // BEGIN travels with the first statement (one round trip fewer per transaction); a
      // transaction that runs no statement sends neither BEGIN nor COMMIT.
      let begun = false;
      const guard = () => {
        if (finished) throw new Error('Transaction is closed');
      };
      // BEGIN/COMMIT/ROLLBACK failures leave the connection in an unknown state: discard it.
      const control = async (sql: string) => {
        try {
          return await client.query(sql);
        } catch (error) {
          broken = error as Error;
          throw error;
        }
      };
      const tx: Transaction = {
        async query<R>(sql: string, params?: SqlParam[]) {
          guard();
          if (begun) return runQuery<R>(client, sql, params, names, true);
          // Once sent, BEGIN has run (whatever the statement did): the end must close it.
          begun = true;
          return runQuery<R>(client, sql, params, names, true, false, {
            Query: BeginFirst,
            discard: (error) => {
              broken = error;
            },
          });
        },
        async exec(sql: string) {
          guard();
          if (!begun) {
            begun = true;
            await control('BEGIN');
          }
          await client.query(sql);
        },
      };
      try {
        let result: T;
        try {
          result = await fn(tx);
        } catch (error) {
          finished = true;
          if (begun) await control('ROLLBACK').catch(() => {});
          throw error;
        }
        finished = true;
        if (!begun) return result;
        const commit = await control('COMMIT');
        if (commit.command === 'ROLLBACK') throw abortedCommitError();
        return result;
      } finally {
        finished = true;
        client.release(broken);
      }
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      assertIdentifier('channel', channel);
      if (closed) throw new Error('database closed');
      let entry = channels.get(channel);
      if (!entry) {
        const listeners = new Set<Listener>();
        const ready = (async () => {
          const client = await connectListener();
          await client.query(`LISTEN ${channel}`);
        })();
        entry = { listeners, ready };
        channels.set(channel, entry);
        const created = entry;
        ready.catch(() => {
          if (channels.get(channel) === created) channels.delete(channel);
        });
      }
      entry.listeners.add(onPayload);
      try {
        await entry.ready;
      } catch (error) {
        entry.listeners.delete(onPayload);
        throw error;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        await unlisten(channel, onPayload);
      };
    },
    async notify(channel: string, payload: string) {
      assertIdentifier('channel', channel);
      await runQuery(pool, 'SELECT pg_notify($1, $2)', [channel, payload], names, false);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await connecting?.catch(() => {});
      const client = listenClient;
      listenClient = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
