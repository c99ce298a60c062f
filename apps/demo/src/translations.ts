import type { AyoTranslations } from '@ayokit/react';
import { en } from '@ayokit/react/locales/en';

/**
 * The shop speaks both languages: the kit's English words, imported once (Indonesian is built in),
 * given to every AyoProvider. A module constant, so the providers merge nothing anew per render.
 */
export const TRANSLATIONS: AyoTranslations = { en };
