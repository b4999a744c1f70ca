// The catalogue of every dataset: /datasets/
import { cataloguePage } from '../../../scripts/site/pages.ts';

export default cataloguePage('sv');
