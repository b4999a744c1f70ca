// Each publisher's page, when the site has several: /en/publishers/<id>/
import { publisherPage } from '../../../scripts/site/pages.ts';

export default publisherPage('en');
