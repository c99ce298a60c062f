import { readFileSync } from 'node:fs';
import { parseWireProfileOverrides, type WireProfileOverrides } from '@ayokit/core/snap';

/**
 * Reads a wire-profile JSON file (what `pnpm ayoconnect:probe` writes, or a hand-made one) and
 * checks it. Throws an Error naming the file and, for a wrong entry, the entry.
 */
export function loadWireProfile(path: string, option = 'AYOCONNECT_PROFILE'): WireProfileOverrides {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${option}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${option}: ${path} is not JSON (${(error as Error).message})`);
  }
  // The probe writes its findings beside the entries; only the entries are the profile.
  const entries =
    json && typeof json === 'object' && 'profile' in json ? (json as { profile: unknown }).profile : json;
  return parseWireProfileOverrides(entries, `${option}=${path}`);
}
