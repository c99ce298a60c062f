import { describe, expect, it } from 'vitest';
import { isRsaEncryption, readDer } from './der';

describe('readDer', () => {
  it('reads short and long lengths, and refuses what does not fit', () => {
    const short = new Uint8Array([0x02, 0x01, 0x05]);
    expect(readDer(short, 0, short.length)).toEqual({ tag: 0x02, start: 2, end: 3 });
    const long = new Uint8Array([0x04, 0x81, 0x80, ...new Array(0x80).fill(0)]);
    expect(readDer(long, 0, long.length)).toEqual({ tag: 0x04, start: 3, end: 131 });
    expect(readDer(long, 0, long.length - 1)).toBeNull();
    expect(readDer(new Uint8Array([0x30, 0x80]), 0, 2)).toBeNull();
    expect(readDer(new Uint8Array([0x30]), 0, 1)).toBeNull();
  });

  it('knows rsaEncryption from another object identifier', () => {
    const rsa = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
    const ec = new Uint8Array([0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
    expect(isRsaEncryption(rsa, readDer(rsa, 0, rsa.length))).toBe(true);
    expect(isRsaEncryption(ec, readDer(ec, 0, ec.length))).toBe(false);
    expect(isRsaEncryption(rsa, null)).toBe(false);
  });
});
