/**
 * SNAP signatures with Web Crypto, so the proxy and the sandbox run on Node, edge runtimes and in
 * tests alike. On Node, hashes and HMACs take Node's own crypto instead (synchronous: a Web Crypto
 * call is a promise and a copy of its buffers, several times the cost of the hash itself on a
 * payment's few-hundred-byte bodies); the same bytes either way (crypto.test.ts runs both).
 */
import { nodeBuiltin } from './runtime';

export type SignatureEncoding = 'hex' | 'base64';

const enc = new TextEncoder();

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(data: string): { digest(encoding: 'hex'): string } };
  createHmac(
    algorithm: 'sha512',
    key: string,
  ): { update(data: string): { digest(encoding: SignatureEncoding): string } };
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

/** Node's crypto when the runtime offers it without an import (Node ≥ 20.16), else undefined. */
function nodeCrypto(): NodeCrypto | undefined {
  return nodeBuiltin<NodeCrypto>('node:crypto');
}

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(buf: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function encode(buf: ArrayBuffer, encoding: SignatureEncoding): string {
  return encoding === 'hex' ? toHex(buf) : toBase64(buf);
}

function decode(sig: string, encoding: SignatureEncoding): Uint8Array<ArrayBuffer> | null {
  if (encoding === 'hex') return fromHex(sig);
  try {
    return fromBase64(sig);
  } catch {
    return null;
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const node = nodeCrypto();
  if (node) return node.createHash('sha256').update(text).digest('hex');
  return toHex(await crypto.subtle.digest('SHA-256', enc.encode(text)));
}

/** JSON.stringify is already minified; re-serialising a parsed body gives the canonical form. */
export function minifyJson(body: string): string {
  if (body === '') return '';
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}

/** The string both the transactional and the callback signature sign. */
export async function stringToSign(
  method: string,
  path: string,
  accessToken: string,
  body: string,
  timestamp: string,
): Promise<string> {
  const bodyHash = (await sha256Hex(minifyJson(body))).toLowerCase();
  return `${method.toUpperCase()}:${path}:${accessToken}:${bodyHash}:${timestamp}`;
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, [
      'sign',
      'verify',
    ]);
    hmacKeys.set(secret, key);
  }
  return key;
}

export interface TransactionalSignatureInput {
  method: string;
  path: string;
  accessToken: string;
  body: string;
  timestamp: string;
  clientSecret: string;
}

/** X-SIGNATURE = HMAC_SHA512(clientSecret, METHOD:path:token:sha256hex(minified body):timestamp) [doc]. */
export async function signTransactional(
  input: TransactionalSignatureInput,
  encoding: SignatureEncoding = 'hex',
): Promise<string> {
  const data = await stringToSign(input.method, input.path, input.accessToken, input.body, input.timestamp);
  const node = nodeCrypto();
  if (node) return node.createHmac('sha512', input.clientSecret).update(data).digest(encoding);
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(input.clientSecret), enc.encode(data));
  return encode(sig, encoding);
}

export async function verifyTransactional(
  input: TransactionalSignatureInput,
  signature: string,
  encoding: SignatureEncoding = 'hex',
): Promise<boolean> {
  const bytes = decode(signature, encoding);
  if (bytes?.length !== 64) return false;
  const data = await stringToSign(input.method, input.path, input.accessToken, input.body, input.timestamp);
  const node = nodeCrypto();
  if (node) {
    const expected = decode(node.createHmac('sha512', input.clientSecret).update(data).digest('hex'), 'hex');
    return expected !== null && node.timingSafeEqual(expected, bytes);
  }
  return crypto.subtle.verify('HMAC', await hmacKey(input.clientSecret), bytes, enc.encode(data));
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  return fromBase64(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
}

export function importPrivateKey(pkcs8Pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pemBody(pkcs8Pem), RSA, false, ['sign']);
}

export function importPublicKey(spkiPem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', pemBody(spkiPem), RSA, false, ['verify']);
}

function toPem(label: string, buf: ArrayBuffer): string {
  const b64 = toBase64(buf).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** A fresh RSA-2048 key pair in PEM, for running against the sandbox with nothing configured. */
export async function generateRsaKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  return {
    privateKeyPem: toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    publicKeyPem: toPem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey)),
  };
}

/** Token request X-SIGNATURE = SHA256withRSA(privateKey, clientId + "|" + X-TIMESTAMP) [doc]. */
export async function signAsymmetric(
  privateKey: CryptoKey,
  clientId: string,
  timestamp: string,
  encoding: SignatureEncoding = 'hex',
): Promise<string> {
  const sig = await crypto.subtle.sign(RSA, privateKey, enc.encode(`${clientId}|${timestamp}`));
  return encode(sig, encoding);
}

export async function verifyAsymmetric(
  publicKey: CryptoKey,
  clientId: string,
  timestamp: string,
  signature: string,
  encoding: SignatureEncoding = 'hex',
): Promise<boolean> {
  const bytes = decode(signature, encoding);
  if (!bytes) return false;
  return crypto.subtle.verify(RSA, publicKey, bytes, enc.encode(`${clientId}|${timestamp}`));
}

/**
 * Callback signature (ours: Ayoconnect's is not public): the transactional shape with an empty
 * token, keyed by the callback secret.
 */
export function signCallback(
  input: { path: string; body: string; timestamp: string; secret: string },
  encoding: SignatureEncoding = 'hex',
): Promise<string> {
  return signTransactional(
    {
      method: 'POST',
      path: input.path,
      accessToken: '',
      body: input.body,
      timestamp: input.timestamp,
      clientSecret: input.secret,
    },
    encoding,
  );
}

export function verifyCallback(
  input: { path: string; body: string; timestamp: string; secret: string },
  signature: string,
  encoding: SignatureEncoding = 'hex',
): Promise<boolean> {
  return verifyTransactional(
    {
      method: 'POST',
      path: input.path,
      accessToken: '',
      body: input.body,
      timestamp: input.timestamp,
      clientSecret: input.secret,
    },
    signature,
    encoding,
  );
}
