import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from './config';
import { createServer, SANDBOX_STATE_FILE } from './server';

// A configuration mistake (a variable, an option, the wire profile) stops the server here, before
// it listens, with the message that names it; anything else also prints its stack.
const CONFIG_ERRORS = new Set(['ConfigError', 'AyoConfigError', 'WireProfileError']);
const { config, server } = await (async () => {
  const config = await loadConfig();
  const server = await createServer(config);
  await server.proxy.ready.catch(async (error: unknown) => {
    await server.close().catch(() => undefined);
    throw error;
  });
  return { config, server };
})().catch((error: unknown) => {
  if (error instanceof Error && CONFIG_ERRORS.has(error.name))
    console.error(`ayokit proxy: cannot start: ${error.message}`);
  else console.error('ayokit proxy: cannot start:', error);
  process.exit(1);
});

const http = serve({ fetch: server.fetch, port: config.port, hostname: config.host }, () => {
  const mode =
    config.ayoconnect.mode === 'embedded' ? 'embedded sandbox' : `Ayoconnect at ${config.ayoconnect.baseUrl}`;
  const store = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(`ayokit proxy on ${config.publicUrl} — ${mode}, ${store}`);
  console.log(`  browser API   ${config.publicUrl}/ayokit/v1`);
  if (config.exchangeLog)
    console.log(`  exchange log  ${config.exchangeLog} (every upstream call, redacted)`);
  if (server.sandbox) {
    console.log(`  sandbox       ${config.publicUrl}/sandbox/test-data`);
    console.log(`  bank state    ${join(config.dataDir, SANDBOX_STATE_FILE)}`);
  }
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  http.close();
  await server.close(); // also saves the embedded sandbox's state
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
