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

/**
 * Whether a new OTP may be asked for now; the refusal the proxy would give (RATE_LIMITED)
 * otherwise, so the flow never sends a request that is bound to fail. `now`: the provider's clock
 * (epoch ms, `useNow()()`), the one the countdown shows.
 */
export function resendRefusal(
  otp: { resendsLeft: number; resendAvailableAt: string | null } | null,
  now: number,
): FlowError | null {
  if (!otp || otp.resendsLeft <= 0)
    return { code: 'RATE_LIMITED', message: 'No more codes can be sent for this attempt.' };
  const at = otp.resendAvailableAt ? Date.parse(otp.resendAvailableAt) : Number.NaN;
  if (!Number.isNaN(at) && at > now)
    return {
      code: 'RATE_LIMITED',
      message: `A new code can be sent in ${Math.ceil((at - now) / 1000)} seconds.`,
    };
  return null;
}
