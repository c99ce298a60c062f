import { AyoError, type Failure } from '@ayokit/core';

/** An error as flows show it: a stable code, words for people, and the bank's responseCode. */
export type FlowError = Failure;

export function toFlowError(err: unknown): FlowError {
  if (err instanceof AyoError) {
    return err.responseCode
      ? { code: err.code, message: err.message, responseCode: err.responseCode }
      : { code: err.code, message: err.message };
  }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** The request never got an answer: retrying with the same Idempotency-Key is safe. */
export function isRetryableTransport(err: FlowError): boolean {
  return err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'INTERNAL' || err.code === 'RATE_LIMITED';
}
