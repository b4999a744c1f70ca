// Eleventy 3 ships no type declarations for its programmatic API; this is the part Insyn uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    logger: { overrideLogger(logger: Pick<Console, 'log' | 'info' | 'warn' | 'error'> | false): void };
  }
  /** Eleventy's HTML base plugin (the tests hold Insyn's path-prefix transform to it). */
  export function HtmlBasePlugin(eleventyConfig: object, options?: object): void;
}
