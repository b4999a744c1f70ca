/**
 * The cross-dataset index: what the supplier, account and department pages, search and the comparison of
 * publishers are built from. Made from what each dataset published (its period CSV files), one dataset at a time
 * (cacheable), then merged across datasets and publishers. No logic lives here.
 */
import type { MoneyText, PublishedFile } from '../model.ts';

export interface Money {
  rows: number;
  total: MoneyText;
}

/** One of a supplier's largest payments (by absolute amount), as published. */
export interface Payment {
  publisher: string;
  dataset: string;
  datum: string;
  belopp: MoneyText;
  konto_nr: string;
  konto_text: string;
  forvaltning: string;
  verifikationsnummer: string;
  fakturanummer: string;
}

/** A supplier across every publisher and year of the site (never a sole trader: redacted rows have no page). */
export interface SupplierEntry extends Money {
  /** The URL segment: the organisation number, or `namn-<name>-<hash>` for a supplier known only by name. */
  slug: string;
  orgNumber: string | null;
  /** The name written on most rows. */
  name: string;
  /** Every name the supplier was written with (most rows first), at most 20. */
  names: string[];
  publishers: (Money & { id: string; name: string })[];
  years: (Money & { year: string })[];
  months: (Money & { month: string })[];
  /** By account and department, per publisher (largest first, at most 50 each). */
  accounts: (Money & { publisher: string; dataset: string; account: string; name: string; slug: string })[];
  departments: (Money & { publisher: string; dataset: string; name: string; slug: string })[];
  /** The 10 largest payments. */
  largest: Payment[];
  /** Every row of the supplier as one CSV (spec columns, as published), when it has at most SUPPLIER_ROWS_FILE_CAP. */
  rowsFile: RowsFile | null;
}

/** An account (or a department) of one dataset: its total over time and the suppliers paid on it. */
export interface LedgerEntry extends Money {
  dataset: string;
  publisher: string;
  /** The account number (empty for a department). */
  account: string;
  name: string;
  /** The URL segment within the dataset. */
  slug: string;
  years: (Money & { year: string })[];
  months: (Money & { month: string })[];
  /** The suppliers paid on it, largest first (at most 200; `slug` null for a supplier without a page). */
  suppliers: (Money & { name: string; slug: string | null })[];
  /** How many suppliers in all, and the rows of sole traders (summed as one, never named). */
  supplierCount: number;
  redacted: Money;
}

/** One publisher's figures, side by side with the others'. */
export interface PublisherFigures extends Money {
  id: string;
  name: string;
  months: (Money & { month: string })[];
  /** By calendar year (from the months), oldest first. */
  years: (Money & { year: string })[];
  suppliers: number;
  /** The ten largest suppliers' share of the total, 0–1 (as text with four decimals, exact enough to show). */
  top10Share: string;
  /** Inhabitants (site.json `population`), and the total per inhabitant in kronor. */
  population: number | null;
  perInhabitant: MoneyText | null;
}

export interface SiteIndex {
  suppliers: SupplierEntry[];
  /** Suppliers left without a page because the site has more than SITE_SUPPLIER_PAGES (the smallest). */
  suppliersWithoutPage: number;
  accounts: LedgerEntry[];
  departments: LedgerEntry[];
  publishers: PublisherFigures[];
}

/** A supplier's rows file (scripts/index/rows-files.ts): what its page links to and shows. */
export type RowsFile = Omit<PublishedFile, 'sha256'>;
