import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from './config';
import { drainable } from './drain';
import { createServer, SANDBOX_STATE_FILE } from './server';

// A configuration mistake (a variable, an option, the wire profile) stops the server here, before
// it listens, with the message that names it; anything else also prints its stack.
const CONFIG_ERRORS = new Set(['AyoConfigError', 'WireProfileError']);
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

// A rolling deploy's SIGTERM: stop taking connections, end the live-event streams (browsers
// reconnect to another instance), let the requests in flight finish (AYOKIT_DRAIN_TIMEOUT_MS at
// most), then close the proxy, the sandbox's state file, the exchange log and the database.
const drain = drainable(http as HttpServer, server, {
  deadlineMs: config.drainTimeoutMs,
  log: (message) => console.warn(`ayokit proxy: ${message}`),
});
let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) {
    console.warn(`ayokit proxy: ${signal} again: exiting without waiting for the drain`);
    process.exit(1);
  }
  stopping = true;
  console.log(
    `ayokit proxy: ${signal}: finishing ${drain.inFlight} request(s) in flight (at most ${config.drainTimeoutMs} ms), then stopping`,
  );
  drain.drain().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('ayokit proxy: shutdown failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
