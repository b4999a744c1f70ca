// The guides: found by the site's search (scripts/site/search.ts), with breadcrumbs through the guide index.
export default { searchKind: 'guide', section: { url: '/guider/', text: 'Guider' } };
