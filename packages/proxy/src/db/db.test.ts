import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArray, parseTimestamp } from './codec.js';
import { isUniqueViolation } from './errors.js';
import { migrate } from './migrate.js';
import { createPgliteDb } from './pglite.js';
import { createPostgresDb } from './postgres.js';
import { createTestPostgresDb, dbEngines, randomSchemaName, TEST_DATABASE_URL } from './testing.js';
import type { Db, Migration } from './types.js';

const START_TIMEOUT = 60_000;

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('codec', () => {
  it('parses ISO timestamps with and without offsets', () => {
    expect(parseTimestamp('2024-05-06 07:08:09.123456+00')).toEqual(new Date('2024-05-06T07:08:09.123Z'));
    expect(parseTimestamp('2024-05-06 07:08:09+05:30')).toEqual(new Date('2024-05-06T01:38:09Z'));
    expect(parseTimestamp('2024-05-06 07:08:09-03')).toEqual(new Date('2024-05-06T10:08:09Z'));
    expect(parseTimestamp('2024-05-06 07:08:09')).toEqual(new Date('2024-05-06T07:08:09Z'));
    expect(parseTimestamp('0050-01-01 00:00:00+00')).toEqual(new Date('0050-01-01T00:00:00Z'));
    expect(parseTimestamp('infinity')).toBe(Number.POSITIVE_INFINITY);
  });

  it('parses array literals', () => {
    expect(parseArray('{}', Number)).toEqual([]);
    expect(parseArray('{1,NULL,3}', Number)).toEqual([1, null, 3]);
    expect(parseArray('{"a,b","say \\"hi\\"",NULL,"NULL"}', (v) => v)).toEqual([
      'a,b',
      'say "hi"',
      null,
      'NULL',
    ]);
    expect(parseArray('[0:1]={{1,2},{3,4}}', Number)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe.each(dbEngines)('$name', (engine) => {
  let db: Db;

  beforeAll(async () => {
    const started = performance.now();
    db = await engine.create();
    console.info(`[db.test] ${engine.name} create(): ${Math.round(performance.now() - started)} ms`);
  }, START_TIMEOUT);

  afterAll(async () => {
    await db?.close();
  });

  it('reports its kind', () => {
    expect(db.kind).toBe(engine.name);
  });

  it('round-trips column types to the same JS values', async () => {
    await db.exec(`
      CREATE TABLE rt (
        id serial8 PRIMARY KEY,
        amount int8 NOT NULL,
        price numeric(12, 2),
        at timestamptz,
        doc jsonb,
        raw json,
        flag bool,
        label text,
        missing text
      );
    `);
    const at = new Date('2024-03-04T05:06:07.089Z');
    const inserted = await db.query(
      'INSERT INTO rt (amount, price, at, doc, raw, flag, label, missing) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
      [
        9_007_199_254_740_991,
        '12.50',
        at,
        { a: 1, nested: { list: [1, 'two', null] } },
        JSON.stringify([1, 2, 3]),
        true,
        'héllo ✓',
        null,
      ],
    );
    const expected = {
      id: 1,
      amount: 9_007_199_254_740_991,
      price: '12.50',
      at,
      doc: { a: 1, nested: { list: [1, 'two', null] } },
      raw: [1, 2, 3],
      flag: true,
      label: 'héllo ✓',
      missing: null,
    };
    expect(inserted).toStrictEqual([expected]);
    expect(await db.query('SELECT * FROM rt WHERE id = $1', [1])).toStrictEqual([expected]);
    const [row] = await db.query<{ at: Date; amount: number }>('SELECT at, amount FROM rt');
    expect(row?.at).toBeInstanceOf(Date);
    expect(typeof row?.amount).toBe('number');
  });

  it('maps literals and built-in types identically', async () => {
    const rows = await db.query(`
      SELECT
        42::int2 AS i2, 42::int4 AS i4, -42::int8 AS i8, count(*) AS cnt, sum(x) AS total,
        1.5::float8 AS f8, 0.1::numeric + 0.2::numeric AS n,
        true AS t, false AS f, NULL::int8 AS nul,
        '2024-02-29'::date AS d,
        '2024-02-29 23:59:59.5'::timestamp AS ts,
        '2024-02-29 23:59:59.5+02'::timestamptz AS tstz,
        '\\x00ff10'::bytea AS bin,
        '{1,2,NULL}'::int8[] AS arr8, ARRAY['a', 'b,c', NULL] AS arrt, ARRAY[true, false] AS arrb,
        ARRAY['1.10'::numeric] AS arrn, '{"a": 1}'::jsonb AS j,
        '00000000-0000-0000-0000-000000000001'::uuid AS u, '1 day'::interval AS iv
      FROM (VALUES (1::int8), (2::int8)) AS v(x)
    `);
    expect(rows).toStrictEqual([
      {
        i2: 42,
        i4: 42,
        i8: -42,
        cnt: 2,
        total: '3',
        f8: 1.5,
        n: '0.3',
        t: true,
        f: false,
        nul: null,
        d: '2024-02-29',
        ts: new Date('2024-02-29T23:59:59.500Z'),
        tstz: new Date('2024-02-29T21:59:59.500Z'),
        bin: new Uint8Array([0, 255, 16]),
        arr8: [1, 2, null],
        arrt: ['a', 'b,c', null],
        arrb: [true, false],
        arrn: ['1.10'],
        j: { a: 1 },
        u: '00000000-0000-0000-0000-000000000001',
        iv: '1 day',
      },
    ]);
  });

  it('sends Date and Uint8Array parameters', async () => {
    const at = new Date('2030-01-02T03:04:05.678Z');
    const [row] = await db.query<{ at: Date; d: string; bin: Uint8Array; ts: Date }>(
      'SELECT $1::timestamptz AS at, $1::timestamptz::date::text AS d, $2::bytea AS bin, $3::timestamp AS ts',
      [at, new Uint8Array([1, 2, 3]), at],
    );
    expect(row).toStrictEqual({ at, d: '2030-01-02', bin: new Uint8Array([1, 2, 3]), ts: at });
  });

  it('refuses int8 values outside the safe integer range', async () => {
    await expect(db.query("SELECT '9007199254740993'::int8 AS big")).rejects.toThrow(/safe integer/);
    // the connection is still usable afterwards
    expect(await db.query('SELECT 1 AS one')).toStrictEqual([{ one: 1 }]);
  });

  it('reads a table changed under its prepared statements (another instance migrated)', async () => {
    await db.exec('CREATE TABLE reshaped (id int4 PRIMARY KEY); INSERT INTO reshaped VALUES (1)');
    const read = () => db.query('SELECT * FROM reshaped WHERE id = $1', [1]);
    // Prepared on several connections (PostgreSQL's pool) before the change.
    for (const rows of await Promise.all([read(), read(), read(), read()])) {
      expect(rows).toStrictEqual([{ id: 1 }]);
    }
    await db.exec("ALTER TABLE reshaped ADD COLUMN note text NOT NULL DEFAULT 'new'");
    for (const rows of await Promise.all([read(), read(), read(), read()])) {
      expect(rows).toStrictEqual([{ id: 1, note: 'new' }]);
    }
    expect(await read()).toStrictEqual([{ id: 1, note: 'new' }]);
  });

  it('query() takes a single statement; exec() takes several', async () => {
    await expect(db.query('SELECT 1; SELECT 2')).rejects.toThrow();
    await db.exec('CREATE TABLE multi (v int4); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2);');
    expect(await db.query('SELECT v FROM multi ORDER BY v')).toStrictEqual([{ v: 1 }, { v: 2 }]);
  });

  it('commits and rolls back transactions', async () => {
    await db.exec('CREATE TABLE tx_items (id int4 PRIMARY KEY, name text NOT NULL)');
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_items VALUES ($1, $2)', [1, 'one']);
      await tx.exec("INSERT INTO tx_items VALUES (2, 'two'); INSERT INTO tx_items VALUES (3, 'three');");
      return 'done';
    });
    expect(result).toBe('done');

    const boom = new Error('boom');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_items VALUES ($1, $2)', [4, 'four']);
        throw boom;
      }),
    ).rejects.toBe(boom);

    expect(await db.query('SELECT id FROM tx_items ORDER BY id')).toStrictEqual([
      { id: 1 },
      { id: 2 },
      { id: 3 },
    ]);
  });

  it('rejects with 25P02 when a failed transaction is committed anyway', async () => {
    await db.exec('CREATE TABLE tx_abort (id int4 PRIMARY KEY)');
    const error = await rejection(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_abort VALUES (1)');
        await tx.query('INSERT INTO tx_abort VALUES (1)').catch(() => {}); // swallowed
      }),
    );
    expect(error.code).toBe('25P02');
    expect(await db.query('SELECT * FROM tx_abort')).toStrictEqual([]);
  });

  it('refuses a transaction object used after its end', async () => {
    let leaked: { query(sql: string): Promise<unknown> } | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.query('SELECT 1')).rejects.toThrow(/closed/);
  });

  it('serializes concurrent SELECT … FOR UPDATE increments', async () => {
    await db.exec(
      'CREATE TABLE counters (id int4 PRIMARY KEY, value int8 NOT NULL); INSERT INTO counters VALUES (1, 0);',
    );
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ value: number }>(
            'SELECT value FROM counters WHERE id = 1 FOR UPDATE',
          );
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.query('UPDATE counters SET value = $1 WHERE id = 1', [(row?.value ?? 0) + 1]);
        }),
      ),
    );
    expect(await db.query('SELECT value FROM counters')).toStrictEqual([{ value: 20 }]);
  });

  it('surfaces unique violations with code 23505', async () => {
    await db.exec('CREATE TABLE idem (key text PRIMARY KEY, body jsonb)');
    await db.query('INSERT INTO idem VALUES ($1, $2)', ['k1', { n: 1 }]);
    const direct = await rejection(db.query('INSERT INTO idem VALUES ($1, $2)', ['k1', { n: 2 }]));
    expect(direct.code).toBe('23505');
    expect(direct).toBeInstanceOf(Error);
    expect(isUniqueViolation(direct)).toBe(true);

    const inTx = await rejection(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO idem VALUES ($1, $2)', ['k2', null]);
        await tx.query('INSERT INTO idem VALUES ($1, $2)', ['k1', null]);
      }),
    );
    expect(inTx.code).toBe('23505');
    expect(await db.query('SELECT key FROM idem ORDER BY key')).toStrictEqual([{ key: 'k1' }]);
  });

  it('delivers NOTIFY payloads to listeners', async () => {
    const received: string[] = [];
    const other: string[] = [];
    const stop = await db.listen('payments_events', (payload) => received.push(payload));
    const stopOther = await db.listen('other_events', (payload) => other.push(payload));
    await db.notify('payments_events', 'first');
    await db.notify('payments_events', JSON.stringify({ id: 2 }));
    await waitFor(() => received.length === 2);
    expect(received).toEqual(['first', '{"id":2}']);

    // NOTIFY inside a rolled-back transaction is never delivered; a committed one is, after COMMIT.
    await db
      .transaction(async (tx) => {
        await tx.query("SELECT pg_notify('payments_events', 'rolled back')");
        throw new Error('rollback');
      })
      .catch(() => {});
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('payments_events', 'committed')");
    });
    await waitFor(() => received.length === 3);
    expect(received[2]).toBe('committed');

    await stop();
    await stop(); // idempotent
    await db.notify('payments_events', 'after stop');
    await db.notify('other_events', 'still listening');
    await waitFor(() => other.length === 1);
    expect(received).toEqual(['first', '{"id":2}', 'committed']);
    await stopOther();
    await expect(db.listen('Bad-Channel', () => {})).rejects.toThrow(/invalid channel/);
  });

  it('applies migrations once, in order, and skips them afterwards', async () => {
    const migrations: Migration[] = [
      {
        id: '0001_accounts',
        sql: 'CREATE TABLE accounts (id text PRIMARY KEY); CREATE INDEX accounts_idx ON accounts (id);',
      },
      { id: '0002_seed', sql: "INSERT INTO accounts VALUES ('a'); INSERT INTO accounts VALUES ('b');" },
    ];
    expect(await migrate(db, migrations)).toEqual(['0001_accounts', '0002_seed']);
    expect(await migrate(db, migrations)).toEqual([]);
    const more = [...migrations, { id: '0003_more', sql: "INSERT INTO accounts VALUES ('c')" }];
    const later = Date.parse('2031-06-01T00:00:00.000Z');
    expect(await migrate(db, more, () => later)).toEqual(['0003_more']);
    expect(await db.query('SELECT id FROM accounts ORDER BY id')).toStrictEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
    ]);
    const log = await db.query<{ id: string; applied_at: Date }>(
      'SELECT id, applied_at FROM ayokit_migrations ORDER BY id',
    );
    expect(log.map((r) => r.id)).toEqual(['0001_accounts', '0002_seed', '0003_more']);
    expect(log[0]?.applied_at).toBeInstanceOf(Date);
    // applied_at comes from the caller's clock, not the server's now()
    expect(log[2]?.applied_at).toEqual(new Date(later));
  });

  it('rolls a failing migration back entirely', async () => {
    const bad: Migration[] = [
      { id: '0100_ok', sql: 'CREATE TABLE mig_ok (id int4)' },
      { id: '0101_bad', sql: 'CREATE TABLE mig_half (id int4); SELECT * FROM no_such_table;' },
    ];
    const error = await rejection(migrate(db, bad));
    expect(error.message).toMatch(/0101_bad/);
    expect(error.code).toBe('42P01');
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name IN ('mig_ok', 'mig_half') AND table_schema = current_schema()",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['mig_ok']);
    expect(await db.query("SELECT id FROM ayokit_migrations WHERE id LIKE '01%'")).toStrictEqual([
      { id: '0100_ok' },
    ]);
  });

  it('lets concurrent migrate() calls apply each migration once', async () => {
    const migrations: Migration[] = [
      // Not idempotent on purpose: a second application would fail.
      { id: '0200_race', sql: 'CREATE TABLE race (n int4); INSERT INTO race VALUES (1);' },
      { id: '0201_race', sql: 'INSERT INTO race VALUES (2)' },
    ];
    const results = await Promise.all([
      migrate(db, migrations),
      migrate(db, migrations),
      migrate(db, migrations),
    ]);
    expect(results.flat().sort()).toEqual(['0200_race', '0201_race']);
    expect(await db.query('SELECT n FROM race ORDER BY n')).toStrictEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe('postgres only', () => {
  it('two processes migrating one schema at once apply each migration once', async () => {
    const schema = randomSchemaName();
    const first = await createTestPostgresDb(schema);
    // A second pool on the same schema stands for another process.
    const second = await createPostgresDb({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const migrations: Migration[] = Array.from({ length: 5 }, (_, i) => ({
        id: `000${i}`,
        sql:
          i === 0
            ? 'CREATE TABLE shared (n int4 UNIQUE)'
            : `SELECT pg_sleep(0.02); INSERT INTO shared VALUES (${i})`,
      }));
      const [a, b] = await Promise.all([migrate(first, migrations), migrate(second, migrations)]);
      expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.id));
      expect(await first.query('SELECT count(*) AS n FROM shared')).toStrictEqual([{ n: 4 }]);
      expect(await second.query('SELECT count(*) AS n FROM ayokit_migrations')).toStrictEqual([{ n: 5 }]);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('re-establishes a dropped LISTEN connection quietly', async () => {
    const db = await createTestPostgresDb();
    try {
      const received: string[] = [];
      await db.listen('reconnect_test', (payload) => received.push(payload));
      await db.notify('reconnect_test', 'before');
      await waitFor(() => received.length === 1);

      const killed = await db.query<{ ok: boolean }>(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = 'LISTEN reconnect_test' AND pid <> pg_backend_pid()",
      );
      expect(killed).toStrictEqual([{ ok: true }]);

      // Keep notifying until the new connection listens again.
      const deadline = Date.now() + 10_000;
      while (!received.includes('after') && Date.now() < deadline) {
        await db.notify('reconnect_test', 'after');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(received).toContain('after');
    } finally {
      await db.close();
    }
  }, 30_000);

  it('sends BEGIN with the first statement of a transaction: one round trip fewer, same outcome', async () => {
    const schema = randomSchemaName();
    const db = await createPostgresDb({ connectionString: TEST_DATABASE_URL, schema, max: 1 });
    const sent: string[] = [];
    // What each call into node-postgres sends: one call is one round trip.
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      const config = args[0];
      const text = typeof config === 'string' ? config : (config as { text?: string }).text;
      sent.push(`${(config as object).constructor.name === 'BeginFirst' ? 'BEGIN+' : ''}${text ?? '?'}`);
      return original.apply(this, args);
    } as never);
    try {
      await db.exec('CREATE TABLE t (n int4 PRIMARY KEY)');
      sent.length = 0;
      const rows = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', [1]);
        return tx.query<{ n: number }>('SELECT n FROM t');
      });
      expect(rows).toStrictEqual([{ n: 1 }]);
      expect(sent).toEqual(['BEGIN+INSERT INTO t VALUES ($1)', 'SELECT n FROM t', 'COMMIT']);
      // A transaction that runs nothing sends nothing.
      sent.length = 0;
      expect(await db.transaction(async () => 'nothing')).toBe('nothing');
      expect(sent).toEqual([]);
      // The first statement fails: nothing of the transaction stays, and the connection goes on.
      await expect(db.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [1]))).rejects.toMatchObject({
        code: '23505',
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES ($1)', [2]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await db.query('SELECT n FROM t ORDER BY n')).toStrictEqual([{ n: 1 }]);
      // A statement whose own Parse fails on its first use (its table does not exist yet) is not
      // taken for prepared when it comes again on the one connection.
      await expect(db.transaction((tx) => tx.query('SELECT * FROM later'))).rejects.toMatchObject({
        code: '42P01',
      });
      await db.exec('CREATE TABLE later (n int4)');
      expect(await db.transaction((tx) => tx.query('SELECT * FROM later'))).toStrictEqual([]);
    } finally {
      spy.mockRestore();
      await db.close();
    }
  });

  it('fails loudly when the server cannot be reached', async () => {
    const error = await rejection(
      createPostgresDb({ connectionString: 'postgres://postgres:secret@127.0.0.1:1/nope' }),
    );
    expect(error.message).toMatch(
      /Cannot use PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nope/,
    );
    expect(error.message).not.toContain('secret');
  });
});

describe('pglite on disk', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-pglite-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'keeps its data across close and reopen (and creates the folder)',
    async () => {
      const dataDir = join(dir, 'nested', 'pgdata');
      const first = await createPgliteDb({ dataDir });
      await migrate(first, [{ id: '0001', sql: 'CREATE TABLE kept (id int8 PRIMARY KEY, at timestamptz)' }]);
      const at = new Date('2025-06-07T08:09:10.111Z');
      await first.query('INSERT INTO kept VALUES ($1, $2)', [7, at]);
      await first.close();
      await first.close(); // idempotent

      const second = await createPgliteDb({ dataDir });
      try {
        expect(await second.query('SELECT * FROM kept')).toStrictEqual([{ id: 7, at }]);
        expect(await migrate(second, [{ id: '0001', sql: 'CREATE TABLE kept (id int8)' }])).toEqual([]);
      } finally {
        await second.close();
      }
    },
    START_TIMEOUT,
  );

  it(
    'one process per folder: a second opener is refused by name while the first holds it; a lock left by a crash is taken over',
    async () => {
      const dataDir = join(dir, 'shared');
      const first = await createPgliteDb({ dataDir });
      const second = await rejection(createPgliteDb({ dataDir }));
      expect(second.message).toContain(`PGlite's data folder ${dataDir} is in use by process ${process.pid}`);
      expect(second.message).toContain('run several instances on PostgreSQL (DATABASE_URL)');
      // Another host's lock cannot be checked: refused too.
      await first.close();
      await writeFile(`${dataDir}.lock`, JSON.stringify({ pid: 1, host: 'another-host' }));
      expect((await rejection(createPgliteDb({ dataDir }))).message).toContain('on another-host');
      // A process of this host that is gone (a crash left its lock): taken over.
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      await writeFile(`${dataDir}.lock`, JSON.stringify({ pid: Number(gone.stdout), host: hostname() }));
      const third = await createPgliteDb({ dataDir });
      await third.close();
      expect(existsSync(`${dataDir}.lock`)).toBe(false);
    },
    START_TIMEOUT,
  );
});
