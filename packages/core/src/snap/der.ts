/**
 * Just enough DER to tell, synchronously, whether a PEM holds an RSA key of the right kind: Web
 * Crypto's import is async, and a key checked only there fails at the first request instead of at
 * startup. Used by the proxy (its private key) and the sandbox (its partners' public keys).
 */

/** One DER element: its tag and where its contents start and end. */
export interface DerElement {
  tag: number;
  start: number;
  end: number;
}

/** The DER element at `at`, or null when it does not fit inside `limit`. */
export function readDer(der: Uint8Array, at: number, limit: number): DerElement | null {
  if (at + 2 > limit) return null;
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) return null;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] as number);
    start += bytes;
  }
  const end = start + length;
  return end > limit ? null : { tag, start, end };
}

/** rsaEncryption, 1.2.840.113549.1.1.1, as its DER contents. */
const RSA_ENCRYPTION = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/** Whether `el` is the object identifier rsaEncryption. */
export function isRsaEncryption(der: Uint8Array, el: DerElement | null): boolean {
  return (
    el?.tag === 0x06 &&
    el.end - el.start === RSA_ENCRYPTION.length &&
    RSA_ENCRYPTION.every((byte, i) => der[el.start + i] === byte)
  );
}
