/**
 * What Insyn guarantees, and which tests prove each: one list, printed by `npm test` (with each guarantee's
 * result) and copied into the README's "What Insyn guarantees" (test/guarantees.test.ts keeps the two the same).
 */
export interface Guarantee {
  name: string;
  promise: string;
  /** How the tests prove it. */
  how: string;
  tests: string[];
}

export const GUARANTEES: Guarantee[] = [
  {
    name: 'Personal data',
    promise:
      'No personnummer or samordningsnummer, in any written form, reaches any output file, page, feed, catalogue, report or log line; a sole trader’s row is published without id or name; organisation numbers are never masked.',
    how: 'property tests draw test personnummer in every separator, grouping and digit set, place them in each of the 15 columns, the file name, a header name, dataset.json and site.json, in any dialect, build the site with the real CLI and scan every output and printed line on the normalised view (and with ../shared/hooks/pnr-scan.py, an independent scanner); the types (PublishedRow, Safe) make a path that skips the masking fail to compile',
    tests: ['test/personnummer.test.ts', 'test/privacy-site.test.ts', 'test/privacy.test.ts', 'test/hostile-escaping.test.ts'],
  },
  {
    name: 'Every row accounted for',
    promise:
      'Rows read = rows published + rows rejected, in every file; no row vanishes inside a quote; a file changed while it is read, or one most of whose rows are rejected, is refused rather than half published.',
    how: 'a property test over random bad rows in random dialects counts the published files and the report; hostile files (stray quotes, mixed line ends, headings above the header, 150 000 bad rows) and real-shaped exports (Örebro’s whole month) check exact counts',
    tests: ['test/privacy.test.ts', 'test/hostile-validate.test.ts', 'test/hostile-build.test.ts', 'test/read.test.ts', 'test/real-exports.test.ts', 'test/orebro.test.ts', 'test/monthly-flow.test.ts'],
  },
  {
    name: 'Money summed exactly',
    promise: 'Amounts are integer öre, read by the file’s decimal mark, never rounded; every total (summary, months, accounts, files) is exact to the öre.',
    how: 'property tests: any amount in any dialect parses back to the same öre, and any file of amounts sums to the exact total; the real Örebro file sums to 450,187,283.39',
    tests: ['test/parse.test.ts', 'test/real-exports.test.ts', 'test/build.test.ts', 'test/orebro.test.ts', 'test/xlsx.test.ts'],
  },
  {
    name: 'Atomic output',
    promise:
      'At no moment is the output missing or partial: a failed, interrupted or out-of-disk build leaves the last good output byte for byte as it was, and the next build removes what a killed one left.',
    how: 'a reader process polls the output during hundreds of swaps and real builds; builds are killed with SIGKILL at random points; full and read-only file systems are mounted for real; the temporary folders of a killed process are removed by the next build',
    tests: ['test/atomic.test.ts', 'test/swap.test.ts', 'test/environment.test.ts', 'test/hostile-paths.test.ts', 'test/temp-folders.test.ts'],
  },
  {
    name: 'Deterministic builds',
    promise: 'The same inputs give byte-identical output; no file holds the build’s time.',
    how: 'the sample is built twice (in different folders, at different times) and the trees compared byte for byte',
    tests: ['test/determinism.test.ts', 'test/sample.test.ts'],
  },
  {
    name: 'The cache',
    promise:
      'A cached dataset or file is used only when its inputs and the code are unchanged and every cached byte matches what was stored; the site and the cache never share a file; a month added reads that month alone, and the output is what a full build gives.',
    how: 'edits to the code, the lock file and templates invalidate entries; truncated and edited entries are detected and rebuilt; a cached build is compared byte for byte with a full one',
    tests: ['test/cache.test.ts', 'test/monthly-flow.test.ts', 'test/workflow.test.ts'],
  },
  {
    name: 'A green build means the month was published',
    promise:
      'Every file in the data folder is read, ignored on purpose, or named in an error; the same month twice, files sharing rows and files most of whose rows are rejected fail the build; a month missing or far outside the usual range is reported.',
    how: 'the real CLI on data folders shaped like each mistake asserts the exit code and the message',
    tests: ['test/data-folder.test.ts', 'test/monthly-flow.test.ts', 'test/hostile-build.test.ts'],
  },
];
