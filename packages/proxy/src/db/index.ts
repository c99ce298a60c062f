// Web-standard entry of the database layer. The PostgreSQL engine (node-postgres) lives in
// ./postgres.ts and is exported from the package's `./node` entry only.
export { isUniqueViolation, sqlErrorCode } from './errors.js';
export { migrate } from './migrate.js';
export { createPgliteDb, type PgliteDbOptions } from './pglite.js';
export type { Db, Migration, Queryable, SqlParam, Transaction } from './types.js';
