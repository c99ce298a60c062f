import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AyoConfigError } from '@ayokit/proxy';
import {
  type AyoconnectEnv,
  nonEmptyVariable,
  optionalVariable,
  readAyoconnectEnv,
  readShopEnv,
} from '@ayokit/proxy/node';

/**
 * What the shop reads from its environment: checked when the server starts (instrumentation.ts),
 * read again by the first request that makes the proxy, never at build time.
 */
export interface ShopConfig {
  /** Where shoppers reach the shop (an origin): the bank's pages and the return page are built on it. */
  publicUrl: string;
  /** Origins of the shop's pages: the proxy's CORS and CSRF allow-list. */
  allowedOrigins: string[];
  /** The embedded database (PGlite) and, without Ayoconnect credentials, the simulator's state. */
  dataDir: string;
  /** PostgreSQL instead of the embedded database. */
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  /**
   * AYOCONNECT_*, read and checked by @ayokit/proxy as apps/proxy reads them: 'remote' (real
   * Ayoconnect, or its sandbox host) when the client id, secret, private key and merchant id are
   * all set; 'embedded' (the built-in simulator, @ayokit/sandbox) when none is. Anything in between
   * throws, naming the variable.
   */
  ayoconnect: AyoconnectEnv;
}

/**
 * Reads the environment. A mistake throws an AyoConfigError whose message begins with the variable:
 * PUBLIC_URL, ALLOWED_ORIGINS and SESSION_SECRET by apps/proxy's rules (readShopEnv), AYOCONNECT_*
 * by its reader too (readAyoconnectEnv), AYOKIT_DATA_DIR set but empty.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const shop = readShopEnv(env, { defaultPublicUrl: `http://localhost:${env.PORT?.trim() || 3000}` });
  return {
    ...shop,
    dataDir: nonEmptyVariable(env, 'AYOKIT_DATA_DIR') ?? join(process.cwd(), '.data'),
    databaseUrl: optionalVariable(env, 'DATABASE_URL'),
    ayoconnect: readAyoconnectEnv(env),
  };
}

/**
 * The whole environment, checked once when the server starts (instrumentation.ts): the variables,
 * and the data folder when the shop will write to it (PGlite, the local keys, the simulator's
 * state). Throws an AyoConfigError naming the variable. Opens no database.
 */
export function checkConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const config = readConfig(env);
  const usesDataDir = !config.databaseUrl || !config.sessionSecret || config.ayoconnect.mode === 'embedded';
  if (usesDataDir) {
    try {
      mkdirSync(config.dataDir, { recursive: true });
      accessSync(config.dataDir, constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new AyoConfigError(
        'AYOKIT_DATA_DIR',
        `cannot keep the shop's data in ${config.dataDir} (${reason}): give a folder this server can write.`,
      );
    }
  }
  return config;
}
