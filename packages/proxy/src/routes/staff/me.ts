import { Hono } from 'hono';
import type { StaffEnv } from '../types';

/** Who is signed in to the back office, with which roles (a page shows only what they may do). */
export function staffMeRoutes() {
  return new Hono<StaffEnv>().get('/', (c) => c.json({ staff: c.get('staff') }));
}
