import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, nodeHttp, nodeSend } from './http';

describe("nodeSend: Node's own HTTP client", () => {
  const answers = new Map<string, (res: ServerResponse, body: string) => void>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => answers.get(req.url ?? '')?.(res, body));
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const http = () => {
    const node = nodeHttp('http:');
    if (!node) throw new Error('not Node');
    return node;
  };
  const send = (path: string, body?: string, timeoutMs = 2_000) =>
    nodeSend(
      http(),
      new URL(path, base),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      },
      timeoutMs,
    );

  it('sends the body in UTF-8 and reads an answer whose characters are split across chunks', async () => {
    answers.set('/echo', (res, body) => {
      const bytes = Buffer.from(`\ufeff${body} · ✓`);
      res.writeHead(201);
      res.write(bytes.subarray(0, bytes.length - 2)); // cuts the check mark's three bytes
      setTimeout(() => res.end(bytes.subarray(bytes.length - 2)), 5);
    });
    // As fetch's text(): the byte order mark is not part of the text.
    expect(await send('/echo', '{"name":"Pembayaran é"}')).toEqual({
      status: 201,
      text: '{"name":"Pembayaran é"} · ✓',
    });
  });

  it('rejects with a TimeoutError when no answer comes in time, and on an answer too large', async () => {
    answers.set('/hang', () => {});
    await expect(send('/hang', '{}', 50)).rejects.toMatchObject({ name: 'TimeoutError' });
    answers.set('/huge', (res) => res.end('x'.repeat(MAX_ANSWER_BYTES + 1)));
    await expect(send('/huge')).rejects.toThrow(/larger than/);
  });

  it('is there only for http: and https: on Node', () => {
    expect(nodeHttp('http:')).toBeDefined();
    expect(nodeHttp('https:')).toBeDefined();
    expect(nodeHttp('ftp:')).toBeUndefined();
  });
});
