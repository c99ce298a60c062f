import type { MemoryAyoClient } from '@ayokit/hooks/testing';
import type { AyoMessages } from '../i18n';
import { en } from '../locales/en';
import { id } from '../locales/id';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A name in either language, so play functions work whatever the locale toolbar says: the whole
 * name, anywhere in it (`exact: false`), or its start (`exact: 'start'`: an action's visible word,
 * followed by the words only a screen reader says).
 */
export function tr(pick: (m: AyoMessages) => string, { exact = true as boolean | 'start' } = {}): RegExp {
  const [a, b] = [pick(id), pick(en)].map((s) => escapeRegExp(s).replace(/ /g, '\\s'));
  return new RegExp(
    exact === true ? `^(?:${a}|${b})$` : exact === 'start' ? `^(?:${a}|${b}),` : `(?:${a}|${b})`,
  );
}

/** Story parameters giving the decorator its memory client (a fresh one per render). */
export function withClient(client: () => MemoryAyoClient) {
  return { ayo: { client } };
}

/** The same, in the back office: `<AyoProvider audience="staff">`. */
export function withStaff(client: () => MemoryAyoClient) {
  return { ayo: { client, audience: 'staff' as const } };
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The memory client's own event (private in its type): a binding the bank is verifying, etc. */
export function emit(
  client: MemoryAyoClient,
  event: Parameters<MemoryAyoClient['subscribe']>[0] extends (e: infer E) => void ? E : never,
) {
  (client as unknown as { emit: (e: typeof event) => void }).emit(event);
}
