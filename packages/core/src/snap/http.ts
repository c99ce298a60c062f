/**
 * HTTP on Node's own client, for the servers (the proxy's upstream calls, the sandbox's
 * callbacks): `node:http`/`node:https` on their keep-alive agents skip what `fetch` builds around
 * each call (a Request, web streams for both bodies, an AbortSignal and its listeners). Undici and
 * web streams were about a sixth of the proxy's thread in `pnpm bench`'s profile. Loaded through
 * `process.getBuiltinModule`, so that a browser bundle importing this module stays free of Node.
 */
import { nodeBuiltin } from './runtime';

/** An answer, read whole. */
export interface HttpAnswer {
  status: number;
  text: string;
}

/** Answers larger than this are refused (the API's are a few kB): the call counts as failed. */
/**
 * `value` as an absolute http(s) URL, or null: the one rule of every base URL, webhook URL and
 * public URL the proxy, its app and the sandbox are configured with.
 */
export function httpUrlOf(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The part of `node:http` and `node:https` used here (typed here: this package needs no Node types). */
export interface NodeHttp {
  request(
    url: URL,
    options: { method: string; headers: Record<string, string> },
    onResponse: (response: NodeHttpResponse) => void,
  ): NodeHttpRequest;
}
interface NodeHttpResponse {
  statusCode?: number;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface NodeHttpRequest {
  destroy(error: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(body?: Uint8Array): unknown;
}

const encoder = new TextEncoder();

/** `node:http` or `node:https` for the URL's scheme when this runtime is Node; else undefined. */
export function nodeHttp(scheme: string): NodeHttp | undefined {
  const id = scheme === 'https:' ? 'node:https' : scheme === 'http:' ? 'node:http' : undefined;
  return id ? nodeBuiltin<NodeHttp>(id) : undefined;
}

/** One request, its answer read whole within `timeoutMs` (a deadline that passes rejects with a `TimeoutError`). */
export function nodeSend(
  http: NodeHttp,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const body = init.body === undefined ? undefined : encoder.encode(init.body);
    const headers = body ? { ...init.headers, 'Content-Length': String(body.length) } : init.headers;
    const request = http.request(url, { method: init.method, headers }, (response) => {
      // UTF-8 split across chunks reads right; as fetch's text(), a leading byte order mark is
      // dropped (TextDecoder's default).
      const decoder = new TextDecoder();
      let text = '';
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          request.destroy(new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
          return;
        }
        text += decoder.decode(chunk, { stream: true });
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: text + decoder.decode() });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      error.name = 'TimeoutError';
      request.destroy(error);
    }, timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}
