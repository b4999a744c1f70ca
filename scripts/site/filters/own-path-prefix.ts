/**
 * `{{ page | ownPathPrefix(insyn.pathPrefix) }}`: the path prefix a page writes into its own URLs: the site's, for
 * the pages whose `<main>` the path-prefix transform leaves to them (scripts/site/path-prefix.ts
 * `writesOwnPrefix`: the supplier pages), else `/` (root-relative URLs, which the transform prefixes).
 */
import { writesOwnPrefix } from '../path-prefix.ts';

export function ownPathPrefix(page: { inputPath?: string } | undefined, prefix: string): string {
  return writesOwnPrefix(page, prefix) ? prefix : '/';
}
