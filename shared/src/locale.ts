// The languages Ecoute speaks to customers, and how a message's language is decided.
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** `fr-CA`, `FR`, `fr_BE` → `fr`; anything Ecoute does not speak → undefined. */
export function normalizeLocale(tag: string | undefined | null): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === primary);
}

const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  fr: new Set(
    'le la les un une des du de et est pas je vous nous il elle que qui pour dans sur avec mais très merci bonjour votre mon ma mes ce cette sont ai été avoir être au aux ne plus'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the a an and is are not i you we he she that which for in on with but very thanks thank hello your my this these was were have has be to of it at no more'.split(
      ' ',
    ),
  ),
};

/** Guesses French or English from common words; undefined when the text gives no clear sign. */
export function detectLocale(text: string): Locale | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (STOPWORDS.fr.has(word)) fr++;
    if (STOPWORDS.en.has(word)) en++;
  }
  if (fr >= 2 && fr > en * 1.5) return 'fr';
  if (en >= 2 && en > fr * 1.5) return 'en';
  return undefined;
}

/** The message's language: the one asked for, else the one it is written in, else the form's. */
export function messageLocale(requested: string | undefined, body: string, formDefault: Locale): Locale {
  return normalizeLocale(requested) ?? detectLocale(body) ?? formDefault;
}
