/**
 * The shapes that flow between Insyn's stages: settings and metadata (what a publisher writes in `data/`),
 * the pipeline's result per dataset (what it wrote and what it found), and the site model that the DCAT writer
 * and the Eleventy templates read. No logic lives here.
 */

/** A text in Swedish and, optionally, English. */
export interface LocalizedText {
  sv: string;
  en?: string;
}

export type Language = 'sv' | 'en';

/** An organisation that publishes datasets on the site (`data/site.json` → `publishers`). */
export interface Publisher {
  /** Short slug used in URLs and in dataset metadata (`"publisher": "exempelby"`). */
  id: string;
  name: string;
  /** 10 digits, no dash (e.g. `2120001355`). */
  orgNumber: string;
  /** `municipality`, `region` or `agency`: decides the DCAT publisher type. */
  type: 'municipality' | 'region' | 'agency';
  email: string;
  homepage: string;
  /** SCB municipality code (4 digits), for municipalities. */
  municipalityCode?: string;
  phone?: string;
  /** What the organisation is, in a sentence or two (the catalogue's agent description). Default: from name and type. */
  description?: LocalizedText;
  /** Visiting or postal address, for the catalogue's contact point and schema.org. */
  address?: PostalAddress;
  /** Geonames IRI of the area the organisation serves (`https://sws.geonames.org/<id>/`): the data's place. */
  geonames?: string;
  /** Inhabitants (for spending per inhabitant in the comparison of publishers). */
  population?: number;
}

export interface PostalAddress {
  street: string;
  postalCode: string;
  locality: string;
  /** Default `Sverige`. */
  country?: string;
}

/** Compliance with the Act (2018:1937) on accessibility to digital public services, in DIGG's three levels. */
export type AccessibilityCompliance = 'full' | 'partial' | 'none';

/** Content of the site that is not accessible, and why. */
export interface InaccessibleContent {
  content: LocalizedText;
  reason: LocalizedText;
}

/** `site.json` → `accessibility`: the accessibility statement. Every field is optional. */
export interface AccessibilitySettings {
  /** The `id` of the publisher responsible for the website (default: the first publisher). */
  responsible?: string;
  /** Default `full`. */
  compliance?: AccessibilityCompliance;
  /** Content that does not meet the requirements (bristande förenlighet med lagkraven). */
  nonCompliant?: InaccessibleContent[];
  /** Content exempted as a disproportionate burden (12 §), with the justification as `reason`. */
  disproportionateBurden?: InaccessibleContent[];
  /** Content the requirements do not cover (9 §), with the exemption as `reason`. */
  outOfScope?: InaccessibleContent[];
  /** `self-assessment` (default) or `third-party` (a review by someone else, named in `assessor`). */
  method?: 'self-assessment' | 'third-party';
  assessor?: string;
  /** Date of the latest assessment (YYYY-MM-DD). */
  assessed?: string;
  /** Date the statement was last updated (YYYY-MM-DD). */
  updated?: string;
  /** Date the website was first published (YYYY-MM-DD). */
  published?: string;
  /** Where to report problems or ask for content in another form. Default: the responsible publisher's e-mail and phone. */
  feedback?: { email?: string; phone?: string; url?: string };
  /** How many working days an answer normally takes. */
  responseDays?: number;
}

/** `data/site.json`. */
export interface SiteSettings {
  title: LocalizedText;
  description: LocalizedText;
  /** Absolute URL the site is served from, with a trailing slash. `--base-url` overrides it. */
  baseUrl: string;
  languages: Language[];
  /** Contact e-mail of the site as a whole (falls back to the first publisher's). */
  contactEmail?: string;
  /** Where the site's sources live, for "edit this page" links. */
  repository?: { url: string; branch: string };
  publishers: Publisher[];
  /** The accessibility statement's settings. */
  accessibility?: AccessibilitySettings;
}

/** `data/datasets/<id>/dataset.json`. */
export interface DatasetMetadata {
  title: LocalizedText;
  description: LocalizedText;
  /** A publisher `id` from `site.json`. */
  publisher: string;
  /** `CC0-1.0` (default) or `CC-BY-4.0`. */
  license: 'CC0-1.0' | 'CC-BY-4.0';
  /** EU frequency code: `MONTHLY` (default), `QUARTERLY`, `ANNUAL`, `WEEKLY`, `DAILY`, `IRREG`. */
  frequency: string;
  keywords: { sv: string[]; en?: string[] };
  /** `yearly` (one DCAT dataset per calendar year in a series, the default) or `cumulative` (one dataset). */
  series: 'yearly' | 'cumulative';
  /** Header name in the export → spec column, for headers Insyn does not know. */
  columns?: Record<string, string>;
  /** First publication date (YYYY-MM-DD). Defaults to the day after the last date of the first period. */
  issued?: string;
  /** The exports have values spanning several lines (addresses, notes): a quoted value over many lines is not taken
   * for a stray quote. Default false. */
  multilineValues?: boolean;
  /** The decimal mark of the exports (`,` or `.`), for files where no amount shows it (`35,000`). */
  decimalMark?: ',' | '.';
  /** The month (`YYYY-MM`) of exports that have no date column and no month in their file name. */
  period?: string;
  /** The sheet of the workbooks to read; default the first visible one. */
  sheet?: string;
  /** Publish every period as per-row JSON too (default false: CSV, and the derived formats). */
  json?: boolean;
  /** The share of a file's rows that may be rejected before the build fails (0–1; default 0.2). */
  maxRejectedShare?: number;
  /** Files of the dataset may share rows (the same voucher number and date) on purpose. Default false. */
  allowOverlap?: boolean;
}

/** A dataset as found on disk: its id (the folder name), metadata and export files (sorted by name). */
export interface DatasetSource {
  id: string;
  dir: string;
  metadataPath: string;
  metadata: DatasetMetadata;
  files: string[];
}

/** A published file in the output, with what the catalogue needs to describe it. */
export interface PublishedFile {
  /** Path relative to the output root, with `/` (e.g. `datasets/budget/budget-2025.csv`). */
  path: string;
  /** `Parquet`: the period's CSV as Parquet (scripts/pipeline/formats/parquet.ts), the same rows and values. */
  format: 'CSV' | 'JSON' | 'Parquet';
  mediaType: 'text/csv' | 'application/json' | 'application/vnd.apache.parquet';
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** Money as exact decimal text with two decimals, e.g. `"-1234.50"` (converted from integer öre). */
export type MoneyText = string;

export interface AmountBucket {
  rows: number;
  total: MoneyText;
}

export interface SupplierTotal extends AmountBucket {
  name: string;
  /** Organisation number or the publisher's supplier id; empty for redacted rows (never shown). */
  id: string;
}

/** One calendar year (or the whole span, for a cumulative dataset) of a dataset. */
export interface Period {
  /** `2025`, or `all` for a cumulative dataset. */
  key: string;
  first: string;
  last: string;
  rows: number;
  total: MoneyText;
  files: PublishedFile[];
}

/** `datasets/<id>/summary.json`. */
export interface DatasetSummary {
  id: string;
  /** Data rows read (header not counted), over all export files. */
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
  warnings: number;
  total: MoneyText;
  currency: 'SEK';
  period: { first: string; last: string } | null;
  /** Distinct named suppliers (by organisation number, else by name; sole traders are not counted). */
  suppliers: number;
  /** The largest suppliers (at most TOP_SUPPLIERS); every supplier is in `lists.suppliers`. */
  topSuppliers: SupplierTotal[];
  /** Rows whose supplier was a sole trader or masked at the source, summed as one anonymous group. */
  redactedSuppliers: AmountBucket;
  byMonth: (AmountBucket & { month: string })[];
  /** Distinct accounts and departments. */
  accounts: number;
  departments: number;
  /** The largest accounts and departments (at most SUMMARY_LIST_LIMIT each); all of them are in `lists`. */
  byAccount: (AmountBucket & { account: string; name: string })[];
  byDepartment: (AmountBucket & { name: string })[];
  /** The complete lists, as CSV files beside summary.json (so that summary.json stays small whatever the data). */
  lists: { suppliers: PublishedFile; accounts: PublishedFile; departments: PublishedFile };
  periods: Period[];
  /** Findings about the files together: months missing or far outside the usual range, intended overlaps. */
  notices: { code: string; message: string }[];
  /** Each input export, with what was found in it. */
  sources: { file: string; encoding: string; delimiter: string | null; sheet?: string; rows: number; valid: number; rejected: number }[];
}

/** One dataset after the pipeline ran: what the site and the catalogue are built from. */
export interface DatasetBuild {
  id: string;
  metadata: DatasetMetadata;
  publisher: Publisher;
  summary: DatasetSummary;
  /** Other files written for the dataset (paths relative to the output root): data package and report. */
  datapackage: PublishedFile;
  report: PublishedFile;
  /** The first published rows (already redacted), in spec column order, for the landing page's preview. */
  preview: string[][];
  /** Columns present in the published files (spec 1.1 order). */
  columns: string[];
}

/** Everything the site and the catalogue are built from. */
export interface SiteModel {
  settings: SiteSettings;
  /** Absolute base URL with a trailing slash (from `--base-url`, else `site.json`). */
  baseUrl: string;
  /** Path part of the base URL (`/` or `/repo/`), for Eleventy's path prefix. */
  pathPrefix: string;
  datasets: DatasetBuild[];
  /**
   * The build's reference date (YYYY-MM-DD): `SOURCE_DATE_EPOCH` when set, else the latest date found in the data.
   * Never the wall clock, so that the same inputs give the same output.
   */
  buildDate: string;
  /** The cross-dataset index (scripts/index/): suppliers, accounts, departments, publishers side by side. */
  index?: import('./index/model.ts').SiteIndex;
}
