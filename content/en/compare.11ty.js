// The publishers side by side, on a site of several: /en/compare/
import { comparePage } from '../../scripts/site/pages.ts';

export default comparePage('en');
