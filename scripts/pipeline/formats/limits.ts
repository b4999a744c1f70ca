/**
 * The largest single file static hosts serve: Cloudflare Pages 25 MiB (GitHub Pages 100 MB). A period file above
 * it gets a dataset notice (the build's warning, scripts/pipeline/dataset.ts) and a sentence beside it on the
 * dataset page (the `overHostLimit` filter). Its own module: the site imports it without loading DuckDB.
 */
export const HOST_FILE_LIMIT = 25 * 1024 * 1024;
