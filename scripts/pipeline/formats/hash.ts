/** Size and SHA-256 of a written file, read back in a stream. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { WrittenFile } from './index.ts';

export async function describe(path: string): Promise<WrittenFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
