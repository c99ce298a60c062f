import type { StaffIdentity } from '@ayokit/core';
import type { FlowContext } from '../context';
import type { EventHub } from '../events';
import type { AyoUser } from '../flows/binding';
import type { RateLimiter } from '../http/rateLimit';

/** What every route module is built from. */
export interface RouteDeps {
  ctx: FlowContext;
  hub: EventHub;
  /** Origins of the merchant's frontend (CSRF/CORS and return URLs). */
  allowedOrigins: Set<string>;
  limits: { otp: RateLimiter; bindings: RateLimiter };
}

/** Routes of the shopper's browser: `user` is who the merchant's `authenticate` says is signed in. */
export type ShopperEnv = { Variables: { user: AyoUser } };
/** Back-office routes: `staff` is who the merchant's `authorizeStaff` says is signed in. */
export type StaffEnv = { Variables: { staff: StaffIdentity } };
