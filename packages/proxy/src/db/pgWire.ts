/**
 * The few messages of PostgreSQL's wire protocol (v3) that the PGlite engine exchanges, written
 * and read here instead of through PGlite's own `protocol` module: its writer grows a buffer per
 * call and its reader copies every field byte by byte, together about a tenth of the proxy's
 * thread in `pnpm bench`'s profile. Text formats only (parameters and results), as node-postgres.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Frontend messages, appended to one buffer: `finish()` returns them as one Uint8Array. */
export class MessageWriter {
  private buffer = new Uint8Array(512);
  private view = new DataView(this.buffer.buffer);
  private at = 0;

  /** Simple query: `sql` may hold several statements; no parameters. */
  query(sql: string): this {
    const start = this.begin(0x51); // Q
    this.cstring(sql);
    return this.end(start);
  }

  /** Parse `sql` as the statement `name` ('' for the unnamed one), parameter types left to the server. */
  parse(name: string, sql: string): this {
    const start = this.begin(0x50); // P
    this.cstring(name);
    this.cstring(sql);
    this.int16(0);
    return this.end(start);
  }

  /** Describe the statement (`S`) or the portal (`P`) `name`. */
  describe(kind: 'S' | 'P', name: string): this {
    const start = this.begin(0x44); // D
    this.byte(kind === 'S' ? 0x53 : 0x50);
    this.cstring(name);
    return this.end(start);
  }

  /** Bind `values` (text, null for NULL) to `statement` in the unnamed portal; results in text. */
  bind(statement: string, values: readonly (string | null)[]): this {
    const start = this.begin(0x42); // B
    this.cstring(''); // the unnamed portal
    this.cstring(statement);
    this.int16(0); // every parameter in text
    this.int16(values.length);
    for (const value of values) {
      if (value === null) {
        this.int32(-1);
        continue;
      }
      const lengthAt = this.at;
      this.int32(0);
      const written = this.text(value);
      this.view.setInt32(lengthAt, written);
    }
    this.int16(0); // every result column in text
    return this.end(start);
  }

  /** Execute the unnamed portal, every row. */
  execute(): this {
    const start = this.begin(0x45); // E
    this.cstring('');
    this.int32(0);
    return this.end(start);
  }

  sync(): this {
    return this.end(this.begin(0x53)); // S
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.at);
  }

  private begin(code: number): number {
    this.byte(code);
    const start = this.at;
    this.int32(0); // the length, written by end()
    return start;
  }

  private end(start: number): this {
    this.view.setInt32(start, this.at - start);
    return this;
  }

  private room(bytes: number) {
    if (this.at + bytes <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.at + bytes));
    next.set(this.buffer.subarray(0, this.at));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  private byte(value: number) {
    this.room(1);
    this.buffer[this.at++] = value;
  }

  private int16(value: number) {
    this.room(2);
    this.view.setInt16(this.at, value);
    this.at += 2;
  }

  private int32(value: number) {
    this.room(4);
    this.view.setInt32(this.at, value);
    this.at += 4;
  }

  /** UTF-8 bytes of `value`; returns how many. */
  private text(value: string): number {
    this.room(value.length * 3);
    const { written } = encoder.encodeInto(value, this.buffer.subarray(this.at));
    this.at += written;
    return written;
  }

  private cstring(value: string) {
    this.text(value);
    this.byte(0);
  }
}

/** A result column as RowDescription gives it. */
export interface WireField {
  name: string;
  dataTypeID: number;
}

/** What came back from one call, in order. */
export type BackendMessage =
  | { name: 'rowDescription'; fields: WireField[] }
  | { name: 'dataRow'; fields: (string | null)[] }
  | { name: 'commandComplete'; text: string }
  | { name: 'notification'; channel: string; payload: string }
  | { name: 'error'; error: DatabaseError };

/**
 * An ErrorResponse as an Error with PostgreSQL's fields under node-postgres's names (`code` is
 * the SQLSTATE), so that callers read both engines' errors alike.
 */
export interface DatabaseError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
}

const ERROR_FIELDS: Record<number, keyof DatabaseError> = {
  83: 'severity', // S
  67: 'code', // C
  68: 'detail', // D
  72: 'hint', // H
  80: 'position', // P
  87: 'where', // W
  115: 'schema', // s
  116: 'table', // t
  99: 'column', // c
  100: 'dataType', // d
  110: 'constraint', // n
};

/** Reads the backend messages of one answer (complete messages; PGlite answers whole). */
export function readMessages(bytes: Uint8Array): BackendMessage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: BackendMessage[] = [];
  let at = 0;
  const cstring = (from: number): [string, number] => {
    const zero = bytes.indexOf(0, from);
    const end = zero < 0 ? bytes.length : zero;
    return [decoder.decode(bytes.subarray(from, end)), end + 1];
  };
  while (at + 5 <= bytes.length) {
    const code = bytes[at] as number;
    const length = view.getInt32(at + 1);
    const body = at + 5;
    const next = at + 1 + length;
    if (length < 4 || next > bytes.length) break;
    switch (code) {
      case 0x44: {
        // D: DataRow
        const count = view.getInt16(body);
        const fields: (string | null)[] = new Array(count);
        let p = body + 2;
        for (let i = 0; i < count; i++) {
          const size = view.getInt32(p);
          p += 4;
          if (size < 0) {
            fields[i] = null;
          } else {
            fields[i] = decodeText(bytes, p, size);
            p += size;
          }
        }
        out.push({ name: 'dataRow', fields });
        break;
      }
      case 0x54: {
        // T: RowDescription
        const count = view.getInt16(body);
        const fields: WireField[] = [];
        let p = body + 2;
        for (let i = 0; i < count; i++) {
          const [name, after] = cstring(p);
          // table OID (4), column number (2), then the type OID (4), size (2), modifier (4), format (2)
          fields.push({ name, dataTypeID: view.getInt32(after + 6) });
          p = after + 18;
        }
        out.push({ name: 'rowDescription', fields });
        break;
      }
      case 0x43: {
        // C: CommandComplete
        out.push({ name: 'commandComplete', text: cstring(body)[0] });
        break;
      }
      case 0x41: {
        // A: NotificationResponse (process id, channel, payload)
        const [channel, after] = cstring(body + 4);
        out.push({ name: 'notification', channel, payload: cstring(after)[0] });
        break;
      }
      case 0x45: {
        // E: ErrorResponse
        const fields: Partial<Record<keyof DatabaseError, string>> = {};
        let message = '';
        let p = body;
        while (p < next && bytes[p] !== 0) {
          const type = bytes[p] as number;
          const [value, after] = cstring(p + 1);
          if (type === 0x4d)
            message = value; // M
          else if (ERROR_FIELDS[type]) fields[ERROR_FIELDS[type]] = value;
          p = after;
        }
        const error = Object.assign(new Error(message), fields) as DatabaseError;
        error.name = 'DatabaseError';
        out.push({ name: 'error', error });
        break;
      }
      default:
      // ParseComplete, BindComplete, NoData, ReadyForQuery, notices, parameter statuses: not read.
    }
    at = next;
  }
  return out;
}

/** A field's UTF-8 text; short ASCII (ids, numbers, timestamps, statuses) without TextDecoder. */
function decodeText(bytes: Uint8Array, from: number, size: number): string {
  if (size <= 64) {
    let ascii = true;
    for (let i = from; i < from + size; i++) {
      if ((bytes[i] as number) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii)
      return String.fromCharCode.apply(null, bytes.subarray(from, from + size) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(from, from + size));
}
