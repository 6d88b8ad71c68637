/** Supported UI languages and the remembered choice (localStorage). */
export const LANGS = ['pl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** localStorage key of the chosen language. */
export const LANG_STORAGE_KEY = 'wspolna-strategia.lang';

/** The remembered language, Polish when none (or storage is unavailable). */
export function loadLang(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Lang {
  try {
    const value = storage?.getItem(LANG_STORAGE_KEY);
    return value === 'en' ? 'en' : 'pl';
  } catch {
    return 'pl';
  }
}

/** Remembers the language; a storage failure (private mode) is not an error worth showing. */
export function saveLang(lang: Lang, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* the choice then lasts for this page only */
  }
}
