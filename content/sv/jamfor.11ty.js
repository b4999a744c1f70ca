// The publishers side by side, on a site of several: /jamfor/
import { comparePage } from '../../scripts/site/pages.ts';

export default comparePage('sv');
