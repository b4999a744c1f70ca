/**
 * The catalogue's own wording (titles and descriptions it adds to what the publisher wrote), in sv and en. The
 * sentence each kind of entry adds to the publisher's description is at least 50 characters long in both
 * languages, so that every description meets search engines' minimum whatever the publisher wrote.
 */
import type { DatasetMetadata, LocalizedText, Publisher, PublishedFile } from '../model.ts';

const FORMAT_TEXT = {
  CSV: { sv: 'CSV-fil', en: 'CSV file' },
  JSON: { sv: 'JSON-fil', en: 'JSON file' },
  Parquet: { sv: 'Parquet-fil', en: 'Parquet file' },
};

function map(text: LocalizedText, f: (t: string, lang: 'sv' | 'en') => string): LocalizedText {
  return text.en === undefined ? { sv: f(text.sv, 'sv') } : { sv: f(text.sv, 'sv'), en: f(text.en, 'en') };
}

export function yearTitle(title: LocalizedText, year: string): LocalizedText {
  return map(title, (t) => `${t} ${year}`);
}

export function yearDescription(description: LocalizedText, year: string): LocalizedText {
  return map(description, (d, lang) =>
    lang === 'sv'
      ? `${d}\n\nDen här datamängden omfattar år ${year}. Den ingår i en serie med en datamängd per kalenderår.`
      : `${d}\n\nThis dataset covers the year ${year}. It is part of a series with one dataset per calendar year.`,
  );
}

export function seriesDescription(description: LocalizedText): LocalizedText {
  return map(description, (d, lang) =>
    lang === 'sv'
      ? `${d}\n\nEn serie med en datamängd per kalenderår; datapaketet beskriver alla årens filer.`
      : `${d}\n\nA series with one dataset per calendar year; its data package describes every year's files.`,
  );
}

export function cumulativeDescription(description: LocalizedText): LocalizedText {
  return map(description, (d, lang) =>
    lang === 'sv'
      ? `${d}\n\nDen här datamängden omfattar alla år i en och samma fil per format.`
      : `${d}\n\nThis dataset covers every year in one and the same file per format.`,
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

export const DATA_PACKAGE_STANDARD_TITLE: LocalizedText = {
  sv: 'Frictionless Tabular Data Package',
  en: 'Frictionless Tabular Data Package',
};

export function dataPackageTitle(seriesTitle: LocalizedText): LocalizedText {
  return map(seriesTitle, (t, lang) => (lang === 'sv' ? `${t} (datapaket)` : `${t} (data package)`));
}

export function dataPackageDescription(seriesTitle: LocalizedText): LocalizedText {
  return map(seriesTitle, (t, lang) =>
    lang === 'sv'
      ? `Datapaket (Frictionless Tabular Data Package, JSON) för hela serien ”${t}”: länkar till varje års CSV-fil och beskriver kolumnerna.`
      : `Data package (Frictionless Tabular Data Package, JSON) for the whole series "${t}": links every year's CSV file and describes the columns.`,
  );
}

const PUBLISHER_KIND = {
  municipality: { sv: 'en kommun', en: 'a Swedish municipality' },
  region: { sv: 'en region', en: 'a Swedish region' },
  agency: { sv: 'en statlig myndighet', en: 'a Swedish government agency' },
};

/** The publisher's own description, or one made from its name and type. */
export function publisherDescription(publisher: Publisher): LocalizedText {
  if (publisher.description) return publisher.description;
  const kind = PUBLISHER_KIND[publisher.type];
  return {
    sv: `${publisher.name} är ${kind.sv} i Sverige och publicerar sina leverantörsfakturor som öppna data.`,
    en: `${publisher.name} is ${kind.en} that publishes its supplier invoices as open data.`,
  };
}

/**
 * The rights statement of a dataset's files: for CC BY the attribution users must give (title, publisher,
 * licence), for CC0 that no attribution is needed.
 */
export function rightsStatement(metadata: DatasetMetadata, publisher: Publisher): LocalizedText {
  const title = metadata.title;
  if (metadata.license === 'CC-BY-4.0') {
    return {
      sv: `Ange källan när du använder datamängden: ”${title.sv}”, ${publisher.name}, licens CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).`,
      en: `Attribute the source when you use the dataset: "${title.en ?? title.sv}", ${publisher.name}, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).`,
    };
  }
  return {
    sv: `${publisher.name} har avstått från alla rättigheter till datamängden (CC0 1.0). Du får använda den fritt, utan att ange källan.`,
    en: `${publisher.name} has waived all rights to the dataset (CC0 1.0). You may use it freely, without attribution.`,
  };
}

/** schema.org: how the data came about (`measurementTechnique`). */
export const MEASUREMENT_TECHNIQUE: LocalizedText = {
  sv: 'Uttag ur leverantörsreskontran i utgivarens ekonomisystem. Raderna kontrolleras mot Specifikation för leverantörsreskontra 1.1, rader med fel publiceras inte och enskilda firmors personnummer tas bort.',
  en: "Exports from the publisher's accounts payable ledger (finance system). Rows are checked against the Specification for supplier invoices 1.1, rows with errors are not published and sole traders' personal identity numbers are removed.",
};

/** schema.org: what the publisher's contact point is for (`contactType`). */
export const CONTACT_TYPE: LocalizedText = { sv: 'Frågor om data', en: 'Questions about the data' };
