import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPrivateKey, importPublicKey, signAsymmetric, verifyAsymmetric } from '@ayokit/core/snap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, DEFAULT_KEY_FILE, keysMain, publicKeyFingerprint } from '../scripts/ayoconnect/keys';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd };
  return { io: value, out, err };
}

const publicKeyOf = (printed: string) =>
  /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----\n/.exec(printed)?.[0] ?? '';

describe('pnpm ayoconnect:keys', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a private key only its owner reads, and prints the public key that verifies it', async () => {
    const run = io(dir);
    expect(await keysMain([], run.io)).toBe(0);
    const path = join(dir, DEFAULT_KEY_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const privatePem = await readFile(path, 'utf8');
    const printed = run.out.join('\n');
    expect(printed).not.toContain(privatePem.split('\n')[1]);
    const publicPem = publicKeyOf(printed);
    expect(printed).toContain(publicKeyFingerprint(publicPem));
    expect(printed).toContain('/ayokit/callbacks/ayoconnect');
    expect(printed).toContain('pnpm ayoconnect:probe');
    const timestamp = '2026-01-01T10:00:00+07:00';
    const signature = await signAsymmetric(await importPrivateKey(privatePem), 'client', timestamp);
    expect(await verifyAsymmetric(await importPublicKey(publicPem), 'client', timestamp, signature)).toBe(
      true,
    );
    // 2048-bit modulus: the SPKI DER of an RSA-2048 key is 294 bytes.
    expect(Buffer.from(publicPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')).toHaveLength(294);
  });

  it('never overwrites a key without --force, and replaces it with --force', async () => {
    const path = join(dir, 'mine.pem');
    await writeFile(path, 'the key Ayoconnect knows');
    const refused = io(dir);
    expect(await keysMain(['--out', 'mine.pem'], refused.io)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/exists: not overwritten/);
    expect(await readFile(path, 'utf8')).toBe('the key Ayoconnect knows');
    expect(await keysMain(['--out', 'mine.pem', '--force'], io(dir).io)).toBe(0);
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('explains a missing folder and an unknown option', async () => {
    const missing = io(dir);
    expect(await keysMain(['--out', 'nope/key.pem'], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/does not exist/);
    const unknown = io(dir);
    expect(await keysMain(['--bits', '1024'], unknown.io)).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/usage: pnpm ayoconnect:keys/);
  });

  it('runs as the root script, writing where the command was typed', () => {
    const res = spawnSync('pnpm', ['--silent', '--dir', ROOT, 'ayoconnect:keys', '--out', 'spawned.pem'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain(join(dir, 'spawned.pem'));
    expect(res.stdout).toContain('-----BEGIN PUBLIC KEY-----');
  });
});
