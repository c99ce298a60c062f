import { sandboxRoute } from '@/lib/ayokit';

// The simulator's control API (virtual clock, faults, ledgers), for rehearsals and tests.
export const GET = sandboxRoute;
export const POST = sandboxRoute;
export const DELETE = sandboxRoute;
