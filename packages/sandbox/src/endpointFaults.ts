/**
 * Endpoint faults as middleware: `error` answers 500xx00 before anything happens; `gatewayTimeout`
 * lets the request be processed and answers 504xx00; `hang` processes it and withholds the answer.
 */
import type { DdEndpoint } from '@ayokit/core/snap';
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './auth';
import { DEFAULT_HANG_MS, type Faults } from './faults';
import { errorResponse } from './respond';

export class Hangs {
  private waiting = new Set<() => void>();

  /** `beforeWait` runs as a hang starts: the request was processed, so its changes are reported then. */
  constructor(private readonly beforeWait: () => void = () => {}) {}

  wait(ms: number, signal?: AbortSignal): Promise<void> {
    this.beforeWait();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.waiting.add(done);
      signal?.addEventListener('abort', done);
    });
  }

  releaseAll(): void {
    for (const done of [...this.waiting]) done();
  }
}

export function endpointFaults(
  faults: Faults,
  hangs: Hangs,
  endpoint: DdEndpoint,
): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fault = faults.takeEndpoint(endpoint);
    if (!fault) return next();
    switch (fault.action) {
      case 'error':
        return errorResponse(endpoint, { kase: 'generalError' });
      case 'gatewayTimeout':
        await next();
        c.res = undefined;
        c.res = errorResponse(endpoint, { kase: 'timeout', message: 'Gateway Timeout' });
        return;
      case 'hang':
        await next();
        await hangs.wait(fault.delayMs ?? DEFAULT_HANG_MS, c.req.raw.signal);
        return;
      default:
        return fault.action satisfies never;
    }
  };
}
