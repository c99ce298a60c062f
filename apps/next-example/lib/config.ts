import { join } from 'node:path';

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
  /** Set: real Ayoconnect (or its sandbox host). Unset: the built-in simulator, @ayokit/sandbox. */
  ayoconnect:
    | {
        baseUrl: string;
        clientId: string;
        clientSecret: string;
        privateKeyPem: string;
        merchantId: string;
        callbackSecret: string | undefined;
      }
    | undefined;
}

const pem = (value: string) => value.replace(/\\n/g, '\n');

export function readConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? publicUrl)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const { AYOCONNECT_CLIENT_ID: clientId, AYOCONNECT_CLIENT_SECRET: clientSecret } = env;
  const privateKey = env.AYOCONNECT_PRIVATE_KEY;
  return {
    publicUrl,
    allowedOrigins,
    dataDir: env.AYOKIT_DATA_DIR ?? join(process.cwd(), '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    ayoconnect:
      clientId && clientSecret && privateKey
        ? {
            baseUrl: env.AYOCONNECT_BASE_URL ?? 'https://sandbox.api.of.ayoconnect.id',
            clientId,
            clientSecret,
            privateKeyPem: pem(privateKey),
            merchantId: env.AYOCONNECT_MERCHANT_ID ?? 'AYOKIT',
            callbackSecret: env.AYOCONNECT_CALLBACK_SECRET || undefined,
          }
        : undefined,
  };
}
