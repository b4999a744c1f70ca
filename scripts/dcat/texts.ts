/** The catalogue's own wording (titles and descriptions it adds to what the publisher wrote), in sv and en. */
import type { LocalizedText, PublishedFile } from '../model.ts';

const FORMAT_TEXT = {
  CSV: { sv: 'CSV-fil', en: 'CSV file' },
  JSON: { sv: 'JSON-fil', en: 'JSON file' },
};

function map(text: LocalizedText, f: (t: string, lang: 'sv' | 'en') => string): LocalizedText {
  return text.en === undefined ? { sv: f(text.sv, 'sv') } : { sv: f(text.sv, 'sv'), en: f(text.en, 'en') };
}

export function yearTitle(title: LocalizedText, year: string): LocalizedText {
  return map(title, (t) => `${t} ${year}`);
}

export function yearDescription(description: LocalizedText, year: string): LocalizedText {
  return map(description, (d, lang) =>
    lang === 'sv' ? `${d}\n\nDen här datamängden omfattar år ${year}.` : `${d}\n\nThis dataset covers the year ${year}.`,
  );
}

export function seriesDescription(description: LocalizedText): LocalizedText {
  return map(description, (d, lang) =>
    lang === 'sv' ? `${d}\n\nEn datamängd per kalenderår.` : `${d}\n\nOne dataset per calendar year.`,
  );
}

export function distributionTitle(datasetTitle: LocalizedText, format: PublishedFile['format']): LocalizedText {
  return map(datasetTitle, (t) => `${t} (${format})`);
}

export function distributionDescription(datasetTitle: LocalizedText, format: PublishedFile['format']): LocalizedText {
  return map(datasetTitle, (t, lang) =>
    lang === 'sv'
      ? `Alla publicerade rader i ”${t}” som ${FORMAT_TEXT[format].sv}.`
      : `All published rows of "${t}" as a ${FORMAT_TEXT[format].en}.`,
  );
}

export const STANDARD_TITLE: LocalizedText = {
  sv: 'Specifikation för leverantörsreskontra',
  en: 'Specification for supplier invoices (leverantörsreskontra)',
};
