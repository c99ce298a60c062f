import type { PGlite } from '@electric-sql/pglite';
import {
  ARRAY_TYPES_SQL,
  type ArrayTypeRow,
  arrayParsers,
  assertIdentifier,
  parserFor,
  scalarParsers,
  type TextParser,
} from './codec.js';
import { type BackendMessage, MessageWriter, readMessages, type WireField } from './pgWire.js';
import type { Db, SqlParam, Transaction } from './types.js';

export interface PgliteDbOptions {
  /**
   * Folder of the database files (created when missing, parents included). Without it the
   * database lives in memory. `memory://`, `idb://`… prefixes are passed to PGlite untouched.
   */
  dataDir?: string;
  /**
   * A new database's files from PGlite's `dumpDataDir()`, to start from instead of running
   * initdb (which is most of a start-up's few seconds). Only for a new database: PGlite refuses
   * it over a `dataDir` that already holds one.
   */
  loadDataDir?: Blob;
}

/** Named prepared statements kept per database; SQL beyond this many distinct texts is parsed each time. */
const MAX_PREPARED = 500;

/** A result column: its name and the parser of its type. */
type Field = { name: string; parse: TextParser };
type Prepared = { name: string; fields: Field[] };

/**
 * Embedded PostgreSQL (PGlite, WASM): one connection, queries and transactions run one at a time.
 * Starting it takes a few seconds (WASM compile + boot), so create one per process.
 *
 * Statements go to the engine as one pipelined extended-protocol message each (Bind, Describe,
 * Execute, Sync), on a named statement parsed once per SQL text: PGlite's own `query()` makes six
 * calls into the WASM engine per statement (parse, describe, bind, describe, execute, sync) and
 * parses and plans the SQL every time. Measured on the 2-core machine: 580 µs → 211 µs for an
 * UPDATE … RETURNING. Parameters are sent as text with their types left to the server, exactly as
 * node-postgres sends them to PostgreSQL, so the same SQL behaves the same on both engines.
 */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db> {
  const { dataDir, loadDataDir } = options;
  // An optional peer dependency: loaded here, so `@ayokit/proxy` imports without it installed.
  const { PGlite } = await import('@electric-sql/pglite').catch((error: unknown) => {
    throw new Error(
      `createPgliteDb needs the optional peer dependency @electric-sql/pglite (npm i @electric-sql/pglite): ${(error as Error).message}`,
      { cause: error },
    );
  });
  let unlock: () => Promise<void> = async () => undefined;
  if (dataDir && !/^[a-z0-9-]+:\/\//i.test(dataDir)) {
    // Loaded lazily so that importing this module stays free of Node built-ins.
    const fs = await import('node:fs/promises');
    await fs.mkdir(dataDir, { recursive: true });
    unlock = await lockFolder(dataDir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
    });
  } catch (error) {
    await unlock();
    throw error;
  }
  // Only a browser file system (idb://, opfs…) keeps its files apart from the engine's and needs a
  // sync after each commit; in memory and on a Node folder (written through) PGlite's sync does nothing.
  const syncs = !!dataDir && /^[a-z0-9-]+:\/\//i.test(dataDir) && !/^(memory|file):\/\//i.test(dataDir);
  const engine = new Engine(pg, syncs);
  try {
    const arrayTypes = await engine.run<ArrayTypeRow>(ARRAY_TYPES_SQL, [], true);
    Object.assign(engine.parsers, arrayParsers(arrayTypes));
  } catch (error) {
    await pg.close();
    await unlock();
    throw error;
  }

  return {
    kind: 'pglite',
    query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]> {
      return engine.exclusive(() => engine.run<T>(sql, params ?? [], true));
    },
    exec(sql: string) {
      return engine.exclusive(() => engine.exec(sql, true));
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return engine.exclusive(() => engine.transaction(fn));
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      assertIdentifier('channel', channel);
      await engine.exclusive(() => engine.listen(channel, onPayload));
      let active = true;
      return async () => {
        if (!active || pg.closed) return;
        active = false;
        await engine.exclusive(() => engine.unlisten(channel, onPayload));
      };
    },
    notify(channel: string, payload: string) {
      assertIdentifier('channel', channel);
      return engine.exclusive(async () => {
        await engine.run('SELECT pg_notify($1, $2)', [channel, payload], true);
      });
    },
    async close() {
      // After whatever is running or queued: PGlite refuses calls once closed.
      await engine.exclusive(async () => {
        if (!pg.closed) await pg.close();
      });
      await unlock();
    },
  };
}

/**
 * One process per folder: PGlite is PostgreSQL in this process, with no server between the files
 * and a second process that opens them (two processes on one folder each saw only their own rows,
 * and the last to close overwrote the other's). A lock file beside the folder (`<dataDir>.lock`:
 * the process and host that hold it) is taken when the database opens and removed when it
 * closes; one left by a process of this host that is gone (a crash) is taken over.
 */
async function lockFolder(dataDir: string): Promise<() => Promise<void>> {
  const fs = await import('node:fs/promises');
  const { hostname } = await import('node:os');
  const file = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  const me = { pid: process.pid, host: hostname() };
  for (;;) {
    try {
      await fs.writeFile(file, JSON.stringify(me), { flag: 'wx' });
      let held = true;
      return async () => {
        if (held) await fs.rm(file, { force: true });
        held = false;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: unknown; host?: unknown } | null = null;
    try {
      holder = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch {
      // unreadable: written by no process of ours (or cut short by a crash): taken over below
    }
    const pid = typeof holder?.pid === 'number' ? holder.pid : null;
    const host = typeof holder?.host === 'string' ? holder.host : null;
    if (pid !== null && (host !== me.host || isAlive(pid)))
      throw new Error(
        `PGlite's data folder ${dataDir} is in use by process ${pid} on ${host ?? 'another host'} (lock file ${file}). ` +
          'One process per folder: run several instances on PostgreSQL (DATABASE_URL). ' +
          'If no process uses the folder, delete the lock file.',
      );
    await fs.rm(file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The one connection: a queue (one statement or one transaction at a time) and the statement cache. */
class Engine {
  readonly parsers: Record<number, TextParser> = { ...scalarParsers };
  private readonly prepared = new Map<string, Prepared>();
  private named = 0;
  /** Where the open transaction is: none, BEGIN not sent yet (it goes with the first statement), or begun. */
  private tx: 'none' | 'pending' | 'begun' = 'none';
  private queue: Promise<unknown> = Promise.resolve();
  /** LISTEN channels and their callbacks: notifications are read from every answer here. */
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();

  constructor(
    private readonly pg: PGlite,
    /** Whether PGlite must copy its files out after each commit (a browser file system). */
    private readonly syncs: boolean,
  ) {}

  /** Runs `fn` after everything queued before it; a failure does not stop the queue. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * One call into the engine: the protocol bytes in, its answer's messages out (PGlite's raw
   * stream, so that PGlite does not read them a second time). Notifications go to their
   * listeners; the first error is thrown, as PGlite's `execProtocol` does.
   */
  private async call(message: Uint8Array, syncToFs: boolean): Promise<BackendMessage[]> {
    const chunks: Uint8Array[] = [];
    // Each chunk is a view on the engine's memory: copied before the next call reuses it.
    await this.pg.execProtocolRawStream(message, {
      syncToFs,
      onRawData: (chunk) => chunks.push(chunk.slice()),
    });
    const messages = readMessages(chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks));
    let failure: Error | undefined;
    for (const m of messages) {
      if (m.name === 'notification') {
        for (const listener of this.listeners.get(m.channel) ?? []) queueMicrotask(() => listener(m.payload));
      } else if (m.name === 'error') {
        failure ??= m.error;
      }
    }
    if (failure) throw failure;
    return messages;
  }

  /** One statement; `outside` is true when no transaction is open (PGlite then syncs its files). */
  async run<T>(sql: string, params: readonly (SqlParam | undefined)[], outside: boolean): Promise<T[]> {
    const statement = this.prepared.get(sql) ?? (await this.prepare(sql));
    const values = params.map(toText);
    const w = this.begin(new MessageWriter());
    if (!statement) {
      w.parse('', sql).bind('', values).describe('P', '').execute().sync();
      return this.rows<T>(await this.call(w.finish(), outside && this.syncs), null);
    }
    w.bind(statement.name, values).execute().sync();
    try {
      return this.rows<T>(await this.call(w.finish(), outside && this.syncs), statement.fields);
    } catch (error) {
      // A table changed under a cached statement ("cached plan must not change result type"):
      // forget it and, outside a transaction (which that error has ended), run the SQL afresh.
      if ((error as { code?: string }).code !== '0A000') throw error;
      this.prepared.delete(sql);
      await this.exec(`DEALLOCATE ${statement.name}`, outside).catch(() => {});
      if (!outside) throw error;
      return this.run<T>(sql, params, outside);
    }
  }

  /**
   * Parses `sql` once under a name and learns its columns, so that each later run is Bind,
   * Execute, Sync alone (no SQL to parse or plan, no row description to read). Null once the
   * cache is full: the statement is then parsed each time. A statement that does not parse throws
   * and leaves no name behind.
   */
  private async prepare(sql: string): Promise<Prepared | null> {
    if (this.prepared.size >= MAX_PREPARED) return null;
    const name = `ayokit_${++this.named}`;
    const w = this.begin(new MessageWriter()).parse(name, sql).describe('S', name).sync();
    const messages = await this.call(w.finish(), false);
    const description = messages.find((m) => m.name === 'rowDescription');
    const statement = { name, fields: this.fieldsOf(description?.fields ?? []) };
    this.prepared.set(sql, statement);
    return statement;
  }

  private fieldsOf(fields: WireField[]): Field[] {
    return fields.map((f) => ({ name: f.name, parse: parserFor(this.parsers, f.dataTypeID) }));
  }

  /** Several statements, no parameters (simple protocol). */
  async exec(sql: string, outside: boolean): Promise<void> {
    await this.call(this.begin(new MessageWriter()).query(sql).finish(), outside && this.syncs);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
    let callbacks = this.listeners.get(channel);
    if (!callbacks) {
      // The channel is a checked identifier (assertIdentifier); quoted, it matches pg_notify's name.
      await this.exec(`LISTEN "${channel}"`, true);
      callbacks = new Set();
      this.listeners.set(channel, callbacks);
    }
    callbacks.add(onPayload);
  }

  async unlisten(channel: string, onPayload: (payload: string) => void): Promise<void> {
    const callbacks = this.listeners.get(channel);
    if (!callbacks?.delete(onPayload) || callbacks.size > 0) return;
    this.listeners.delete(channel);
    await this.exec(`UNLISTEN "${channel}"`, true);
  }

  /**
   * A transaction's BEGIN travels with its first statement (one call into the engine fewer per
   * transaction); a transaction that runs no statement sends neither BEGIN nor COMMIT.
   */
  /** Read through a call: TypeScript would keep `tx` narrowed to what `transaction` last set. */
  private begun(): boolean {
    return this.tx === 'begun';
  }

  private begin(w: MessageWriter): MessageWriter {
    if (this.tx !== 'pending') return w;
    this.tx = 'begun';
    return w.query('BEGIN');
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    let finished = false;
    const guard = () => {
      if (finished) throw new Error('Transaction is closed');
    };
    const tx: Transaction = {
      query: async <R>(sql: string, params?: SqlParam[]) => {
        guard();
        return this.run<R>(sql, params ?? [], false);
      },
      exec: async (sql: string) => {
        guard();
        await this.exec(sql, false);
      },
    };
    this.tx = 'pending';
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      finished = true;
      const begun = this.begun();
      this.tx = 'none';
      if (begun) await this.exec('ROLLBACK', true).catch(() => {});
      throw error;
    }
    finished = true;
    const begun = this.begun();
    this.tx = 'none';
    if (!begun) return result;
    const messages = await this.call(new MessageWriter().query('COMMIT').finish(), this.syncs);
    // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK (no error).
    if (messages.some((m) => m.name === 'commandComplete' && m.text === 'ROLLBACK')) {
      throw Object.assign(new Error('Transaction was rolled back instead of committed'), {
        code: '25P02',
        severity: 'ERROR',
      });
    }
    return result;
  }

  /** Rows of the statement's answer, each value read by its column type (the shared parsers). */
  private rows<T>(messages: BackendMessage[], known: Field[] | null): T[] {
    let fields = known ?? [];
    const rows: T[] = [];
    for (const m of messages) {
      if (m.name === 'dataRow') {
        const values = m.fields;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i] as Field;
          const value = values[i];
          row[field.name] = value === null || value === undefined ? null : field.parse(value);
        }
        rows.push(row as T);
      } else if (m.name === 'rowDescription') {
        fields = this.fieldsOf(m.fields);
      }
    }
    return rows;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A parameter as PostgreSQL's text input, as node-postgres sends it (the server infers its type). */
function toText(value: SqlParam | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${hex(value)}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayLiteral(items: readonly unknown[]): string {
  const out = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = toText(item as SqlParam) as string;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${out.join(',')}}`;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
