/**
 * Chromium for the browser tests: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`, launched with the
 * project's flags through playwright-core (never a browser download). Without one, `browserOrSkip` prints a
 * one-line notice naming both and returns null, and the test says it skipped.
 */
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to use, or null when there is none. */
export function chromiumPath(): string | null {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

export function skipNotice(what: string): string {
  const set = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no Chromium at /usr/bin/chromium and CHROMIUM_PATH is not set';
  return `notice: ${set}; skipping ${what} (apt-get install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary)`;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(skipNotice('the browser tests'));
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** A browser, or null after printing why the browser tests of `what` are skipped. */
export async function browserOrSkip(what: string): Promise<Browser | null> {
  if (!chromiumPath()) {
    console.log(skipNotice(what));
    return null;
  }
  return launchChromium();
}

/** axe-core's rules the tests run: WCAG 2.1 A and AA, and its best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's violations on the page as it is, one line each: `rule (help) at selector, …`. */
export async function axeViolations(page: Page, tags: string[] = AXE_TAGS): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate((t) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: t } }), tags);
  return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
}
