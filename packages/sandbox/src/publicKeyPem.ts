/**
 * What is wrong with a partner's public key PEM, found without Web Crypto (which is async, and
 * createSandbox is not): the DER must be an SPKI of an RSA key, as `importPublicKey` needs, so a
 * bad key is refused at startup instead of failing the first token request with a 500.
 */

import { isRsaEncryption, readDer } from '@ayokit/core/snap';

function isRsaSpki(der: Uint8Array): boolean {
  const spki = readDer(der, 0, der.length);
  if (spki?.tag !== 0x30 || spki.end !== der.length) return false;
  const algorithm = readDer(der, spki.start, spki.end);
  if (algorithm?.tag !== 0x30) return false;
  if (!isRsaEncryption(der, readDer(der, algorithm.start, algorithm.end))) return false;
  const bits = readDer(der, algorithm.end, spki.end);
  if (bits?.tag !== 0x03 || bits.end !== spki.end || der[bits.start] !== 0) return false;
  const rsaKey = readDer(der, bits.start + 1, bits.end);
  if (rsaKey?.tag !== 0x30 || rsaKey.end !== bits.end) return false;
  const modulus = readDer(der, rsaKey.start, rsaKey.end);
  if (modulus?.tag !== 0x02 || modulus.end === modulus.start) return false;
  const exponent = readDer(der, modulus.end, rsaKey.end);
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
