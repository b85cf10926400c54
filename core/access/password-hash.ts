/**
 * The stored form of a password (password.ts makes and checks it): light enough for the registry
 * to validate `_carnet` without loading scrypt, which loads only when a password is set or checked.
 */

export interface PasswordHash {
  scheme: 'scrypt';
  /** log2 of scrypt's N, and its r and p. */
  logN: number;
  r: number;
  p: number;
  /** Base64. */
  salt: string;
  hash: string;
}

export function isPasswordHash(v: unknown): v is PasswordHash {
  const h = v as PasswordHash;
  return (
    typeof h === 'object' && h !== null && h.scheme === 'scrypt' &&
    Number.isInteger(h.logN) && h.logN >= 10 && h.logN <= 22 && Number.isInteger(h.r) && Number.isInteger(h.p) &&
    typeof h.salt === 'string' && typeof h.hash === 'string'
  );
}
