/**
 * What is wrong with a partner's public key PEM, found without Web Crypto (which is async, and
 * createSandbox is not): the DER must be an SPKI of an RSA key, as `importPublicKey` needs, so a
 * bad key is refused at startup instead of failing the first token request with a 500.
 */

/** OID 1.2.840.113549.1.1.1 (rsaEncryption), DER-encoded contents. */
const RSA_ENCRYPTION = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** The DER element at `at`, if its length fits inside `limit`. */
function readTlv(der: Uint8Array, at: number, limit: number): Tlv | null {
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

function isRsaSpki(der: Uint8Array): boolean {
  const spki = readTlv(der, 0, der.length);
  if (spki?.tag !== 0x30 || spki.end !== der.length) return false;
  const algorithm = readTlv(der, spki.start, spki.end);
  if (algorithm?.tag !== 0x30) return false;
  const oid = readTlv(der, algorithm.start, algorithm.end);
  if (oid?.tag !== 0x06 || oid.end - oid.start !== RSA_ENCRYPTION.length) return false;
  if (RSA_ENCRYPTION.some((byte, i) => der[oid.start + i] !== byte)) return false;
  const bits = readTlv(der, algorithm.end, spki.end);
  if (bits?.tag !== 0x03 || bits.end !== spki.end || der[bits.start] !== 0) return false;
  const rsaKey = readTlv(der, bits.start + 1, bits.end);
  if (rsaKey?.tag !== 0x30 || rsaKey.end !== bits.end) return false;
  const modulus = readTlv(der, rsaKey.start, rsaKey.end);
  if (modulus?.tag !== 0x02 || modulus.end === modulus.start) return false;
  const exponent = readTlv(der, modulus.end, rsaKey.end);
  return exponent?.tag === 0x02 && exponent.end === rsaKey.end && exponent.end > exponent.start;
}

/** Why `pem` is not an RSA public key in SPKI PEM (`-----BEGIN PUBLIC KEY-----`), or null if it is one. */
export function publicKeyPemProblem(pem: unknown): string | null {
  const expected = 'an RSA public key in SPKI PEM (-----BEGIN PUBLIC KEY-----)';
  if (typeof pem !== 'string' || pem.trim() === '') return `must be ${expected}`;
  const label = /-----BEGIN ([^-]+)-----/.exec(pem)?.[1];
  if (label !== undefined && label !== 'PUBLIC KEY') {
    return `is a "${label}" PEM; give ${expected}`;
  }
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    return `is not base64 inside; give ${expected}`;
  }
  return isRsaSpki(der) ? null : `does not hold ${expected}`;
}
