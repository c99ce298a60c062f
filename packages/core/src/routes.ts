/**
 * Where the proxy's two APIs are mounted under its base path, and the header that makes a POST
 * safe to retry. The routes of each are listed in api.ts (the shopper's) and staff.ts (the back
 * office's). No zod here: the browser packages import these.
 */
export const API_PREFIX = '/ayokit/v1';
export const STAFF_API_PREFIX = '/ayokit/staff/v1';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
