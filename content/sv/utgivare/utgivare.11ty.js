// Each publisher's page, when the site has several: /utgivare/<id>/
import { publisherPage } from '../../../scripts/site/pages.ts';

export default publisherPage('sv');
