import { ID_PREFIXES } from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';

export function newId(kind: keyof typeof ID_PREFIXES): string {
  return `${ID_PREFIXES[kind]}_${randomAlphanumeric(24)}`;
}

/** X-EXTERNAL-ID and partner reference numbers: 32 alphanumerics [seed 000, AYOCONNECT-API.md]. */
export const newReference = () => randomAlphanumeric(32);
