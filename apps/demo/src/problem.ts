import type { Strings } from './strings';

/** The stable code an error carries (AyoError's, BackendError's), if it has one. */
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/**
 * What the demo shows when a load or an action fails: its own words in the reader's language and
 * the error's stable code, never the error's message (the server's or the kit's, in English).
 */
export function problemText(t: Strings, lead: string, error: unknown): string {
  const code = codeOf(error);
  return code ? `${lead} (${t.errorCode}: ${code})` : lead;
}
