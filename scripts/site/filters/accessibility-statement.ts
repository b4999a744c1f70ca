/** `{% set s = insyn | accessibilityStatement(lang) %}`: the accessibility statement's texts (scripts/site/accessibility.ts). */
import type { Language, SiteModel } from '../../model.ts';
import { accessibilityStatement as statement, type AccessibilityStatement } from '../accessibility.ts';

export function accessibilityStatement(model: SiteModel, lang: Language): AccessibilityStatement {
  return statement(model, lang);
}
