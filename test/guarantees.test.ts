/** The README's "What Insyn guarantees" says what test/guarantees.ts says, and every test it names exists. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GUARANTEES } from './guarantees.ts';
import { ROOT } from './helpers/paths.ts';

test('every guarantee is in the README with its tests, and every test file exists', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What Insyn guarantees'), readme.indexOf('## Commands'));
  assert.ok(section.length > 100, 'the README has the section');
  for (const g of GUARANTEES) {
    assert.ok(section.includes(`**${g.name}.** ${g.promise}`), `README: ${g.name}`);
    assert.ok(section.includes(g.how), `README: how ${g.name} is tested`);
    for (const t of g.tests) {
      assert.ok(existsSync(join(ROOT, t)), `${t} exists`);
      assert.ok(section.includes(`\`${t}\``), `README names ${t}`);
    }
  }
});

test.run();
