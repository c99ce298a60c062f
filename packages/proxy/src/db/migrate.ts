import type { Db, Migration, Transaction } from './types.js';

/**
 * Serializes migrators of the same schema (advisory locks are per database, so the key includes
 * the current schema: parallel test schemas do not wait for each other). Held until COMMIT.
 */
const LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('ayokit_migrations:' || current_schema()))";

async function lock(tx: Transaction): Promise<void> {
  await tx.query(LOCK_SQL);
}

/**
 * Applies, in the given order, every migration whose id is not yet in `ayokit_migrations`; each in
 * its own transaction together with its bookkeeping row. Safe when several processes migrate the
 * same database at once: they take turns and skip what the others applied.
 * Resolves with the ids applied by this call. `applied_at` is read from `now` (the caller's clock).
 */
export async function migrate(
  db: Db,
  migrations: Migration[],
  now: () => number = Date.now,
): Promise<string[]> {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (!id) throw new Error('migration id must not be empty');
    if (seen.has(id)) throw new Error(`duplicate migration id ${JSON.stringify(id)}`);
    seen.add(id);
  }

  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS ayokit_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });

  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await db
      .transaction(async (tx) => {
        await lock(tx);
        const done = await tx.query('SELECT 1 FROM ayokit_migrations WHERE id = $1', [migration.id]);
        if (done.length > 0) return false;
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO ayokit_migrations (id, applied_at) VALUES ($1, $2)', [
          migration.id,
          new Date(now()),
        ]);
        return true;
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw Object.assign(new Error(`migration ${migration.id} failed: ${reason}`, { cause: error }), {
          code: (error as { code?: unknown } | null)?.code,
        });
      });
    if (didApply) applied.push(migration.id);
  }
  return applied;
}
