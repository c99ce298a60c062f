/** The demo's own endpoints (sign-in) and the sandbox's control API, on the same origin. */
export interface Shopper {
  id: string;
  name: string;
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

export const backend = {
  shoppers: () =>
    fetch('/demo/shoppers')
      .then((r) => json<{ shoppers: Shopper[] }>(r))
      .then((r) => r.shoppers),
  signIn: (shopperId: string) =>
    fetch('/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shopperId }),
    }).then((r) => json<{ shopper: Shopper }>(r)),
  session: () =>
    fetch('/demo/session')
      .then((r) => json<{ shopper: Shopper | null }>(r))
      .then((x) => x.shopper),
  signOut: () => fetch('/demo/session', { method: 'DELETE' }).then(() => undefined),
  sandbox: (path: string, body?: unknown) =>
    fetch(`/sandbox/${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).then((r) => json<unknown>(r)),
};
