import { card } from '../locales/idParts/card';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';
import { status } from '../locales/idParts/status';

/** The built-in (Indonesian) words PaymentStatus shows (its back-office actions have their own: staffActions.tsx). */
export const WORDS = { id: { card, common, errors, status } };
export type Words = typeof WORDS.id;
