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
          phone: { type: 'string', pattern: '^\\+?[0-9 -]{5,20}$' },
        },
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
  },
} as const;
