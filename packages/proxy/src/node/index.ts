// Node-only pieces: the PostgreSQL engine (node-postgres), files and the environment.
export { createPostgresDb } from '../db/postgres';
export {
  type AyoconnectEnv,
  type ReadAyoconnectEnvOptions,
  type ReadShopEnvOptions,
  readAyoconnectEnv,
  readShopEnv,
  type ShopEnv,
} from './env';
export { loadWireProfile } from './profile';
