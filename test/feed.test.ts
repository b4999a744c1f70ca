/**
 * The Atom feed tells people about new months: the real CLI builds a dataset of January, then of January and
 * February. The second feed has one entry per month, January's entry exactly as before (same id, date and text,
 * so a feed reader does not show it again) and a new one for February with its rows, total and the change from
 * January, dated by its publication (the day after the month, or SOURCE_DATE_EPOCH when that is earlier), never
 * by the last booking day. No per-year entry (`#period-2025`) is left to be rewritten.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvText, HEADER, makeDataDir, removeScratch, row, runCliAsync, scratch } from './hostile/project.ts';

interface Entry {
  id: string;
  title: string;
  updated: string;
  summary: string;
  link: string;
}

function entries(feed: string): Entry[] {
  return [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, e]) => ({
    id: /<id>([^<]*)<\/id>/.exec(e)?.[1] ?? '',
    title: /<title>([^<]*)<\/title>/.exec(e)?.[1] ?? '',
    updated: /<updated>([^<]*)<\/updated>/.exec(e)?.[1] ?? '',
    summary: /<summary>([^<]*)<\/summary>/.exec(e)?.[1] ?? '',
    link: /<link href="([^"]*)"/.exec(e)?.[1] ?? '',
  }));
}

const month = (m: string, n: number, base: number) => {
  const rows = [HEADER];
  for (let i = 0; i < n; i++) rows.push(row(base + i, { datum: `2025-${m}-${String((i % 27) + 1).padStart(2, '0')}`, belopp: '1000.00' }));
  return csvText(rows);
};

test.after(() => removeScratch());

test('a new month is a new entry; the months before keep theirs', async () => {
  const parent = scratch('insyn-feed-');
  const data = makeDataDir([{ id: 'ds', files: { '2025-01.csv': month('01', 10, 1) } }], { parent });
  const out = join(parent, 'site');
  const first = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache']);
  assert.is(first.code, 0, first.stderr);
  const before = entries(readFileSync(join(out, 'feed.xml'), 'utf8')).filter((e) => e.id.includes('/datasets/ds/'));
  writeFileSync(join(data, 'datasets/ds/2025-02.csv'), month('02', 12, 100));
  const second = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache']);
  assert.is(second.code, 0, second.stderr);
  const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
  const after = entries(feed).filter((e) => e.id.includes('/datasets/ds/'));
  assert.is(before.length, 1);
  assert.is(after.length, 2);
  assert.equal(after[1], before[0], "January's entry is exactly as it was");
  const [feb, jan] = after;
  assert.is(jan.id, 'https://example.github.io/insyn/datasets/ds/statistik/#month-2025-01');
  assert.is(jan.updated, '2025-02-01T00:00:00Z', 'the day after the month, not the last booking day (2025-01-10)');
  assert.is(jan.summary, '10 rader, totalt 10\u00a0000\u00a0kr. Den första månaden i datamängden.');
  assert.is(feb.id, 'https://example.github.io/insyn/datasets/ds/statistik/#month-2025-02');
  assert.is(feb.link, feb.id);
  assert.is(feb.title, 'Testdata: februari 2025');
  assert.is(feb.updated, '2025-03-01T00:00:00Z');
  assert.is(feb.summary, '12 rader, totalt 12\u00a0000\u00a0kr. Det är 20,0\u00a0% mer än i januari 2025.');
  assert.not.match(feed, /#period-/);
  // The entry's link goes to the month's row of the statistics page.
  assert.match(readFileSync(join(out, 'datasets/ds/statistik/index.html'), 'utf8'), /<tr id="month-2025-02">/);
  const en = entries(readFileSync(join(out, 'en/feed.xml'), 'utf8')).filter((e) => e.id.includes('/datasets/ds/'));
  assert.equal(en.map((e) => [e.title, e.updated]), [['Testdata: February 2025', '2025-03-01T00:00:00Z'], ['Testdata: January 2025', '2025-02-01T00:00:00Z']]);
  assert.is(en[0].summary, '12 rows, SEK\u00a012,000 in all. That is 20.0% more than in January 2025.');
});

test('with SOURCE_DATE_EPOCH before the month ended, the month is dated then; the feed is the same on every build', async () => {
  const parent = scratch('insyn-feed-');
  const data = makeDataDir([{ id: 'ds', files: { '2025-01.csv': month('01', 5, 1), '2025-02.csv': month('02', 5, 50) } }], { parent });
  const epoch = String(Date.UTC(2025, 1, 15, 12) / 1000);
  const feeds: string[] = [];
  for (const n of [1, 2]) {
    const out = join(parent, `site-${n}`);
    const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache'], { SOURCE_DATE_EPOCH: epoch });
    assert.is(r.code, 0, r.stderr);
    feeds.push(readFileSync(join(out, 'feed.xml'), 'utf8'));
  }
  assert.is(feeds[0], feeds[1]);
  const ds = entries(feeds[0]).filter((e) => e.id.includes('/datasets/ds/'));
  assert.equal(ds.map((e) => [e.id.replace(/^.*#/, ''), e.updated]), [['month-2025-02', '2025-02-15T00:00:00Z'], ['month-2025-01', '2025-02-01T00:00:00Z']]);
});

test.run();
