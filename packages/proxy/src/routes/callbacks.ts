import { Hono } from 'hono';
import { receiveCallback } from '../callbacks';
import type { RouteDeps } from './types';

/** Ayoconnect → proxy: signed callbacks, verified, deduplicated, applied forward only. */
export function callbackRoutes(
  { ctx }: RouteDeps,
  options: {
    secret: string | undefined;
    confirmAlways: boolean;
    signatureEncoding: 'hex' | 'base64' | undefined;
  },
) {
  return new Hono().post('/ayoconnect', async (c) => {
    const outcome = await receiveCallback(
      ctx,
      { path: new URL(c.req.url).pathname, headers: c.req.raw.headers, body: await c.req.text() },
      options,
    );
    return c.json(outcome.body, outcome.status);
  });
}
