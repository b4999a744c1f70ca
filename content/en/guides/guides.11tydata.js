// The guides are found by the site's search (scripts/site/search.ts).
export default { searchKind: 'guide' };
