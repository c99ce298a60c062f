// Node-only pieces: the PostgreSQL engine (node-postgres), files and the environment.
export { createPostgresDb } from '../db/postgres';
export { type AyoconnectEnv, type ReadAyoconnectEnvOptions, readAyoconnectEnv } from './env';
export { loadWireProfile } from './profile';
