/**
 * `npm test`: runs every `test/**\/*.test.ts` file with uvu, each in its own process (real pipeline, real build,
 * real browser), and ends with the line `N passed, N failed` (plus `, N skipped`) that CI reads.
 * Usage: npm test [-- PATTERN...]   (only files whose path contains one of the patterns)
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GUARANTEES } from '../../test/guarantees.ts';

const root = process.cwd();

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') out.push(...findTests(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function parseUvu(output: string): Counts | null {
  const total = /Total:\s+(\d+)/.exec(output);
  const passed = /Passed:\s+(\d+)/.exec(output);
  const skipped = /Skipped:\s+(\d+)/.exec(output);
  if (!total || !passed) return null;
  const t = +total[1];
  const p = +passed[1];
  return { passed: p, failed: Math.max(0, t - p), skipped: skipped ? +skipped[1] : 0 };
}

/**
 * The environment of a test process: this one's, without what GitHub Actions sets for the build's job summary,
 * annotations and sample-site check (a test that wants them sets them itself), so that `npm test` on GitHub never
 * writes into the run's summary and builds the sample like anywhere else.
 */
function testEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE', 'INSYN_ALLOW_SAMPLE']) delete env[name];
  return env;
}

function run(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: testEnv() });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<void> {
  const patterns = process.argv.slice(2);
  const files = findTests(join(root, 'test')).filter((f) => patterns.length === 0 || patterns.some((p) => f.includes(p)));
  const sum: Counts = { passed: 0, failed: 0, skipped: 0 };
  const failedFiles = new Set<string>();
  const ranFiles = new Set<string>();
  for (const file of files) {
    const name = relative(root, file);
    ranFiles.add(name);
    const started = Date.now();
    const { code, output } = await run(file);
    const counts = parseUvu(output);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!counts) {
      sum.failed += 1;
      failedFiles.add(name);
      process.stdout.write(`✗ ${name}: exited ${code} without a uvu summary (${seconds} s)\n${output}\n`);
      continue;
    }
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    if (counts.failed) failedFiles.add(name);
    sum.passed += counts.passed;
    sum.failed += counts.failed;
    sum.skipped += counts.skipped;
    const mark = counts.failed ? '✗' : '✓';
    process.stdout.write(`${mark} ${name}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} (${seconds} s)\n`);
    // Show what the test printed (notices, SHACL warnings) and, on failure, the whole output.
    const notices = output.split('\n').filter((l) => /^(notice|skip|warning|info):/i.test(l.trim()));
    if (counts.failed) process.stdout.write(`${output}\n`);
    else for (const l of notices) process.stdout.write(`    ${l.trim()}\n`);
  }
  // What Insyn guarantees, and whether the tests that prove each passed (test/guarantees.ts; the README has the same).
  process.stdout.write('\nWhat Insyn guarantees (test/guarantees.ts, README "What Insyn guarantees"):\n');
  for (const g of GUARANTEES) {
    const ran = g.tests.filter((t) => ranFiles.has(t));
    const failed = ran.filter((t) => failedFiles.has(t));
    const mark = ran.length === 0 ? '·' : failed.length ? '✗' : '✓';
    const state = ran.length === 0 ? 'not run' : failed.length ? `FAILED in ${failed.join(', ')}` : `proved by ${ran.length} test file${ran.length === 1 ? '' : 's'}`;
    process.stdout.write(`  ${mark} ${g.name}: ${state}\n`);
  }
  process.stdout.write(`\n${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ''}\n`);
  process.exitCode = sum.failed > 0 ? 1 : 0;
}

void main();
