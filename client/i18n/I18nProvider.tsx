/** React context giving every component `t()`, the language, and Polish-aware formatting. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { formatDateTime, formatNumber, interpolate } from './format.ts';
import { loadLang, saveLang, type Lang } from './lang.ts';
import { pl, type MessageKey, type Messages } from './pl.ts';

const CATALOGUES: Record<Lang, Messages> = { pl, en };

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  formatDate(iso: string | Date): string;
  formatNumber(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the language remembered in localStorage (Polish by default). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => loadLang());
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => interpolate(CATALOGUES[lang][key], params),
      formatDate: (iso) => formatDateTime(iso, lang),
      formatNumber: (n) => formatNumber(n, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's messages and formatters. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
