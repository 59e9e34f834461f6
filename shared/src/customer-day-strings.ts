// What the shared Customer Day page says, one catalogue per language (shared/src/locales/customer-day-*).
import type { Locale } from './locale.ts';
import { customerDayEn } from './locales/customer-day-en.ts';
import { customerDayFr, type CustomerDayStrings } from './locales/customer-day-fr.ts';

export type { CustomerDayStrings };

export const CUSTOMER_DAY_STRINGS: Record<Locale, CustomerDayStrings> = { fr: customerDayFr, en: customerDayEn };
