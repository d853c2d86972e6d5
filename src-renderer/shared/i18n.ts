// Message catalogues: Chinese by default, English switchable. No user-visible string lives in a component.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './locales/zh.json';
import en from './locales/en.json';
import { WINDOW_PARAM } from '../../src-main/core/contract/names';

export const LANGUAGES = ['zh', 'en'] as const;
/** Switches a window between the languages, at a desk and on every sign-in and lock screen. */
export const LANGUAGE_KEY = 'F9';
// Every window of the station shares one origin, so one storage: each keeps its language under its own name, and F9
// at desk 1 leaves desk 2 as it was. A page opened without its window's name keeps one language per entry.
const STORAGE_KEY = `swabdesk.language.${new URLSearchParams(location.search).get(WINDOW_PARAM) ?? location.pathname}`;

function savedLanguage(): string {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved && (LANGUAGES as readonly string[]).includes(saved) ? saved : 'zh';
}

void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18next.language === 'zh' ? 'zh-CN' : 'en';

export function toggleLanguage(): void {
  const next = i18next.language === 'zh' ? 'en' : 'zh';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(next);
}
