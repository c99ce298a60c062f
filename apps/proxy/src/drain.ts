import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { Server } from './server';

/** How long a shutdown waits for the requests in flight by default (AYOKIT_DRAIN_TIMEOUT_MS). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 25_000;

export interface DrainResult {
  /** Requests still unanswered at the deadline, whose connections were cut. */
  cut: number;
}

export interface Drain {
  /** Requests being answered now (a live-event stream counts until it ends). */
  readonly inFlight: number;
  /**
   * A graceful shutdown: stops taking connections, ends the live-event streams, lets the requests
   * in flight finish (their answers sent) until `deadlineMs`, then cuts what is left and closes
   * the server (the proxy's background work awaited, then the state file, the exchange log and
   * the database). Called again, the same promise.
   */
  drain: () => Promise<DrainResult>;
}

/**
 * Watches the requests `http` answers so that a shutdown (SIGTERM in a rolling deploy) can wait
 * for them. Call it as soon as the server is made, before it takes a request.
 */
export function drainable(
  http: HttpServer,
  server: Pick<Server, 'beginDrain' | 'close'>,
  options: { deadlineMs: number; log?: (message: string) => void },
): Drain {
  const open = new Set<ServerResponse>();
  let draining = false;
  // The client learns the connection ends with this answer, and sends its next request elsewhere
  // (a load balancer, another instance) instead of racing the close on this one.
  const lastOnConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  http.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    if (draining) lastOnConnection(res);
    res.on('close', () => {
      open.delete(res);
      // Its connection now idle (an answer that kept `keep-alive`, such as a stream's): closed
      // too, or it would hold the drain until the keep-alive timeout.
      if (draining) setImmediate(() => http.closeIdleConnections());
    });
  });

  let running: Promise<DrainResult> | null = null;
  const run = async (): Promise<DrainResult> => {
    draining = true;
    for (const res of open) lastOnConnection(res);
    // Resolves once every connection has ended (an error: it was not listening, nothing to wait for).
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    server.beginDrain();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), options.deadlineMs);
    });
    const first = await Promise.race([closed.then(() => 'closed' as const), deadline]);
    clearTimeout(timer);
    const cut = first === 'deadline' ? open.size : 0;
    if (first === 'deadline') {
      options.log?.(`drain: ${cut} request(s) still unanswered after ${options.deadlineMs} ms; cutting them`);
      http.closeAllConnections();
      await closed;
    }
    await server.close();
    return { cut };
  };
  return {
    get inFlight() {
      return open.size;
    },
    drain: () => {
      running ??= run();
      return running;
    },
  };
}
