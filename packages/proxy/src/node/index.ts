// Node-only pieces: the PostgreSQL engine (node-postgres), files and the environment.
export { createPostgresDb } from '../db/postgres';
// The rule `createAyoProxy` applies to the secrets it is given, for a server reading its own variables.
export { pasteProblem } from '../options';
export {
  type AyoconnectEnv,
  nonEmptyVariable,
  optionalVariable,
  type ReadAyoconnectEnvOptions,
  type ReadShopEnvOptions,
  readAyoconnectEnv,
  readShopEnv,
  type ShopEnv,
  shownValue,
} from './env';
export { loadWireProfile } from './profile';
