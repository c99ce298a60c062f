/** SQLSTATE of a database error from either engine (both expose it as `.code`), else undefined. */
export function sqlErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** 23505: a unique or primary-key constraint rejected the row (e.g. a repeated idempotency key). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlErrorCode(error) === '23505';
}
