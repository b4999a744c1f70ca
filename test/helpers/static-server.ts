/** The browser tests serve the built site with the same server as `npm run preview`. */
export { freePort, serveStatic, type StaticServer } from '../../scripts/preview/static-server.ts';
