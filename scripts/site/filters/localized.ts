/**
 * A `LocalizedText` (or keyword list) in the page's language, falling back to Swedish. `localizedLang` says which
 * language the text actually is in, so a Swedish fallback on an English page can carry `lang="sv"`.
 */
import type { Language } from '../../model.ts';

interface Localized<T> {
  sv: T;
  en?: T;
}

export function localized<T = string>(text: Localized<T> | undefined, lang: Language = 'sv'): T | '' {
  if (!text) return '';
  return (lang === 'en' ? text.en : undefined) ?? text.sv;
}

export function localizedLang(text: Localized<unknown> | undefined, lang: Language = 'sv'): Language {
  return lang === 'en' && text?.en !== undefined ? 'en' : 'sv';
}
