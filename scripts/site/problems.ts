/**
 * What every problem code in a validation report means and what to do about it, in Swedish and English: the one
 * catalogue the report page (`datasets/<id>/rapport/`), the GitHub job summary and the annotations read. A code
 * the catalogue does not know still shows, with the message report.json gives for it (`problemText` returns null).
 *
 * `level` says how loud the code is outside the report page: `error` stops the build, `warning` is worth the
 * editor's attention (a GitHub warning annotation), `notice` is a GitHub notice, `info` shows on the report page
 * and in the job summary only. Rejected rows and row warnings have their own level (see scripts/cli/github.ts).
 *
 * Every code the pipeline emits (`report.reject`, `report.warn`, `report.note`, `code: '…'` in
 * scripts/pipeline/) must be here: test/problems.test.ts greps for them.
 */
import type { Language } from '../model.ts';

export type ProblemLevel = 'error' | 'warning' | 'notice' | 'info';

export interface ProblemText {
  /** A short name for the kind of problem (a heading). */
  title: string;
  /** What it means, in a sentence or two a finance clerk understands. */
  meaning: string;
  /** What to do, in the finance system where that is where the fix is. */
  action: string;
}

export interface ProblemEntry {
  level: ProblemLevel;
  sv: ProblemText;
  en: ProblemText;
}

const NOTHING_SV = 'Inget behöver göras.';
const NOTHING_EN = 'Nothing needs to be done.';

export const PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  // Rejected rows: left out of the published data.
  field_count: {
    level: 'warning',
    sv: {
      title: 'Fel antal värden på raden',
      meaning: 'Raden har fler eller färre värden än rubrikraden. Oftast står avgränsaren (; eller ,) inuti ett värde utan citattecken, ett belopp med decimalkomma i en kommaavgränsad fil, eller så är raden avklippt.',
      action: 'Ta ut exporten igen med citattecken runt texterna, eller med semikolon som avgränsare när beloppen har decimalkomma, och byt ut filen.',
    },
    en: {
      title: 'Wrong number of values on the row',
      meaning: 'The row has more or fewer values than the header. Usually the separator (; or ,) stands inside an unquoted value, an amount with a decimal comma sits in a comma-separated file, or the row was cut off.',
      action: 'Export again with quotes around text values, or with semicolons as the separator when amounts have a decimal comma, and replace the file.',
    },
  },
  sum_row: {
    level: 'info',
    sv: {
      title: 'Summarad',
      meaning: 'Raden är en summering (Summa, Totalt eller bara ett belopp), inte en fakturarad. Den publiceras aldrig.',
      action: 'Välj en rapport eller exportinställning utan summarader. Gör ni inget lämnas raden ändå utanför.',
    },
    en: {
      title: 'Sum row',
      meaning: 'The row is a sum (Summa, Total or only an amount), not an invoice line. It is never published.',
      action: 'Choose a report or export setting without sum rows. If you do nothing, the row is still left out.',
    },
  },
  supplier_missing: {
    level: 'warning',
    sv: {
      title: 'Leverantör saknas',
      meaning: 'Både leverantörens namn (leverantor) och id (leverantor_id) är tomma, så det går inte att säga vem som fick betalningen.',
      action: 'Slå upp verifikationen i ekonomisystemet och se till att exporten tar med leverantörens namn och organisationsnummer.',
    },
    en: {
      title: 'Supplier missing',
      meaning: "Both the supplier's name (leverantor) and id (leverantor_id) are empty, so there is no saying who was paid.",
      action: "Look the voucher up in the finance system and make sure the export includes the supplier's name and organisation number.",
    },
  },
  amount_missing: {
    level: 'warning',
    sv: {
      title: 'Belopp saknas',
      meaning: 'Beloppet (belopp) är tomt.',
      action: 'Kontrollera konteringen i ekonomisystemet och ta ut exporten igen med beloppet ifyllt.',
    },
    en: {
      title: 'Amount missing',
      meaning: 'The amount (belopp) is empty.',
      action: 'Check the booking in the finance system and export again with the amount filled in.',
    },
  },
  amount_invalid: {
    level: 'warning',
    sv: {
      title: 'Beloppet är inte ett tal',
      meaning: 'Beloppet går inte att läsa som ett tal, till exempel för att det innehåller bokstäver eller flera decimaltecken.',
      action: 'Exportera beloppen som tal, som 1234,50, -1234.50 eller 1 234,50, utan text i beloppskolumnen.',
    },
    en: {
      title: 'The amount is not a number',
      meaning: 'The amount cannot be read as a number, for example because it holds letters or several decimal marks.',
      action: 'Export amounts as numbers, like 1234,50, -1234.50 or 1 234,50, with no text in the amount column.',
    },
  },
  amount_precision: {
    level: 'warning',
    sv: {
      title: 'Fler än två decimaler',
      meaning: 'Beloppet har fler än två decimaler. Insyn avrundar aldrig pengar.',
      action: 'Exportera beloppen i kronor och ören, med två decimaler.',
    },
    en: {
      title: 'More than two decimals',
      meaning: 'The amount has more than two decimals. Insyn never rounds money.',
      action: 'Export amounts in kronor and öre, with two decimals.',
    },
  },
  amount_too_large: {
    level: 'warning',
    sv: {
      title: 'Orimligt stort belopp',
      meaning: 'Beloppet är över 11 000 miljarder kronor. Det tyder på att kolumnerna har blandats ihop.',
      action: 'Kontrollera att beloppskolumnen verkligen innehåller beloppet och ta ut exporten igen.',
    },
    en: {
      title: 'Implausibly large amount',
      meaning: 'The amount is over 11,000 billion kronor, which suggests the columns were mixed up.',
      action: 'Check that the amount column really holds the amount and export again.',
    },
  },
  amount_mark: {
    level: 'warning',
    sv: {
      title: 'Blandade decimaltecken',
      meaning: 'Beloppet är skrivet med ett annat decimaltecken (punkt eller komma) än filens övriga belopp, så det går inte att veta vilket belopp som menas.',
      action: 'Exportera alla belopp på samma sätt, med samma decimaltecken i hela filen.',
    },
    en: {
      title: 'Mixed decimal marks',
      meaning: "The amount is written with another decimal mark (point or comma) than the file's other amounts, so there is no knowing which amount is meant.",
      action: 'Export every amount the same way, with one decimal mark in the whole file.',
    },
  },
  amount_ambiguous: {
    level: 'warning',
    sv: {
      title: 'Beloppet kan läsas på två sätt',
      meaning: 'Ett belopp som 35,000 kan vara 35 000 kronor eller 35 kronor med tre decimaler, och inget annat belopp i filen visar vilket decimaltecken den använder.',
      action: 'Exportera beloppen med två decimaler, eller ange filernas decimaltecken med "decimalMark" i dataset.json.',
    },
    en: {
      title: 'The amount can be read two ways',
      meaning: 'An amount like 35,000 can be 35 000 kronor or 35 kronor with three decimals, and no other amount in the file shows which decimal mark it uses.',
      action: 'Export amounts with two decimals, or give the exports\' decimal mark with "decimalMark" in dataset.json.',
    },
  },
  amount_personnummer: {
    level: 'warning',
    sv: {
      title: 'Personnummer i beloppskolumnen',
      meaning: 'Beloppet ser ut som ett personnummer: kolumnerna är troligen förskjutna. Raden publiceras aldrig.',
      action: 'Jämför rubrikraden med värdena i exporten, rätta urvalet i ekonomisystemet och ta ut exporten igen.',
    },
    en: {
      title: 'A personnummer in the amount column',
      meaning: 'The amount looks like a personnummer: the columns are probably shifted. The row is never published.',
      action: 'Compare the header with the values in the export, correct the selection in the finance system and export again.',
    },
  },
  date_missing: {
    level: 'warning',
    sv: {
      title: 'Bokföringsdatum saknas',
      meaning: 'Datumet (datum) är tomt.',
      action: 'Se till att exporten tar med bokföringsdatum på varje rad.',
    },
    en: {
      title: 'Booking date missing',
      meaning: 'The date (datum) is empty.',
      action: 'Make sure the export includes the booking date on every row.',
    },
  },
  date_invalid: {
    level: 'warning',
    sv: {
      title: 'Ogiltigt datum',
      meaning: 'Datumet finns inte (som 2025-02-30 eller månad 13), går inte att tolka, eller är skrivet på ett annat sätt än filens övriga datum.',
      action: 'Exportera datum som ÅÅÅÅ-MM-DD (ekonomisystemets ISO-format) och kontrollera verifikationen i ekonomisystemet.',
    },
    en: {
      title: 'Invalid date',
      meaning: "The date does not exist (like 2025-02-30 or month 13), cannot be read, or is written differently from the file's other dates.",
      action: "Export dates as YYYY-MM-DD (the finance system's ISO format) and check the voucher in the finance system.",
    },
  },

  // Warnings: the row is published, the warning counted.
  required_empty: {
    level: 'notice',
    sv: {
      title: 'Obligatoriskt värde saknas',
      meaning: 'En kolumn som specifikationen kräver är tom på raden. Raden publiceras ändå.',
      action: 'Fyll i uppgiften i ekonomisystemet där den finns, så kommer den med i nästa export.',
    },
    en: {
      title: 'Required value missing',
      meaning: 'A column the specification requires is empty on the row. The row is published anyway.',
      action: 'Fill in the value in the finance system where it exists, so that the next export has it.',
    },
  },
  supplier_id_checksum: {
    level: 'notice',
    sv: {
      title: 'Fel kontrollsiffra i organisationsnumret',
      meaning: 'Leverantörens id ser ut som ett organisationsnummer men kontrollsiffran stämmer inte. Raden publiceras som den står.',
      action: 'Rätta leverantörens organisationsnummer i leverantörsregistret.',
    },
    en: {
      title: 'Wrong check digit in the organisation number',
      meaning: "The supplier's id looks like an organisation number but its check digit is wrong. The row is published as written.",
      action: "Correct the supplier's organisation number in the supplier register.",
    },
  },
  buyer_id_mismatch: {
    level: 'notice',
    sv: {
      title: 'Köparens organisationsnummer stämmer inte',
      meaning: 'kopare_id är inte datamängdens utgivares organisationsnummer i site.json.',
      action: 'Kontrollera att exporten gäller rätt organisation, eller rätta organisationsnumret i site.json.',
    },
    en: {
      title: "The buyer's organisation number does not match",
      meaning: "kopare_id is not the organisation number of the dataset's publisher in site.json.",
      action: 'Check that the export is of the right organisation, or correct the organisation number in site.json.',
    },
  },
  personnummer_masked: {
    level: 'notice',
    sv: {
      title: 'Personnummer maskerat',
      meaning: 'Ett personnummer stod i en kolumn där det inte hör hemma (till exempel en kontotext eller ett fakturanummer) och ersattes med [personnummer borttaget].',
      action: 'Ta reda på varför personnumret hamnar i fältet och ta bort det i ekonomisystemet om det går.',
    },
    en: {
      title: 'Personnummer masked',
      meaning: 'A personnummer stood in a column where it does not belong (an account text or an invoice number, for example) and was replaced by [personnummer borttaget].',
      action: 'Find out why the personnummer ends up in that field and remove it in the finance system if you can.',
    },
  },
  invalid_bytes: {
    level: 'notice',
    sv: {
      title: 'Trasiga tecken',
      meaning: 'Filen är sparad som UTF-8 men en del tecken är trasiga (visas som �), oftast för att en del av filen har en annan teckenkodning eller för att filen är avklippt.',
      action: 'Ta ut exporten igen och spara hela filen i samma teckenkodning, helst UTF-8.',
    },
    en: {
      title: 'Broken characters',
      meaning: 'The file is saved as UTF-8 but some characters are broken (shown as �), usually because part of the file has another encoding or the file was cut off.',
      action: 'Export again and save the whole file in one encoding, preferably UTF-8.',
    },
  },

  // Notes about a whole file.
  utf16_without_bom: {
    level: 'info',
    sv: { title: 'UTF-16 utan BOM', meaning: 'Filen är UTF-16 utan byte order mark (BOM). Insyn kände igen kodningen och läste filen.', action: NOTHING_SV },
    en: { title: 'UTF-16 without BOM', meaning: 'The file is UTF-16 without a byte order mark (BOM). Insyn recognised the encoding and read the file.', action: NOTHING_EN },
  },
  sep_line: {
    level: 'info',
    sv: { title: 'Excels sep=-rad', meaning: 'Filen börjar med raden sep=…, som Excel skriver för att ange avgränsaren. Den lästes inte som data.', action: NOTHING_SV },
    en: { title: "Excel's sep= line", meaning: 'The file starts with the line sep=…, which Excel writes to name the separator. It was not read as data.', action: NOTHING_EN },
  },
  header_below_heading: {
    level: 'info',
    sv: {
      title: 'Rubrikraden står längre ner',
      meaning: 'Rubrikraden står inte först i filen. Raderna ovanför (en rapportrubrik, en period, tomma rader) lästes inte som data.',
      action: 'Kontrollera att inga fakturarader står ovanför rubrikraden.',
    },
    en: {
      title: 'The header is further down',
      meaning: 'The header is not the first line of the file. The lines above it (a report title, a period, blank lines) were not read as data.',
      action: 'Check that no invoice lines stand above the header.',
    },
  },
  no_rows: {
    level: 'warning',
    sv: { title: 'Inga rader', meaning: 'Filen har en rubrikrad men inga datarader.', action: 'Kontrollera att rätt period valdes när exporten togs ut, och byt ut filen.' },
    en: { title: 'No rows', meaning: 'The file has a header but no data rows.', action: 'Check that the right period was chosen for the export, and replace the file.' },
  },
  unknown_columns: {
    level: 'info',
    sv: {
      title: 'Kolumner utanför specifikationen',
      meaning: 'Kolumner som inte finns i specifikationen publicerades inte.',
      action: 'Inget behöver göras. Ska en kolumn med, koppla den till en kolumn i specifikationen med "columns" i dataset.json.',
    },
    en: {
      title: 'Columns outside the specification',
      meaning: 'Columns that are not in the specification were not published.',
      action: 'Nothing needs to be done. To publish a column, map it to a column of the specification with "columns" in dataset.json.',
    },
  },
  duplicate_columns: {
    level: 'info',
    sv: {
      title: 'Samma kolumn två gånger',
      meaning: 'En kolumn fanns två gånger i rubrikraden. Den andra lästes inte.',
      action: 'Ta bort den dubbla kolumnen ur exporten, eller koppla den till rätt kolumn med "columns" i dataset.json.',
    },
    en: {
      title: 'The same column twice',
      meaning: 'A column appears twice in the header. The second one was not read.',
      action: 'Remove the duplicate column from the export, or map it to the right column with "columns" in dataset.json.',
    },
  },
  header_mapping: {
    level: 'info',
    sv: { title: 'Kolumner med andra namn', meaning: 'Kolumner lästes under ett annat namn än specifikationens, till exempel bokforingsdatum som datum.', action: NOTHING_SV },
    en: { title: 'Columns by other names', meaning: "Columns were read by another name than the specification's, for example bokforingsdatum as datum.", action: NOTHING_EN },
  },
  column_filled: {
    level: 'info',
    sv: { title: 'Kolumn ifylld från inställningarna', meaning: 'Exporten saknar kolumnen. Den fylldes i med utgivarens uppgifter från site.json.', action: NOTHING_SV },
    en: { title: 'Column filled from the settings', meaning: "The export lacks the column. It was filled with the publisher's details from site.json.", action: NOTHING_EN },
  },
  column_split: {
    level: 'info',
    sv: { title: 'Konto delat i nummer och text', meaning: 'Kontonummer och kontotext stod i samma kolumn (som "60150 Lokalhyror") och delades i konto_nr och konto_text.', action: NOTHING_SV },
    en: { title: 'Account split into number and text', meaning: 'The account number and its text stood in one column (like "60150 Lokalhyror") and were split into konto_nr and konto_text.', action: NOTHING_EN },
  },
  required_column_missing: {
    level: 'notice',
    sv: {
      title: 'Obligatorisk kolumn saknas',
      meaning: 'Exporten saknar en kolumn som specifikationen kräver. Kolumnen publiceras tom.',
      action: 'Lägg till kolumnen i exportens urval i ekonomisystemet.',
    },
    en: {
      title: 'Required column missing',
      meaning: 'The export lacks a column the specification requires. The column is published empty.',
      action: "Add the column to the export's selection in the finance system.",
    },
  },
  date_month_only: {
    level: 'info',
    sv: {
      title: 'Bara månad i datumet',
      meaning: 'Datumen anger bara månad. De publiceras som ÅÅÅÅ-MM, aldrig med en påhittad dag.',
      action: 'Exportera bokföringsdagen (ÅÅÅÅ-MM-DD) om ekonomisystemet kan.',
    },
    en: {
      title: 'Only the month in the date',
      meaning: 'The dates give only the month. They are published as YYYY-MM, never with an invented day.',
      action: 'Export the booking day (YYYY-MM-DD) if the finance system can.',
    },
  },
  date_format: {
    level: 'info',
    sv: {
      title: 'Datum i ett annat format',
      meaning: 'Datumen är skrivna på ett annat sätt än ÅÅÅÅ-MM-DD och lästes om till det formatet.',
      action: 'Inget behöver göras. Helst exporteras datum som ÅÅÅÅ-MM-DD.',
    },
    en: {
      title: 'Dates in another form',
      meaning: 'The dates are written in another form than YYYY-MM-DD and were read into that form.',
      action: 'Nothing needs to be done. Dates are best exported as YYYY-MM-DD.',
    },
  },
  date_from_period: {
    level: 'info',
    sv: {
      title: 'Månaden från filnamnet',
      meaning: 'Exporten saknar datumkolumn. Raderna fick månaden från filnamnet eller från "period" i dataset.json, aldrig en påhittad dag.',
      action: 'Ta med bokföringsdatum i exporten om det går.',
    },
    en: {
      title: 'The month from the file name',
      meaning: 'The export has no date column. Its rows got the month from the file name or from "period" in dataset.json, never an invented day.',
      action: 'Include the booking date in the export if you can.',
    },
  },
  supplier_id_not_orgnr: {
    level: 'info',
    sv: {
      title: 'Leverantörs-id som inte är organisationsnummer',
      meaning: 'En del leverantörs-id är inte svenska organisationsnummer (platshållare som SAKNAS, utländska momsnummer, interna nummer). De publiceras som de står.',
      action: 'Fyll i leverantörernas organisationsnummer i leverantörsregistret där de finns.',
    },
    en: {
      title: 'Supplier ids that are not organisation numbers',
      meaning: 'Some supplier ids are not Swedish organisation numbers (placeholders like SAKNAS, foreign VAT numbers, internal numbers). They are published as written.',
      action: "Fill in the suppliers' organisation numbers in the supplier register where they exist.",
    },
  },
  spec_1_0_buyer: {
    level: 'info',
    sv: {
      title: 'Äldre format (specifikation 1.0)',
      meaning: 'Exporten följer specifikation 1.0: köparens organisationsnummer stod i kopare och publiceras som kopare_id.',
      action: 'Inget behöver göras. Byt gärna exporten till specifikation 1.1.',
    },
    en: {
      title: 'Older layout (specification 1.0)',
      meaning: "The export follows specification 1.0: the buyer's organisation number stood in kopare and is published as kopare_id.",
      action: 'Nothing needs to be done. Move the export to specification 1.1 when you can.',
    },
  },
  kommun_id_filled: {
    level: 'info',
    sv: { title: 'Kommunkoden ifylld', meaning: 'kommun_id var tom och fylldes i med utgivarens kommunkod från site.json.', action: NOTHING_SV },
    en: { title: 'Municipality code filled in', meaning: "kommun_id was empty and was filled with the publisher's municipality code from site.json.", action: NOTHING_EN },
  },

  // About several files or the dataset as a whole.
  rejected_share: {
    level: 'error',
    sv: {
      title: 'För stor andel avvisade rader',
      meaning: 'Så stor andel av filens rader avvisades att felet nästan alltid ligger i hur exporten sparades (avgränsare, decimaltecken, teckenkodning), inte i enskilda rader. Bygget stoppas och inget publiceras.',
      action: 'Jämför filen med en tidigare månad som fungerade och ta ut exporten igen med samma inställningar. De vanligaste felen i filen står under Avvisade rader.',
    },
    en: {
      title: 'Too many rows rejected',
      meaning: "So many of the file's rows were rejected that the fault is almost always in how the export was saved (separator, decimal mark, encoding), not in single rows. The build stops and nothing is published.",
      action: "Compare the file with an earlier month that worked and export again with the same settings. The file's most common faults are listed under Rejected rows.",
    },
  },
  duplicate_file: {
    level: 'error',
    sv: {
      title: 'Samma fil två gånger',
      meaning: 'Två filer är exakt likadana (till exempel "2026-02 (1).csv" bredvid "2026-02.csv"), så raderna skulle räknas två gånger.',
      action: 'Ta bort den ena filen.',
    },
    en: {
      title: 'The same file twice',
      meaning: 'Two files are exactly the same (for example "2026-02 (1).csv" beside "2026-02.csv"), so their rows would be counted twice.',
      action: 'Remove one of the files.',
    },
  },
  overlap: {
    level: 'error',
    sv: {
      title: 'Filer med samma rader',
      meaning: 'Två filer har rader med samma verifikationsnummer och datum, till exempel samma månad två gånger. Raderna skulle räknas två gånger.',
      action: 'Ta bort filen som överlappar, eller byt ut den mot en export av rätt period. Är överlappet avsiktligt ska det anges i dataset.json.',
    },
    en: {
      title: 'Files with the same rows',
      meaning: 'Two files have rows with the same voucher numbers and dates, for example the same month twice. The rows would be counted twice.',
      action: 'Remove the overlapping file, or replace it with an export of the right period. An intended overlap is declared in dataset.json.',
    },
  },
  month_gap: {
    level: 'warning',
    sv: {
      title: 'En månad saknas',
      meaning: 'Det saknas data för en månad mellan två publicerade månader.',
      action: 'Lägg till exporten för månaden som saknas, eller kontrollera i ekonomisystemet att det inte fanns några fakturor den månaden.',
    },
    en: {
      title: 'A month is missing',
      meaning: 'There is no data for a month between two published months.',
      action: 'Add the export of the missing month, or check in the finance system that there were no invoices that month.',
    },
  },
  large_file: {
    level: 'warning',
    sv: {
      title: 'En fil är större än vissa webbhotell tar emot',
      meaning: 'En publicerad fil är större än 25 MiB, det största en enskild fil får vara på Cloudflare Pages (GitHub Pages tar emot 100 MB). Där kan den inte laddas ner. Parquet-filen bredvid innehåller samma rader och är mycket mindre.',
      action: 'Publicera datamängden per år ("series": "yearly" i dataset.json), dela upp den i flera datamängder (till exempel per förvaltning), eller lägg webbplatsen där så stora filer tas emot.',
    },
    en: {
      title: 'A file is larger than some hosts accept',
      meaning: 'A published file is larger than 25 MiB, the most a single file may be on Cloudflare Pages (GitHub Pages accepts 100 MB). There it cannot be downloaded. The Parquet file beside it holds the same rows in far less space.',
      action: 'Publish the dataset by year ("series": "yearly" in dataset.json), split it into several datasets (for example by department), or host the site where files of this size are served.',
    },
  },
  month_outlier: {
    level: 'warning',
    sv: {
      title: 'Ovanligt belopp för en månad',
      meaning: 'Månadens totala belopp ligger långt utanför datamängdens vanliga nivå. Det kan betyda att rader saknas eller finns med två gånger.',
      action: 'Jämför månadens summa med leverantörsreskontran i ekonomisystemet.',
    },
    en: {
      title: 'An unusual total for a month',
      meaning: "The month's total is far outside the dataset's usual range. Rows may be missing or counted twice.",
      action: "Compare the month's total with the accounts payable ledger in the finance system.",
    },
  },
};

/** The catalogue's text for `code` in `lang`, or null for a code it does not know. */
export function problemText(code: string, lang: Language): ProblemText | null {
  const entry = Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code] : undefined;
  return entry ? entry[lang] : null;
}

/** The code's level, `fallback` for a code the catalogue does not know. */
export function problemLevel(code: string, fallback: ProblemLevel): ProblemLevel {
  return Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code].level : fallback;
}
