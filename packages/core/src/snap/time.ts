/** SNAP X-TIMESTAMP: ISO 8601 with an offset, in Jakarta time (+07:00), seconds precision. */
export function snapTimestamp(ms: number, offsetMinutes = 7 * 60): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Milliseconds since epoch for a SNAP timestamp; null when it is not ISO 8601 with an offset. */
export function parseSnapTimestamp(value: string | null | undefined): number | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/.test(value))
    return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random alphanumeric id (X-EXTERNAL-ID, partnerReferenceNo, authCode…). */
/** Random bytes from the CSPRNG, drawn 4 kB at a time (a payment takes several ids); each byte used once. */
let pool = new Uint8Array(0);
let drawn = 0;
function randomBytes(length: number): Uint8Array {
  if (drawn + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(Math.max(4096, length)));
    drawn = 0;
  }
  const out = pool.subarray(drawn, drawn + length);
  drawn += length;
  return out;
}

export function randomAlphanumeric(length = 32): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += ALPHANUM[b % ALPHANUM.length];
  return s;
}

export function randomDigits(length: number): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += String(b % 10);
  return s;
}
