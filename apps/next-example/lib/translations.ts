import { en } from '@ayokit/react/locales/en';

/**
 * The kit's English words, imported once and given to every AyoProvider (Bahasa Indonesia is built
 * in): the shop speaks both, the cookie picks one. A module constant, so nothing is merged anew per
 * render.
 */
export const TRANSLATIONS = { en };
