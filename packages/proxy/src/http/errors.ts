import { type ApiErrorBody, AyoError } from '@ayokit/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';

export function errorResponse(c: Context, err: AyoError): Response {
  return c.json(err.toJSON() satisfies ApiErrorBody, err.status as ContentfulStatusCode);
}

export function invalid(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  prefix = '',
): AyoError {
  const issues = error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
  const first = issues[0];
  return new AyoError('INVALID_REQUEST', first ? `${first.path}: ${first.message}` : undefined, { issues });
}

/** Request bodies are small JSON objects; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

const tooLarge = () => new AyoError('INVALID_REQUEST', `The body is larger than ${MAX_BODY_BYTES} bytes.`);

/**
 * The body as text, or null as soon as it is larger than `maxBytes`: by its Content-Length before
 * a byte is read, or while it streams in without one (a 12 MB body was read whole first). The
 * browser API's bodies and Ayoconnect's callbacks, each with its own limit.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string | null> {
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    if (Number(declared) > maxBytes) return null;
    const text = await c.req.text();
    return new TextEncoder().encode(text).byteLength > maxBytes ? null : text;
  }
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  const text = await readBodyText(c, MAX_BODY_BYTES);
  if (text === null) throw tooLarge();
  let data: unknown = {};
  if (text.trim() !== '') {
    if (!/^application\/json\b/i.test(type)) {
      throw new AyoError('INVALID_REQUEST', 'Send the body as application/json.');
    }
    try {
      data = JSON.parse(text);
    } catch {
      throw new AyoError('INVALID_JSON');
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

export function parseParam<S extends z.ZodMiniType>(
  schema: S,
  value: string | undefined,
  name: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error, name);
  return parsed.data;
}
