/**
 * Text from data is escaped everywhere. One real build (the CLI) of a small data folder whose supplier names,
 * account texts, departments, file name, dataset metadata and publisher name carry markup, `]]>`, `&amp;`,
 * control characters, template syntax and spreadsheet formulas. Checked: no raw markup outside the data files,
 * every JSON-LD block, the RDF/XML, Turtle, feeds and sitemap parse, the texts survive as text, the CSV files are
 * safe to open in a spreadsheet while the JSON keeps the exact values, and nothing raw reaches the terminal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from '@rubensworks/saxes'; // the XML parser rdfxml-streaming-parser is built on
import { parse } from 'csv-parse/sync';
import { Parser as N3Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { around, CONTROL, csvText, defaultMetadata, makeDataDir, readTree, removeScratch, runCliAsync, SAMPLE_DATA, scratch, stackTrace } from './hostile/project.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const BREAKOUT = '</script><script>alert(2)</script>';
const CDATA_END = 'Slut ]]> här';
const ENTITY = 'Bygg &amp; Betong AB';
const CONTROLS = 'Ctrl\u0001\u0007\u001b[31mBell AB\u007f';
const TEMPLATE = 'Mall {{ 7*7 }} {% raw %}AB';
const MARKDOWN = '[klicka](javascript:alert(3)) **AB**';
const FORMULA = '=HYPERLINK("http://x","y")';

const ID = 'hostile-names';
const HEADER = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', `<b>Extra</b>\u001b[2J`];

function r(n: number, o: Partial<Record<string, string>>): string[] {
  const base: Record<string, string> = {
    kopare_id: '2120009903',
    kopare: 'Exempelby kommun',
    verifikationsnummer: String(500 + n),
    leverantor: `Leverantör ${n} AB`,
    leverantor_id: '5560360793',
    konto_nr: String(4000 + n),
    konto_text: `Konto ${n}`,
    belopp: `${(20 - n) * 100000}.00`,
    datum: `2025-01-${String(n + 1).padStart(2, '0')}`,
    forvaltning: `Förvaltning ${n}`,
    fakturanummer: `F-${n}`,
    grund: 'Ramavtal',
    avtal: `AVT-${n}`,
  };
  return HEADER.map((h) => o[h] ?? base[h] ?? `x\u001b]0;titel\u0007`);
}

const ROWS = [
  r(1, { leverantor: SCRIPT, konto_text: SCRIPT, forvaltning: SCRIPT, fakturanummer: SCRIPT }),
  r(2, { leverantor: IMG, konto_text: BREAKOUT, forvaltning: CDATA_END, grund: IMG }),
  r(3, { leverantor: `${ENTITY} \u202eBA ekalF`, konto_text: IMG, forvaltning: BREAKOUT, avtal: 'https://x.example/"onmouseover="alert(1)' }),
  r(4, { leverantor: CONTROLS, konto_text: `Tab\u000bVT\u000cFF`, forvaltning: CONTROLS }),
  r(5, { leverantor: TEMPLATE, konto_text: MARKDOWN, forvaltning: TEMPLATE }),
  r(6, { leverantor: FORMULA, konto_text: '+SUM(1+1)', forvaltning: '@SUM(A1)', fakturanummer: '=1+1', grund: '-2+3', avtal: "=cmd|' /C calc'!A0" }),
  r(7, { leverantor: ' =1+2', konto_text: '\t=3+4', belopp: '-1500.00', forvaltning: '-Minus' }),
];

const metadata = {
  ...defaultMetadata(),
  json: true,
  title: { sv: `Fakturor ${SCRIPT} ${CDATA_END} \ufffe\uffff`, en: `Invoices ${IMG} ${ENTITY}` },
  description: { sv: `Beskrivning ${BREAKOUT} ${CONTROLS} ${TEMPLATE}`, en: `Description ${SCRIPT} ${MARKDOWN}` },
  keywords: { sv: [IMG, CDATA_END], en: [SCRIPT] },
};

const site = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8'));
site.publishers[0].name = `Exempelby ${SCRIPT} kommun & "Co" $' $& $1`;

const tmp = scratch('insyn-hostile-escaping-');
const data = makeDataDir(
  [
    {
      id: ID,
      metadata,
      files: {
        '2025-01.csv': csvText([HEADER, ...ROWS]),
        '<img src=x onerror=alert(4)>.csv': csvText([HEADER.slice(0, 13), r(8, {}).slice(0, 13)]),
      },
    },
  ],
  { site, parent: tmp },
);
const out = join(tmp, 'out', 'site');
const built = runCliAsync('build', ['--data', data, '--output', out, '--no-cache']);
const tree = built.then(() => readTree(out));

const RAW = ['<script>alert', '<img src=x', '</script><script>', 'href="javascript:', 'src="javascript:'];
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/**
 * Files whose format holds text as data (CSV cells, JSON strings, Turtle literals; Parquet; the search index, binary
 * and gzip-compressed, whose results search.js shows only as text: test/site-search.test.ts).
 */
const isDataFile = (p: string) => /\.(csv|json|jsonld|ttl|parquet)$/.test(p) || p.startsWith('pagefind/');
const textOf = (b: Buffer) => b.toString('utf8');

test('the build succeeds and prints nothing raw from the data to the terminal', async () => {
  const res = await built;
  assert.not.ok(stackTrace(res.stdout + res.stderr), 'a stack trace was printed');
  assert.is(res.code, 0, res.stderr.slice(0, 2000));
  const ctl = CONTROL.exec(res.stdout + res.stderr);
  assert.not.ok(ctl, `the build log carries a raw control character U+${ctl?.[0].charCodeAt(0).toString(16)}: ${around(res.stdout + res.stderr, CONTROL)}`);
  const v = await runCliAsync('validate', [join(data, 'datasets', ID, '2025-01.csv')]);
  const vctl = CONTROL.exec(v.stdout + v.stderr);
  assert.not.ok(vctl, `validate prints a raw control character U+${vctl?.[0].charCodeAt(0).toString(16)} (an ESC from a header name can rewrite the terminal): ${around(v.stdout, CONTROL)}`);
});

test('no raw markup from the data in any page, feed, sitemap or RDF/XML (only in CSV/JSON/Turtle data)', async () => {
  const bad: string[] = [];
  for (const [p, b] of await tree) {
    if (isDataFile(p)) continue;
    const t = textOf(b);
    for (const raw of RAW) if (t.includes(raw)) bad.push(`${p}: ${raw} ${around(t, raw)}`);
  }
  assert.equal(bad, []);
});

test('no raw control characters in any page (HTML parse errors), feed, sitemap or RDF/XML (forbidden in XML)', async () => {
  const bad: string[] = [];
  for (const [p, b] of await tree) {
    if (isDataFile(p)) continue;
    const t = textOf(b);
    const re = p.endsWith('.html') ? CONTROL : XML_FORBIDDEN;
    const m = re.exec(t);
    if (m) bad.push(`${p}: U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} ${around(t, re)}`);
  }
  assert.equal(bad, []);
});

test('no bidi override from the data in any page (U+202E would turn the text after it around), and $\' $& survive', async () => {
  const files = await tree;
  for (const [p, b] of files) {
    if (isDataFile(p)) continue;
    const text = textOf(b);
    assert.not.ok(/[\u202a-\u202e\u2066-\u2069]/.test(text), `${p}: ${around(text, /[\u202a-\u202e]/)}`);
  }
  const pub = textOf(files.get('utgivare/exempelby/index.html') as Buffer);
  const description = /<meta name="description" content="([^"]*)">/.exec(pub)?.[1] ?? '';
  assert.match(description, /kommun &amp; &quot;Co&quot; \$&#39; \$&amp; \$1 publicerar\.$/, `the meta description is not garbled by a replacement pattern: ${description}`);
});

test('the texts survive as escaped text: markup, &amp;, template syntax and the hostile file name', async () => {
  const t = await tree;
  const stats = textOf(t.get(`datasets/${ID}/statistik/index.html`) as Buffer);
  const landing = textOf(t.get(`datasets/${ID}/index.html`) as Buffer);
  const all = stats + landing;
  assert.ok(all.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the <script> supplier name is shown, escaped');
  assert.ok(all.includes('Bygg &amp;amp; Betong AB'), 'a name holding "&amp;" is escaped again (shown as &amp;, not as &)');
  assert.not.ok(all.includes(ENTITY), 'a name holding "&amp;" is not passed through raw');
  assert.ok(all.includes('{{ 7*7 }}'), 'template syntax in a name is shown as it is, never run');
  assert.not.ok(/Mall 49\b/.test(all), 'template syntax in a name was evaluated');
  assert.ok(landing.includes('&lt;img src=x onerror=alert(4)&gt;.csv'), 'the hostile file name is listed, escaped');
  assert.not.ok(/href="javascript:/i.test(all), 'a Markdown link in a name became a link');
});

test('only the templates\' own script elements; every JSON-LD block parses and keeps the title as text', async () => {
  const bad: string[] = [];
  let blocks = 0;
  let titleSeen = false;
  for (const [p, b] of await tree) {
    if (!p.endsWith('.html')) continue;
    const t = textOf(b);
    for (const tag of t.match(/<script\b[^>]*>/gi) ?? []) {
      if (!/^<script type="application\/ld\+json">$|^<script (?:type="module" )?src="[^"]*\/assets\/[a-z-]+\.js"( defer(="")?)?>$/.test(tag)) bad.push(`${p}: unexpected ${tag}`);
    }
    const opens = (t.match(/<script\b/gi) ?? []).length;
    const closes = (t.match(/<\/script>/gi) ?? []).length;
    if (opens !== closes) bad.push(`${p}: ${opens} <script> but ${closes} </script>`);
    for (const m of t.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      blocks++;
      try {
        const json = JSON.stringify(JSON.parse(m[1]));
        if (json.includes(JSON.stringify(SCRIPT).slice(1, -1)) || json.includes(JSON.stringify(IMG).slice(1, -1))) titleSeen = true;
      } catch (e) {
        bad.push(`${p}: a JSON-LD block does not parse (${(e as Error).message}): ${m[1].slice(0, 200)}`);
      }
    }
  }
  assert.equal(bad, []);
  assert.ok(blocks >= 2, 'the dataset pages carry JSON-LD');
  assert.ok(titleSeen, 'the hostile title survives, as text, in the JSON-LD');
});

function parseXml(text: string): void {
  const p = new SaxesParser({ xmlns: true });
  let error: Error | null = null;
  p.on('error', (e) => {
    error ??= e;
  });
  p.write(text).close();
  if (error) throw error;
}

test('feeds and the sitemap are well-formed XML', async () => {
  const t = await tree;
  const bad: string[] = [];
  for (const p of ['feed.xml', 'en/feed.xml', 'sitemap.xml']) {
    const b = t.get(p);
    if (!b) {
      bad.push(`${p}: missing`);
      continue;
    }
    try {
      parseXml(textOf(b));
    } catch (e) {
      bad.push(`${p}: ${(e as Error).message}`);
    }
  }
  assert.equal(bad, []);
});

function rdfXmlLiterals(text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const values: string[] = [];
    const parser = new RdfXmlParser({ validateUri: true });
    parser.on('data', (q: { object: { termType: string; value: string } }) => {
      if (q.object.termType === 'Literal') values.push(q.object.value);
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(values));
    parser.write(text);
    parser.end();
  });
}

test('dcat.rdf parses (rdfxml-streaming-parser) and dcat.ttl (n3), dcat.jsonld (JSON) too, keeping the hostile title', async () => {
  const t = await tree;
  const rdf = textOf(t.get('datasets/dcat.rdf') as Buffer);
  parseXml(rdf);
  const literals = await rdfXmlLiterals(rdf);
  assert.ok(literals.some((v) => v.includes(SCRIPT) && v.includes(CDATA_END)), 'the RDF/XML keeps the title with <script> and ]]> as text');
  const ttl = new N3Parser({ format: 'text/turtle' }).parse(textOf(t.get('datasets/dcat.ttl') as Buffer));
  assert.ok(ttl.some((q) => q.object.termType === 'Literal' && q.object.value.includes(SCRIPT)), 'the Turtle keeps the title');
  JSON.parse(textOf(t.get('datasets/dcat.jsonld') as Buffer));
});

test('CSV files are safe in a spreadsheet (formula cells get a leading apostrophe), JSON keeps the exact values', async () => {
  const t = await tree;
  const csvPath = `datasets/${ID}/${ID}-2025.csv`;
  const csvRaw = textOf(t.get(csvPath) as Buffer);
  const csv: string[][] = parse(csvRaw, { bom: true, relax_column_count: false });
  const json: Record<string, string | number>[] = JSON.parse(textOf(t.get(`datasets/${ID}/${ID}-2025.json`) as Buffer));
  const header = csv[0];
  const amount = header.indexOf('belopp');
  assert.is(csv.length - 1, json.length, 'the CSV and the JSON have the same rows');
  const bad: string[] = [];
  csv.slice(1).forEach((cells, i) => {
    cells.forEach((v, c) => {
      const exact = String(json[i][header[c]]);
      if (c === amount) {
        if (Number(v) !== json[i].belopp || !/^-?\d+\.\d{2}$/.test(v)) bad.push(`row ${i + 1} belopp: CSV ${v}, JSON ${exact} (a number, never prefixed)`);
        return;
      }
      if (/^[=+\-@\t\r]/.test(v)) bad.push(`row ${i + 1} ${header[c]}: ${JSON.stringify(v)} would run as a formula`);
      const expected = /^[=+\-@\t\r]/.test(exact) ? `'${exact}` : exact;
      if (v !== expected) bad.push(`row ${i + 1} ${header[c]}: CSV ${JSON.stringify(v)}, JSON ${JSON.stringify(exact)}`);
    });
  });
  assert.equal(bad, []);
  assert.ok(csvRaw.includes(`"'=HYPERLINK(""http://x"",""y"")"`), 'the formula cell is prefixed and quoted');
  const byName = (name: string) => json.find((x) => x.leverantor === name);
  assert.ok(byName(FORMULA), 'the JSON keeps the formula name exactly');
  assert.ok(json.some((x) => x.belopp === -1500), 'the JSON keeps a negative amount as a number');
  assert.ok(json.some((x) => x.forvaltning === '@SUM(A1)' && x.fakturanummer === '=1+1'), 'the JSON keeps the other formula cells exactly');
});

test.after(removeScratch);

test.run();
