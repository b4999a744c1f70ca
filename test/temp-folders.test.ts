/**
 * Temporary folders of a build (scripts/temp-folders.ts): named for the process that made them, so that what a
 * build killed with SIGKILL left (its index parts, its rows before they were assembled) is removed by the next
 * build, and a folder of a process still running is kept. Tested with the real build of the sample and a real
 * killed process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../scripts/build/build.ts';
import { ROOT, tempDir } from './helpers/paths.ts';

const test = suite('temporary folders');

/** A process id that was running a moment ago and is gone now (a child killed with SIGKILL). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 100));
  const pid = child.pid as number;
  const gone = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await gone;
  return pid;
}

test('a build removes what a killed build left in the temporary folder, and keeps a running one’s', async () => {
  const dead = await deadPid();
  const left = ['insyn-index-', 'insyn-units-'].map((kind) => join(tmpdir(), `${kind}${dead}-Ab12Cd`));
  for (const dir of left) {
    mkdirSync(join(dir, 'part'), { recursive: true });
    writeFileSync(join(dir, 'part', 'rows.csv'), 'datum,belopp\n');
  }
  // This process is running: its folder (of a build in progress) is kept.
  const running = join(tmpdir(), `insyn-index-${process.pid}-Ef34Gh`);
  mkdirSync(running, { recursive: true });
  try {
    await build({ dataDir: join(ROOT, 'data'), outputDir: join(tempDir('insyn-temp-folders-'), 'site'), cacheDir: null, log: () => {} });
    for (const dir of left) assert.not.ok(existsSync(dir), `${dir} is left`);
    assert.ok(existsSync(running), 'a running process’s folder is kept');
    // And the build's own are gone once it is done.
    const own = readdirSync(tmpdir()).filter((n) => /^insyn-(index|units)-/.test(n) && n.includes(`-${process.pid}-`) && !n.endsWith('Ef34Gh'));
    assert.equal(own, []);
  } finally {
    for (const dir of [...left, running]) rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
