// The catalogue of every dataset: /en/datasets/
import { cataloguePage } from '../../../scripts/site/pages.ts';

export default cataloguePage('en');
