import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves a built single-page app from `dir`: files as they are, index.html for any other GET. */
export function serveStatic(dir: string) {
  const root = normalize(dir + sep);
  return async (request: Request): Promise<Response | null> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return null; // not a file name (`/%zz`): not ours, the server's JSON 404 answers it
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return null;
    const found = await stat(file).then(
      (s) => (s.isFile() ? file : null),
      () => null,
    );
    const target = found ?? join(root, 'index.html');
    try {
      const body = await readFile(target);
      const type = TYPES[extname(target)] ?? 'application/octet-stream';
      const immutable = found && path.startsWith('/assets/');
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          'content-type': type,
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        },
      });
    } catch {
      return null;
    }
  };
}
