/**
 * `{{ navigation[lang].main | navStates(page.url) }}`: each navigation link's `aria-current` (navState), in the
 * links' order: what the navigation depends on besides the language, so that base.njk renders it once for each
 * (language, states) and repeats it (`{% cached %}`) instead of once a page.
 */
import { navState } from './nav-state.ts';

export function navStates(items: { url: string }[], pageUrl: string | false | undefined): string[] {
  return (items ?? []).map((item) => navState(item.url, pageUrl));
}
