/**
 * A reader of a build's output in a tight loop, run as its own process (as a web server would be) while builds
 * swap the output in: `node --import tsx poll-output.ts OUT STOPFILE FILES_JSON [stamped]`. Each round resolves
 * the output path once and reads every listed file of that one build: the output missing (the path does not
 * resolve) or partial (a listed file missing, empty, or — `stamped` — without its END line, a summary.json that
 * does not parse) is counted. Prints one JSON line when STOPFILE appears.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

const [out, stop, filesJson, mode] = process.argv.slice(2);
const files: string[] = JSON.parse(filesJson);
let rounds = 0;
let missing = 0;
let partial = 0;
const examples: string[] = [];
const note = (s: string) => {
  if (examples.length < 5) examples.push(s);
};

while (!existsSync(stop)) {
  rounds++;
  let dir: string;
  try {
    dir = realpathSync(out);
  } catch (e) {
    missing++;
    note(`round ${rounds}: the output path is missing (${(e as NodeJS.ErrnoException).code})`);
    continue;
  }
  for (const rel of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, rel), 'utf8');
    } catch (e) {
      partial++;
      note(`round ${rounds}: ${rel} is missing in ${dir} (${(e as NodeJS.ErrnoException).code})`);
      break;
    }
    let bad = text.length === 0 ? 'empty' : '';
    if (!bad && mode === 'stamped' && !text.endsWith('END\n')) bad = 'cut off';
    if (!bad && rel.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        bad = 'not valid JSON';
      }
    }
    if (bad) {
      partial++;
      note(`round ${rounds}: ${rel} is ${bad}`);
      break;
    }
  }
  // Through the path itself too, as a web server resolving it per request.
  try {
    readFileSync(join(out, files[0]));
  } catch (e) {
    missing++;
    note(`round ${rounds}: ${files[0]} through the output path: ${(e as NodeJS.ErrnoException).code}`);
  }
}
process.stdout.write(`${JSON.stringify({ rounds, missing, partial, examples })}\n`);
