/**
 * The publishing workflow: nothing is deployed unless the typecheck and the whole test suite pass (with a browser
 * for the browser tests), on a supported Node LTS that package.json's `engines` names too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers/paths.ts';

const yml = readFileSync(join(ROOT, '.github/workflows/pages.yml'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The jobs of the workflow by name, each as its text (the file is written with two-space indents). */
function jobs(): Map<string, string> {
  const body = yml.slice(yml.indexOf('\njobs:\n') + 7);
  const out = new Map<string, string>();
  for (const part of body.split(/\n(?=  [a-z][\w-]*:\s*\n)/)) {
    const name = /^\s*([a-z][\w-]*):/.exec(part)?.[1];
    if (name) out.set(name, part);
  }
  return out;
}

test('the workflow runs on Node 24 (an LTS line still supported), and engines says so', () => {
  const versions = [...yml.matchAll(/node-version:\s*['"]?([^'"\s]+)/g)].map((m) => m[1]);
  assert.ok(versions.length >= 1, 'setup-node is given a version');
  assert.equal([...new Set(versions)], ['24'], `node-version: ${versions}`);
  assert.is(pkg.engines?.node, '>=24');
});

test('deploying needs a job that typechecks and runs every test, with Chromium for the browser tests', () => {
  const all = jobs();
  const deploy = all.get('deploy') ?? '';
  assert.ok(deploy.includes('actions/deploy-pages'), 'a deploy job');
  const needs = /needs:\s*\[?([^\]\n]+)\]?/.exec(deploy)?.[1].split(',').map((s) => s.trim()) ?? [];
  const testers = [...all].filter(([, text]) => /run:\s*npm test\s*$/m.test(text) && /run:\s*npm run typecheck\s*$/m.test(text)).map(([name]) => name);
  assert.ok(testers.length > 0, 'a job runs npm run typecheck and npm test');
  assert.ok(testers.some((t) => needs.includes(t)), `deploy needs ${needs.join(', ')}, not the tests (${testers.join(', ')})`);
  const tester = all.get(testers[0]) as string;
  assert.match(tester, /apt-get install[^\n]*chromium/, 'Chromium is installed for the browser tests');
  assert.ok(tester.indexOf('chromium') < tester.indexOf('run: npm test'), 'before the tests run');
});

test.run();
