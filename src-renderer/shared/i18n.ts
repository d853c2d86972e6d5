// Message catalogues: Chinese by default, English switchable. No user-visible string lives in a component.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './locales/zh.json';
import en from './locales/en.json';

export const LANGUAGES = ['zh', 'en'] as const;
/** Switches a window between the languages, at a desk and on every sign-in and lock screen. */
export const LANGUAGE_KEY = 'F9';
const STORAGE_KEY = 'swabdesk.language';

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
