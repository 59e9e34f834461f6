// Everything Ecoute says to customers, one catalogue per language (shared/src/locales/): the server's
// pages and the acknowledgement read it here, the widget a copy of its part made at build time.
import type { Locale } from './locale.ts';
import { en } from './locales/en.ts';
import { fr, type CustomerStrings } from './locales/fr.ts';

export type { CustomerStrings };

export const CUSTOMER_STRINGS: Record<Locale, CustomerStrings> = { fr, en };
