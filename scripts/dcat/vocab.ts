/**
 * The IRIs the catalogue uses: namespaces (with the prefixes every serializer declares), the EU authority
 * tables, licences, and the concepts and schemes the output describes itself so that SHACL range checks pass
 * without any outside vocabulary.
 */
import type { DatasetMetadata, Publisher } from '../model.ts';

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

/** Prefix → namespace, in the order the serializers declare them. */
export const PREFIXES: Record<string, string> = { ...NS };

const AUTHORITY = 'http://publications.europa.eu/resource/authority/';
const ADMS_PUBLISHER_TYPE = 'http://purl.org/adms/publishertype/';

export const RDF_TYPE = NS.rdf + 'type';
export const RDF_LANG_STRING = NS.rdf + 'langString';
export const XSD_STRING = NS.xsd + 'string';

export const THEME_TAXONOMY = AUTHORITY + 'data-theme';
export const THEMES = [AUTHORITY + 'data-theme/GOVE', AUTHORITY + 'data-theme/ECON'];
export const LANGUAGE_SWE = AUTHORITY + 'language/SWE';
export const LANGUAGE_ENG = AUTHORITY + 'language/ENG';
/** The EU language IRI of a metadata language tag. */
export const LANGUAGES: Record<'sv' | 'en', string> = { sv: LANGUAGE_SWE, en: LANGUAGE_ENG };
export const COUNTRY_SWE = AUTHORITY + 'country/SWE';
export const ACCESS_PUBLIC = AUTHORITY + 'access-right/PUBLIC';
export const AVAILABILITY_STABLE = AUTHORITY + 'planned-availability/STABLE';
export const INVOICE_SPEC = 'https://lankadedata.se/spec/leverantorsreskontra';
/** What a series' data package (`datapackage.json`) conforms to. */
export const TABULAR_DATA_PACKAGE = 'https://specs.frictionlessdata.io/tabular-data-package/';

export const LICENCES: Record<DatasetMetadata['license'], string> = {
  'CC0-1.0': 'http://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-4.0': 'http://creativecommons.org/licenses/by/4.0/',
};
/** The catalogue itself is always CC0 (DCAT-AP-SE). */
export const CATALOG_LICENCE = LICENCES['CC0-1.0'];

/** The EU file-type code of a published file's format (`Parquet` → `PARQUET`). */
export function fileTypeIri(format: 'CSV' | 'JSON' | 'Parquet'): string {
  return AUTHORITY + 'file-type/' + format.toUpperCase();
}

export function mediaTypeIri(mediaType: string): string {
  return 'http://www.iana.org/assignments/media-types/' + mediaType;
}

const FREQUENCY_LABELS: Record<string, string> = {
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  QUARTERLY: 'quarterly',
  ANNUAL: 'annual',
  IRREG: 'irregular',
};

/** The EU frequency IRI for a `dataset.json` frequency code; throws on a code the catalogue does not know. */
export function frequencyIri(code: string): string {
  if (!(code in FREQUENCY_LABELS)) {
    throw new Error(`Unknown update frequency "${code}": use one of ${Object.keys(FREQUENCY_LABELS).join(', ')}`);
  }
  return AUTHORITY + 'frequency/' + code;
}

export function publisherTypeIri(type: Publisher['type']): string {
  return ADMS_PUBLISHER_TYPE + (type === 'agency' ? 'NationalAuthority' : 'LocalAuthority');
}

/** How the output describes a vocabulary IRI it uses: its classes, its scheme and an English label. */
export interface TermDescription {
  classes: string[];
  scheme?: string;
  label?: string;
  /** Further IRI-valued statements (predicate → object). */
  links?: [string, string][];
}

const SKOS_CONCEPT = NS.skos + 'Concept';
const SKOS_SCHEME = NS.skos + 'ConceptScheme';

function concept(scheme: string, label: string, ...classes: string[]): TermDescription {
  return { classes: [SKOS_CONCEPT, ...classes], scheme, label };
}

const SCHEMES: Record<string, string> = {
  [AUTHORITY + 'data-theme']: 'Data theme',
  [AUTHORITY + 'language']: 'Language',
  [AUTHORITY + 'file-type']: 'File type',
  [AUTHORITY + 'frequency']: 'Frequency',
  [AUTHORITY + 'access-right']: 'Access right',
  [AUTHORITY + 'country']: 'Country',
  [AUTHORITY + 'planned-availability']: 'Planned availability',
  [ADMS_PUBLISHER_TYPE + '1.0']: 'Publisher type',
};

/** Every vocabulary IRI the catalogue can use, described just enough for DCAT-AP's range and vocabulary shapes. */
export const TERMS: Record<string, TermDescription> = {
  [AUTHORITY + 'data-theme/GOVE']: concept(AUTHORITY + 'data-theme', 'Government and public sector'),
  [AUTHORITY + 'data-theme/ECON']: concept(AUTHORITY + 'data-theme', 'Economy and finance'),
  [LANGUAGE_SWE]: concept(AUTHORITY + 'language', 'Swedish', NS.dct + 'LinguisticSystem'),
  [LANGUAGE_ENG]: concept(AUTHORITY + 'language', 'English', NS.dct + 'LinguisticSystem'),
  [COUNTRY_SWE]: concept(AUTHORITY + 'country', 'Sweden', NS.dct + 'Location'),
  [fileTypeIri('CSV')]: concept(AUTHORITY + 'file-type', 'CSV', NS.dct + 'MediaTypeOrExtent'),
  [fileTypeIri('JSON')]: concept(AUTHORITY + 'file-type', 'JSON', NS.dct + 'MediaTypeOrExtent'),
  [mediaTypeIri('text/csv')]: { classes: [NS.dct + 'MediaType'] },
  [mediaTypeIri('application/json')]: { classes: [NS.dct + 'MediaType'] },
  [fileTypeIri('Parquet')]: concept(AUTHORITY + 'file-type', 'Parquet', NS.dct + 'MediaTypeOrExtent'),
  [mediaTypeIri('application/vnd.apache.parquet')]: { classes: [NS.dct + 'MediaType'] },
  [ACCESS_PUBLIC]: concept(AUTHORITY + 'access-right', 'public', NS.dct + 'RightsStatement'),
  [AVAILABILITY_STABLE]: concept(AUTHORITY + 'planned-availability', 'stable'),
  [ADMS_PUBLISHER_TYPE + 'LocalAuthority']: concept(ADMS_PUBLISHER_TYPE + '1.0', 'Local Authority'),
  [ADMS_PUBLISHER_TYPE + 'NationalAuthority']: concept(ADMS_PUBLISHER_TYPE + '1.0', 'National authority'),
  // DCAT-AP-SE: a licence's dct:type is not to be repeated in every catalogue, so only the class is stated.
  [LICENCES['CC0-1.0']]: { classes: [NS.dct + 'LicenseDocument'] },
  [LICENCES['CC-BY-4.0']]: { classes: [NS.dct + 'LicenseDocument'] },
  [INVOICE_SPEC]: { classes: [NS.dct + 'Standard'] },
  [TABULAR_DATA_PACKAGE]: { classes: [NS.dct + 'Standard'] },
  [THEME_TAXONOMY]: { classes: [SKOS_SCHEME] },
  ...Object.fromEntries(
    Object.entries(FREQUENCY_LABELS).map(([code, label]) => [
      AUTHORITY + 'frequency/' + code,
      concept(AUTHORITY + 'frequency', label, NS.dct + 'Frequency'),
    ]),
  ),
};

/**
 * Classes the catalogue uses with the superclass DCAT-AP's range shapes ask for (from the class's own ontology):
 * a contact point is one `vcard:Organization`, and vCard makes that a `vcard:Kind`.
 */
export const SUPERCLASSES: Record<string, string> = {
  [NS.vcard + 'Organization']: NS.vcard + 'Kind',
};

/** Titles of the concept schemes the described terms belong to. */
export function schemeTitle(scheme: string): string | undefined {
  return SCHEMES[scheme];
}

export const SKOS = { concept: SKOS_CONCEPT, scheme: SKOS_SCHEME };
