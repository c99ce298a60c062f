import { Hono } from 'hono';
import { returnPage } from '../http/returnPage';
import type { RouteDeps } from './types';

/** Where the bank's or the gateway's page sends the shopper back; it ends the shop's popup or iframe. */
export function returnPageRoutes({ allowedOrigins }: RouteDeps) {
  return new Hono().get('/', (c) => {
    // The bank's page may run in the shop's iframe dialog; so may this page that ends it.
    c.header('Content-Security-Policy', `frame-ancestors 'self' ${[...allowedOrigins].join(' ')}`);
    return c.html(
      returnPage([...allowedOrigins], {
        bindingId: c.req.query('ayokitBinding') ?? null,
        cardRegistrationId: c.req.query('ayokitCardRegistration') ?? null,
        status: c.req.query('status') ?? null,
      }),
    );
  });
}
