import { join } from 'node:path';
import { type AyoconnectEnv, readAyoconnectEnv } from '@ayokit/proxy/node';

/** What the shop reads from its environment (read on the first request, never at build time). */
export interface ShopConfig {
  /** Where shoppers reach the shop: the bank's pages and the return page are built on it. */
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? publicUrl)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    publicUrl,
    allowedOrigins,
    dataDir: env.AYOKIT_DATA_DIR ?? join(process.cwd(), '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    ayoconnect: readAyoconnectEnv(env),
  };
}
