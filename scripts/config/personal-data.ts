/**
 * What a publisher writes in `site.json` and `dataset.json` is published as it is (pages, the catalogue, data
 * packages): a personnummer in it is an error that names the field, never a silent mask. The value is shown masked.
 */
import { containsPersonnummer } from '../privacy/personnummer.ts';
import { msg, safe, type Safe } from '../privacy/safe.ts';
import * as words from './words.ts';

/** `publishers[1].name (the second publisher)`; keys are the file's own field names (shown safe). */
function fieldPath(path: (string | number)[]): Safe {
  return safe(words.fieldPath(path.map((p) => (typeof p === 'number' ? p : safe(p, 60)))), 400);
}

/** Every string in a parsed JSON document that holds a personnummer (check digit or not), as a problem. */
export function personalDataProblems(data: unknown): Safe[] {
  const problems: Safe[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      if (containsPersonnummer(value, 'name')) {
        problems.push(
          msg`${fieldPath(path)}: holds what looks like a personnummer (${safe(value, 80)}); everything in this file is published, so remove it (a phone number can be written with spaces, 070-123 45 67)`,
        );
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (containsPersonnummer(k, 'name')) problems.push(msg`${fieldPath(path)}: a field name holds what looks like a personnummer (${safe(k, 80)})`);
        walk(v, [...path, k]);
      }
    }
  };
  walk(data, []);
  return problems;
}
