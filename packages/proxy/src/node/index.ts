// Node-only pieces: the PostgreSQL engine (node-postgres).
export { createPostgresDb } from '../db/postgres';
export { loadWireProfile } from './profile';
