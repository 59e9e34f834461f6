// French and English for the whole app: the language comes from the browser the first time, then
// from the user's own choice, remembered in this browser.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, normalizeLocale, type Locale } from '@ecoute/shared/locale';
import { en } from '../locales/en.ts';
import { fr } from '../locales/fr.ts';

export const LANGUAGES = LOCALES;
export type Language = Locale;

const STORAGE_KEY = 'ecoute.language';

function rememberedLanguage(): Language | undefined {
  try {
    return normalizeLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined; // storage can be disabled; the browser's language will do
  }
}

function browserLanguage(): Language | undefined {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const language = normalizeLocale(tag);
    if (language) return language;
  }
  return undefined;
}

export function initI18n(language: Language = rememberedLanguage() ?? browserLanguage() ?? 'en') {
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: language,
    fallbackLng: 'en',
    // Resources are bundled: initialise synchronously, so the first render is already translated.
    initAsync: false,
    // React escapes what it renders; escaping here too would show &amp; to users.
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18next;
}

export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, still switched.
  }
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** The language the interface is in now, as one Ecoute speaks. */
export const currentLanguage = (): Language => normalizeLocale(i18next.language) ?? 'en';
