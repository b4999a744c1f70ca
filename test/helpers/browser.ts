/**
 * Debian's Chromium, headless, through playwright-core (never `npx playwright install`), and axe-core run in a page:
 * the browser tests of the report page and others share this.
 */
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** WCAG 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** axe-core's violations on the page as it is, one line each: `rule (help) at selector, …`. */
export async function axeViolations(page: Page, tags: string[] = AXE_TAGS): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate((t) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: t } }), tags);
  return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
}
