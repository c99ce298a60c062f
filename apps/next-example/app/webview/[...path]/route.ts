import { sandboxRoute } from '@/lib/ayokit';

// The simulated bank's pages (binding, OTP) and the card gateway's page, which the browser opens.
export const GET = sandboxRoute;
export const POST = sandboxRoute;
