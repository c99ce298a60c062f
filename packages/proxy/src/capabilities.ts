import { AyoError, type Capabilities } from '@ayokit/core';
import type { WireProfile } from '@ayokit/core/snap';
import { Hono } from 'hono';
import type { FlowContext } from './context';

/** What the provider's API offers, from the wire profile: the same answer to shoppers, staff and server. */
export function capabilitiesOf(profile: WireProfile): Capabilities {
  const { otpResend, cardRefund, cardVoid } = profile.capabilities;
  return { otpResend, cardRefund, cardVoid };
}

const WHAT: Record<keyof Capabilities, string> = {
  otpResend: 'Sending a new OTP',
  cardRefund: 'Refunding a card payment',
  cardVoid: 'Voiding a card payment',
};

/**
 * Refuses (NOT_SUPPORTED, 422) an action the provider has no API for, before anything is stored
 * or sent upstream: a request that is bound to fail there is never made.
 */
export function requireCapability(ctx: FlowContext, name: keyof Capabilities): void {
  if (!ctx.profile.capabilities[name]) throw capabilityMissing(name);
}

/** NOT_SUPPORTED for an operation the payment provider's API lacks. */
export function capabilityMissing(name: keyof Capabilities): AyoError {
  const how = name === 'cardRefund' ? ' Card refunds are made by Ayoconnect operations.' : '';
  return new AyoError('NOT_SUPPORTED', `${WHAT[name]} is not offered by the payment provider's API.${how}`);
}

/** `GET /capabilities`, mounted on the shopper and the staff API (behind their own auth). */
export function capabilityRoutes(ctx: FlowContext) {
  return new Hono().get('/', (c) => c.json(capabilitiesOf(ctx.profile)));
}
