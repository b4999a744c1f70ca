/** Whether a published file is larger than static hosts serve (Cloudflare Pages: 25 MiB): the page says so beside it. */
import { HOST_FILE_LIMIT } from '../../pipeline/formats/limits.ts';

export function overHostLimit(bytes: number): boolean {
  return bytes > HOST_FILE_LIMIT;
}
