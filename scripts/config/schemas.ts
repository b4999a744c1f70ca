/**
 * JSON Schemas for what publishers write in `data/`: the site settings (`data/site.json`) and each dataset's
 * metadata (`data/datasets/<id>/dataset.json`). Checked with ajv by `load.ts`.
 */

const localizedText = {
  type: 'object',
  required: ['sv'],
  additionalProperties: false,
  properties: {
    sv: { type: 'string', minLength: 1, maxLength: 5000 },
    en: { type: 'string', minLength: 1, maxLength: 5000 },
  },
} as const;

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
const PHONE_PATTERN = '^\\+?[0-9 -]{5,20}$';
const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

const postalAddress = {
  type: 'object',
  required: ['street', 'postalCode', 'locality'],
  additionalProperties: false,
  properties: { street: text(200), postalCode: text(20), locality: text(100), country: text(100) },
} as const;

/** A list of content that is not accessible, each with why. */
const inaccessibleContent = {
  type: 'array',
  items: {
    type: 'object',
    required: ['content', 'reason'],
    additionalProperties: false,
    properties: { content: localizedText, reason: localizedText },
  },
} as const;

export const siteSchema = {
  $id: 'insyn:site',
  type: 'object',
  required: ['title', 'description', 'baseUrl', 'publishers'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    title: localizedText,
    description: localizedText,
    baseUrl: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$' },
    languages: {
      type: 'array',
      items: { enum: ['sv', 'en'] },
      minItems: 1,
      uniqueItems: true,
      default: ['sv', 'en'],
    },
    contactEmail: { type: 'string', format: 'email' },
    repository: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        url: { type: 'string', pattern: '^https://' },
        branch: { type: 'string', minLength: 1, default: 'main' },
      },
    },
    publishers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'orgNumber', 'type', 'email', 'homepage'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: SLUG_PATTERN },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          orgNumber: { type: 'string', pattern: '^\\d{6}-?\\d{4}$' },
          type: { enum: ['municipality', 'region', 'agency'] },
          email: { type: 'string', format: 'email' },
          homepage: { type: 'string', pattern: '^https?://\\S+$' },
          municipalityCode: { type: 'string', pattern: '^\\d{4}$' },
          phone: { type: 'string', pattern: PHONE_PATTERN },
          description: localizedText,
          address: postalAddress,
          geonames: { type: 'string', pattern: '^https://sws\\.geonames\\.org/[1-9][0-9]*/$' },
          population: { type: 'integer', minimum: 1, maximum: 20000000 },
        },
      },
    },
    accessibility: {
      type: 'object',
      additionalProperties: false,
      properties: {
        responsible: { type: 'string', pattern: SLUG_PATTERN },
        compliance: { enum: ['full', 'partial', 'none'] },
        nonCompliant: inaccessibleContent,
        disproportionateBurden: inaccessibleContent,
        outOfScope: inaccessibleContent,
        method: { enum: ['self-assessment', 'third-party'] },
        assessor: { type: 'string', minLength: 1, maxLength: 200 },
        assessed: { type: 'string', pattern: DATE_PATTERN },
        updated: { type: 'string', pattern: DATE_PATTERN },
        published: { type: 'string', pattern: DATE_PATTERN },
        feedback: {
          type: 'object',
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email' },
            phone: { type: 'string', pattern: PHONE_PATTERN },
            url: { type: 'string', pattern: '^https?://\\S+$' },
          },
        },
        responseDays: { type: 'integer', minimum: 1, maximum: 90 },
      },
    },
  },
} as const;

export const datasetSchema = {
  $id: 'insyn:dataset',
  type: 'object',
  required: ['title', 'description', 'publisher'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    title: localizedText,
    description: localizedText,
    publisher: { type: 'string', pattern: SLUG_PATTERN },
    license: { enum: ['CC0-1.0', 'CC-BY-4.0'], default: 'CC0-1.0' },
    frequency: { enum: ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG'], default: 'MONTHLY' },
    keywords: {
      type: 'object',
      required: ['sv'],
      additionalProperties: false,
      default: { sv: ['leverantörsreskontra', 'leverantörsfakturor', 'offentliga inköp'] },
      properties: {
        sv: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 } },
        en: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 } },
      },
    },
    series: { enum: ['yearly', 'cumulative'], default: 'yearly' },
    columns: {
      type: 'object',
      additionalProperties: {
        enum: [
          'kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text',
          'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr',
        ],
      },
    },
    issued: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    multilineValues: { type: 'boolean', default: false },
    decimalMark: { enum: [',', '.'] },
    period: { type: 'string', pattern: '^(19|20)\\d{2}-(0[1-9]|1[0-2])$' },
    sheet: { type: 'string', minLength: 1, maxLength: 100 },
    json: { type: 'boolean', default: false },
    maxRejectedShare: { type: 'number', minimum: 0, maximum: 1 },
    allowOverlap: { type: 'boolean', default: false },
  },
} as const;
