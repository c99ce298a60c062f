import { ayokit } from '@/lib/ayokit';

// Every method goes to the proxy, so its answers are its own: the CORS preflight (OPTIONS), PATCH,
// and a JSON 401 or 404 where Next.js would answer 405. The proxy is made on the first request.
const handler = async (request: Request) => (await ayokit()).proxy.fetch(request);

export const GET = handler;
export const POST = handler;
export const PATCH = handler;
export const PUT = handler;
export const DELETE = handler;
export const OPTIONS = handler;
