// Password hashing with scrypt (RFC 7914), random 16-byte salt, constant-time comparison.
// Stored as "scrypt$N$r$p$salt_b64$hash_b64" so cost parameters can be raised later without
// invalidating old hashes. N=2^15, r=8 (≈32 MiB) follows OWASP's password storage cheat sheet.
import crypto from 'node:crypto';

// Test runs (vitest, or `npm test` which sets ONCOFLOW_TEST=1) use a cheaper N: the suites log in
// hundreds of times on a 2-core machine. The cost is stored in each hash, so verification never
// depends on this setting.
const TEST_RUN = process.env.ONCOFLOW_TEST === '1' || !!process.env.VITEST;
const N = TEST_RUN ? 1 << 10 : 1 << 15, R = 8, P = 1, KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password.normalize('NFC'), salt, keylen, { N: n, r, p, maxmem: Math.max(MAXMEM, 128 * n * r * 2) }, (err, key) =>
      err ? reject(err) : resolve(key)),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, N, R, P, KEYLEN);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password, salt, n, r, p, expected.length);
  return crypto.timingSafeEqual(key, expected);
}

/** A password a person can type: 20 characters from an alphabet without look-alikes (≈100 bits). */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i += 2) {
    const v = bytes.readUInt16LE(i);
    // Rejection sampling keeps the choice uniform.
    if (v < 65536 - (65536 % alphabet.length)) out += alphabet[v % alphabet.length];
  }
  return out.length === length ? out : generatePassword(length);
}

export const sha256Hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
