/**
 * Eleventy writes a template's pages one after another and waits for their file writes only after the last
 * (Template.js `generateMapEntry`: a Promise.all at the end). A supplier page waits for its worker between pages
 * (supplier-main.ts), so a write that fails before the last page (a full disk) is, for a while, a rejection
 * nobody handles yet, which Node turns into a crash before Eleventy reports it: the build is gone without a word
 * and its half-written folder is left on the disk. While Eleventy runs, such rejections (a file system error:
 * one with an errno `code` and `syscall`) are held here; Eleventy reports its own error, and one it never took up
 * is given back to the build by `release`. Any other rejection nobody handles stays what it is in Node: a crash.
 */

/** Whether `e` (or an error it wraps) is a file system error (`ENOSPC`, `EROFS`, …). */
function isFileSystemError(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur instanceof Error && depth < 5; depth++) {
    if (typeof (cur as NodeJS.ErrnoException).code === 'string' && typeof (cur as NodeJS.ErrnoException).syscall === 'string') return true;
    cur = (cur as { originalError?: unknown }).originalError ?? (cur as { cause?: unknown }).cause;
  }
  return false;
}

export interface HeldRejections {
  /** Stops holding for this build (after the promise callbacks already due have run) and gives what no one took up. */
  release(): Promise<unknown[]>;
}

/** The running build's held rejections; null between builds. */
let held: Map<Promise<unknown>, unknown> | null = null;
let listening = false;

/**
 * The listeners stay once a build has started: Eleventy's other templates may go on writing pages after its
 * `write()` has failed, and a write of theirs that fails then belongs to a build already reported as failed
 * (a build that succeeded has no write left). Such a late one is dropped; anything else is a crash as before.
 */
function listen(): void {
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', (reason, promise) => {
    if (isFileSystemError(reason)) {
      held?.set(promise, reason);
      return;
    }
    // As Node would have without this listener.
    process.nextTick(() => {
      throw reason;
    });
  });
  process.on('rejectionHandled', (promise) => void held?.delete(promise));
}

export function holdFileSystemRejections(): HeldRejections {
  listen();
  const mine = new Map<Promise<unknown>, unknown>();
  held = mine;
  return {
    async release() {
      // `rejectionHandled` comes a turn after the handler is attached: let it come.
      await new Promise((resolve) => setImmediate(resolve));
      if (held === mine) held = null;
      return [...mine.values()];
    },
  };
}
