// i18next set up once, before the first render. es-MX is the laboratory's language and the
// default; the choice is remembered per machine in localStorage.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { esMX } from './es-MX';
import { en } from './en';

export const LANGUAGES = [
  { code: 'es-MX', label: 'Español (México)' },
  { code: 'en', label: 'English' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'oncoflow.language';

function savedLanguage(): LanguageCode {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved && LANGUAGES.some((l) => l.code === saved)) return saved as LanguageCode;
  } catch {
    // Storage can be unavailable (privacy settings); the default is fine.
  }
  return 'es-MX';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { 'es-MX': { translation: esMX }, en: { translation: en } },
    lng: savedLanguage(),
    fallbackLng: 'es-MX',
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export function setLanguage(code: LanguageCode): void {
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered; harmless.
  }
}
