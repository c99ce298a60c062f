/**
 * Endpoint faults as middleware: `error` answers 500xx00 before anything happens; `gatewayTimeout`
 * lets the request be processed and answers 504xx00; `hang` processes it and withholds the answer.
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './auth';
import { DEFAULT_HANG_MS, type FaultEndpoint, type Faults } from './faults';
import { type CardApiEndpoint, cardErrorResponse, errorResponse, type SnapError } from './respond';

/** The endpoint's own answer to a fault: a SNAP one, or the card API's. */
function faultAnswer(endpoint: FaultEndpoint, error: SnapError): Response {
  return endpoint.startsWith('card.')
    ? cardErrorResponse(endpoint.slice('card.'.length) as CardApiEndpoint, error)
    : errorResponse(endpoint as Exclude<FaultEndpoint, `card.${string}`>, error);
}

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
  endpoint: FaultEndpoint,
): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fault = faults.takeEndpoint(endpoint);
    if (!fault) return next();
    switch (fault.action) {
      case 'error':
        return faultAnswer(endpoint, { kase: 'generalError' });
      case 'gatewayTimeout':
        await next();
        c.res = undefined;
        c.res = faultAnswer(endpoint, { kase: 'timeout', message: 'Gateway Timeout' });
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
