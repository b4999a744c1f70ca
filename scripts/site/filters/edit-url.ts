/**
 * `{{ page | editUrl(insyn.settings.repository) }}`: where to edit a Markdown page in the site's repository
 * (`<url>/edit/<branch>/content/sv/om-datan.md`), or `''` for generated pages and when no repository is set.
 * Eleventy's `inputPath` is relative to the repository root (`./content/sv/om-datan.md`), as buildSite runs it.
 */
import type { SiteSettings } from '../../model.ts';

export function editUrl(page: { inputPath?: string }, repository: SiteSettings['repository']): string {
  const file = page?.inputPath?.replace(/^\.\//, '') ?? '';
  if (!repository || !file.startsWith('content/') || !file.endsWith('.md')) return '';
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${repository.url.replace(/\/+$/, '')}/edit/${encodeURIComponent(repository.branch || 'main')}/${path}`;
}
