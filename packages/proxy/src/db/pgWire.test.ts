import { describe, expect, it } from 'vitest';
import { MessageWriter, readMessages } from './pgWire.js';
import { createTestPgliteDb } from './testing.js';

/** A backend message: code, length, body. */
function message(code: string, body: number[]): number[] {
  const length = body.length + 4;
  return [
    code.charCodeAt(0),
    (length >>> 24) & 255,
    (length >>> 16) & 255,
    (length >>> 8) & 255,
    length & 255,
    ...body,
  ];
}
const cstring = (text: string) => [...new TextEncoder().encode(text), 0];
const int16 = (n: number) => [(n >>> 8) & 255, n & 255];
const int32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const field = (text: string | null) =>
  text === null
    ? int32(-1)
    : [...int32(new TextEncoder().encode(text).length), ...new TextEncoder().encode(text)];

describe('PostgreSQL wire messages (PGlite engine)', () => {
  it('writes Bind with NULLs, multibyte text and values longer than its first buffer', () => {
    const long = `Rp 1.000 — ${'é'.repeat(400)}`;
    const bytes = new MessageWriter().bind('s1', [null, 'ok', long]).sync().finish();
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(bytes[0] as number)).toBe('B');
    const bindLength = view.getInt32(1);
    // B + length, then Sync (S, length 4) right after it
    expect(String.fromCharCode(bytes[1 + bindLength] as number)).toBe('S');
    expect(view.getInt32(2 + bindLength)).toBe(4);
    expect(bytes.length).toBe(1 + bindLength + 5);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(long);
  });

  it('reads rows (NULL, ASCII, multibyte, long), descriptions, tags, notifications and errors', () => {
    const long = 'ü'.repeat(100);
    const bytes = Uint8Array.from([
      ...message('T', [
        ...int16(1),
        ...cstring('name'),
        ...int32(0),
        ...int16(0),
        ...int32(25),
        ...int16(-1),
        ...int32(-1),
        ...int16(0),
      ]),
      ...message('D', [...int16(4), ...field(null), ...field('abc'), ...field('Bayar ✓'), ...field(long)]),
      ...message('C', cstring('SELECT 1')),
      ...message('A', [...int32(42), ...cstring('ayokit_events'), ...cstring('{"id":1}')]),
      ...message('E', [
        ...[0x53, ...cstring('ERROR')],
        ...[0x43, ...cstring('23505')],
        ...[0x4d, ...cstring('duplicate key value violates unique constraint "k"')],
        ...[0x44, ...cstring('Key (id)=(1) already exists.')],
        ...[0x6e, ...cstring('k')],
        0,
      ]),
      ...message('Z', [0x49]),
    ]);
    const messages = readMessages(bytes);
    expect(messages.slice(0, 4)).toEqual([
      { name: 'rowDescription', fields: [{ name: 'name', dataTypeID: 25 }] },
      { name: 'dataRow', fields: [null, 'abc', 'Bayar ✓', long] },
      { name: 'commandComplete', text: 'SELECT 1' },
      { name: 'notification', channel: 'ayokit_events', payload: '{"id":1}' },
    ]);
    const error = messages[4];
    expect(error?.name).toBe('error');
    expect(error?.name === 'error' && error.error).toMatchObject({
      message: 'duplicate key value violates unique constraint "k"',
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (id)=(1) already exists.',
      constraint: 'k',
    });
    expect(messages).toHaveLength(5);
  });

  it('stops at a message cut short instead of reading past the answer', () => {
    const whole = message('C', cstring('UPDATE 1'));
    const cut = Uint8Array.from([...whole, ...message('D', [...int16(1), ...field('x')]).slice(0, 7)]);
    expect(readMessages(cut)).toEqual([{ name: 'commandComplete', text: 'UPDATE 1' }]);
  });

  it('round-trips text through PGlite: multibyte, long and NULL parameters and results', async () => {
    const db = await createTestPgliteDb();
    try {
      const long = `${'Pembayaran berhasil ✓ '.repeat(60)}é`;
      const rows = await db.query<{ a: string | null; b: string; c: string; n: number }>(
        'SELECT $1::text AS a, $2::text AS b, $3::text AS c, length($3::text)::int AS n',
        [null, 'ASCII only', long],
      );
      expect(rows).toEqual([{ a: null, b: 'ASCII only', c: long, n: long.length }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
