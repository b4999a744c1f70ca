// Eleventy 3 ships no type declarations for its programmatic API; this is the part buildSite uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    logger: { overrideLogger(logger: Pick<Console, 'log' | 'info' | 'warn' | 'error'> | false): void };
  }
}
