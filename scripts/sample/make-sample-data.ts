/**
 * Writes the sample data a new checkout builds: `data/site.json`, two datasets with monthly and yearly exports in
 * four real-world dialects (with sole traders and a few bad rows), and `data/README.md`. Deterministic: fixed
 * seeds, no clock, so running it twice gives byte-identical files.
 *
 *   npx tsx scripts/sample/make-sample-data.ts [dataDir]     (default: the repository's `data/`)
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatasetMetadata, SiteSettings } from '../model.ts';
import type { SpecColumn } from '../pipeline/columns.ts';
import { EXEMPELBY, SJOVIK, type SampleMunicipality } from './catalog.ts';
import { dashed } from './ids.ts';
import { injectBadRows, writeExport, type BadRowPlan, type DialectName, type ExportStats } from './dialects.ts';
import { generateRows, type GenerateOptions, type SampleRow } from './generate.ts';

/** Seed of the supplier pool both municipalities buy from (so that they share suppliers). */
export const POOL_SEED = 7;

/** One run of the generator: a period of one municipality's ledger, split into export files. */
interface LedgerRun {
  seed: number;
  rows: number;
  from: string;
  to: string;
  firstVoucher: number;
  messyText?: number;
  dialect: DialectName;
  /** `month`: one file per calendar month (`2025-01.csv`); `year`: one per year (`2025.csv`). */
  split: 'month' | 'year';
  headers?: Partial<Record<SpecColumn, string>>;
  /** Bad rows and sum rows per file name. */
  bad?: Record<string, { plan: BadRowPlan[]; sumRow?: boolean }>;
}

interface SampleDataset {
  id: string;
  municipality: SampleMunicipality;
  metadata: DatasetMetadata;
  runs: LedgerRun[];
}

const KEYWORDS = {
  sv: ['leverantörsreskontra', 'leverantörsfakturor', 'offentliga inköp', 'exempeldata'],
  en: ['supplier invoices', 'public procurement', 'accounts payable', 'sample data'],
};

export const SAMPLE_DATASETS: SampleDataset[] = [
  {
    id: 'exempelby-leverantorsreskontra',
    municipality: EXEMPELBY,
    metadata: {
      title: { sv: 'Leverantörsfakturor, Exempelby kommun', en: 'Supplier invoices, Exempelby Municipality' },
      description: {
        sv:
          'Exempelby kommuns betalda leverantörsfakturor, en rad per kontering, exklusive moms. Publiceras varje ' +
          'månad. Kommunen bytte ekonomisystem i september 2025, därför ser filerna olika ut före och efter bytet. ' +
          'Detta är påhittad exempeldata: alla namn och nummer är uppdiktade.',
        en:
          "Exempelby Municipality's paid supplier invoices, one row per booking line, excluding VAT. Published " +
          'monthly. The municipality changed its finance system in September 2025, so the files look different ' +
          'before and after the change. This is invented sample data: every name and number is made up.',
      },
      publisher: EXEMPELBY.id,
      license: 'CC0-1.0',
      frequency: 'MONTHLY',
      keywords: KEYWORDS,
      series: 'yearly',
      columns: { Ansvar: 'forvaltning' },
      issued: '2025-02-14',
    },
    runs: [
      {
        // The old system: Windows-1252 report export, January–August 2025.
        seed: 101,
        rows: 1840,
        from: '2025-01-01',
        to: '2025-08-31',
        firstVoucher: 1_250_001,
        dialect: 'legacy1252',
        split: 'month',
        bad: {
          '2025-02.csv': { plan: [{ at: 40, kind: 'impossible-date' }] },
          '2025-05.csv': { plan: [{ at: 17, kind: 'amount-garbled' }, { at: 120, kind: 'missing-amount' }] },
          '2025-08.csv': { plan: [], sumRow: true },
        },
      },
      {
        // The new system: Excel "CSV UTF-8", September 2025 on; it calls the department column "Ansvar".
        seed: 102,
        rows: 1380,
        from: '2025-09-01',
        to: '2026-02-28',
        firstVoucher: 9_000_001,
        messyText: 0.01,
        dialect: 'excel',
        split: 'month',
        headers: { forvaltning: 'Ansvar' },
        bad: {
          '2025-10.csv': { plan: [{ at: 33, kind: 'month-13' }, { at: 90, kind: 'no-supplier' }] },
          '2025-11.csv': { plan: [{ at: 12, kind: 'empty-account-text' }, { at: 70, kind: 'empty-account-text' }, { at: 140, kind: 'wrong-check-digit' }] },
          '2025-12.csv': { plan: [{ at: 25, kind: 'masked-name' }, { at: 99, kind: 'masked-name' }] },
          '2026-01.csv': { plan: [{ at: 55, kind: 'amount-text' }, { at: 150, kind: 'extra-field' }] },
        },
      },
    ],
  },
  {
    id: 'sjovik-leverantorsreskontra',
    municipality: SJOVIK,
    metadata: {
      title: { sv: 'Leverantörsfakturor, Sjöviks kommun', en: 'Supplier invoices, Sjövik Municipality' },
      description: {
        sv:
          'Sjöviks kommuns leverantörsfakturor per konteringsrad, exklusive moms. 2025 publicerades som en årsfil, ' +
          'från 2026 kommer en fil per månad. Detta är påhittad exempeldata: alla namn och nummer är uppdiktade.',
        en:
          "Sjövik Municipality's supplier invoices per booking line, excluding VAT. 2025 was published as one " +
          'yearly file; from 2026 there is one file per month. This is invented sample data: every name and number ' +
          'is made up.',
      },
      publisher: SJOVIK.id,
      license: 'CC-BY-4.0',
      frequency: 'MONTHLY',
      keywords: KEYWORDS,
      series: 'yearly',
    },
    runs: [
      {
        seed: 201,
        rows: 2000,
        from: '2025-01-01',
        to: '2025-12-31',
        firstVoucher: 25_000_001,
        dialect: 'vgr',
        split: 'year',
        bad: {
          '2025.csv': {
            plan: [
              { at: 150, kind: 'impossible-date' },
              { at: 777, kind: 'month-13' },
              { at: 1200, kind: 'amount-text' },
              { at: 1650, kind: 'extra-field' },
            ],
          },
        },
      },
      {
        seed: 202,
        rows: 340,
        from: '2026-01-01',
        to: '2026-02-28',
        firstVoucher: 26_000_001,
        dialect: 'goteborg',
        split: 'month',
        bad: {
          '2026-02.csv': {
            plan: [
              { at: 20, kind: 'missing-amount' },
              { at: 61, kind: 'no-supplier' },
              { at: 80, kind: 'wrong-check-digit' },
              { at: 99, kind: 'amount-garbled' },
            ],
            sumRow: true,
          },
        },
      },
    ],
  },
];

export function sampleSite(): SiteSettings {
  const publisher = (m: SampleMunicipality) => ({
    id: m.id,
    name: m.name,
    orgNumber: m.orgNumber,
    type: 'municipality' as const,
    email: `oppnadata@${m.domain}`,
    homepage: `https://${m.domain}/`,
    municipalityCode: m.municipalityCode,
    population: m.population,
  });
  return {
    title: { sv: 'Öppna inköp i Sjöväst', en: 'Open purchasing data in Sjöväst' },
    description: {
      sv:
        'Kommunerna i Sjöväst publicerar sina leverantörsfakturor som öppna data: vem kommunen köper av, för hur ' +
        'mycket och till vilken verksamhet. Webbplatsen visar påhittad exempeldata.',
      en:
        'The municipalities of Sjöväst publish their supplier invoices as open data: whom they buy from, how much ' +
        'and for which service. This site shows invented sample data.',
    },
    baseUrl: 'https://example.github.io/insyn/',
    languages: ['sv', 'en'],
    contactEmail: `oppnadata@${EXEMPELBY.domain}`,
    publishers: [publisher(EXEMPELBY), publisher(SJOVIK)],
  };
}

/** What one written export holds (for tests and the README). */
export interface SampleFileReport extends ExportStats {
  dataset: string;
  file: string;
  dialect: DialectName;
  seed: number;
}

/** Groups date-ordered rows by month (`2025-01`) or year (`2025`); holds one group in memory at a time. */
function* splitRows(rows: Iterable<SampleRow>, split: 'month' | 'year'): Generator<{ key: string; rows: SampleRow[] }> {
  const len = split === 'month' ? 7 : 4;
  let key: string | null = null;
  let group: SampleRow[] = [];
  for (const row of rows) {
    const k = row.datum.slice(0, len);
    if (k !== key) {
      if (key !== null) yield { key, rows: group };
      key = k;
      group = [];
    }
    group.push(row);
  }
  if (key !== null) yield { key, rows: group };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const DIALECT_LABEL: Record<DialectName, string> = {
  vgr: '`;`, UTF-8, CR line ends, dot decimals',
  goteborg: '`,`, UTF-16LE + BOM, CRLF, `"3270,50"`',
  legacy1252: '`;`, Windows-1252, CRLF, `1 234,50`',
  excel: '`;`, UTF-8 + BOM, CRLF, `1234,5`',
};

function filesTable(reports: SampleFileReport[]): string {
  const lines = [
    '| file | format | data rows | of which sole traders | bad rows | sum row |',
    '|---|---|--:|--:|---|---|',
  ];
  for (const r of reports) {
    const bad = r.badRows.length === 0 ? '–' : r.badRows.map((b) => `${b.kind} (row ${b.record})`).join(', ');
    lines.push(
      `| \`${r.dataset}/${r.file}\` | ${DIALECT_LABEL[r.dialect]} | ${r.records} | ${r.soleTraderRows} | ${bad} | ${r.sumRow ? 'yes' : '–'} |`,
    );
  }
  const sum = (f: (r: SampleFileReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  lines.push(
    `| **total** | | ${sum((r) => r.records)} | ${sum((r) => r.soleTraderRows)} | ${sum((r) => r.badRows.length)} | ${sum((r) => (r.sumRow ? 1 : 0))} |`,
  );
  return lines.join('\n');
}

const HERE = dirname(fileURLToPath(import.meta.url));

async function writeReadme(dataDir: string, reports: SampleFileReport[]): Promise<void> {
  const template = await readFile(join(HERE, 'README.template.md'), 'utf8');
  const text = template
    .replaceAll('{{FILES}}', filesTable(reports))
    .replaceAll('{{EXEMPELBY_ORG}}', dashed(EXEMPELBY.orgNumber))
    .replaceAll('{{SJOVIK_ORG}}', dashed(SJOVIK.orgNumber))
    .replaceAll('{{POOL_SEED}}', String(POOL_SEED));
  await writeFile(join(dataDir, 'README.md'), text);
}

/** Writes all sample data into `dataDir` (replacing the sample datasets' export files) and reports each file. */
export async function makeSampleData(dataDir: string): Promise<SampleFileReport[]> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'site.json'), json(sampleSite()));
  const reports: SampleFileReport[] = [];
  for (const dataset of SAMPLE_DATASETS) {
    const dir = join(dataDir, 'datasets', dataset.id);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (name.endsWith('.csv')) await rm(join(dir, name));
    }
    await writeFile(join(dir, 'dataset.json'), json(dataset.metadata));
    const buyer = {
      orgNumber: dataset.municipality.orgNumber,
      name: dataset.municipality.name,
      municipalityCode: dataset.municipality.municipalityCode,
    };
    for (const run of dataset.runs) {
      const options: GenerateOptions = {
        seed: run.seed,
        poolSeed: POOL_SEED,
        rows: run.rows,
        from: run.from,
        to: run.to,
        buyer,
        firstVoucher: run.firstVoucher,
        messyText: run.messyText,
      };
      for (const group of splitRows(generateRows(options), run.split)) {
        const file = `${group.key}.csv`;
        const bad = run.bad?.[file];
        const records = injectBadRows(group.rows, bad?.plan ?? [], { sumRow: bad?.sumRow });
        const stats = await writeExport(join(dir, file), records, run.dialect, { headers: run.headers });
        reports.push({ dataset: dataset.id, file, dialect: run.dialect, seed: run.seed, ...stats });
      }
    }
  }
  await writeReadme(dataDir, reports);
  return reports;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dataDir = resolve(process.argv[2] ?? join(HERE, '..', '..', 'data'));
  const reports = await makeSampleData(dataDir);
  for (const r of reports) {
    const bad = r.badRows.map((b) => `${b.kind}@${b.record}`).join(' ');
    console.log(
      `${r.dataset}/${r.file}\t${r.dialect}\t${r.bytes} B\t${r.records} records\t${r.soleTraderRows} sole traders` +
        `${bad ? `\tbad: ${bad}` : ''}${r.sumRow ? '\t+ Summa row' : ''}`,
    );
  }
  console.log(`wrote ${reports.length} export files, site.json, 2 dataset.json and README.md to ${dataDir}`);
}
