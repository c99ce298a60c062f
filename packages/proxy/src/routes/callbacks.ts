import { Hono } from 'hono';
import { CALLBACK_TOO_LARGE, MAX_CALLBACK_BYTES, receiveCallback } from '../callbacks';
import { readBodyText } from '../http/errors';
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
    // Refused as it arrives, never read whole: by its Content-Length, or while it streams in.
    const body = await readBodyText(c, MAX_CALLBACK_BYTES);
    if (body === null) return c.json(CALLBACK_TOO_LARGE.body, CALLBACK_TOO_LARGE.status);
    const outcome = await receiveCallback(
      ctx,
      { path: new URL(c.req.url).pathname, headers: c.req.raw.headers, body },
      options,
    );
    return c.json(outcome.body, outcome.status);
  });
}
