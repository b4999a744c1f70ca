/**
 * Markdown tables (guides, about the data) in the scroll container the dataset tables have: a wide table scrolls
 * inside its box instead of making the whole page scroll sideways at 375 px. The box is a named region that
 * takes focus, so a keyboard can scroll it: "Tabell: <the heading above it>" ("Table: …" on English pages), with
 * a number when a heading has more than one table, so that no two regions of a page share a name.
 */

interface Token {
  type: string;
  content: string;
  children?: Token[] | null;
}

interface TokenConstructor {
  new (type: string, tag: string, nesting: number): Token;
}

interface CoreState {
  tokens: Token[];
  env?: { lang?: string };
  Token: TokenConstructor;
}

interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
  utils: { escapeHtml(text: string): string };
}

const WORD = { sv: 'Tabell', en: 'Table' } as const;

export default function markdownTables(md: MarkdownIt): void {
  md.core.ruler.push('table-scroll', (state) => {
    const word = state.env?.lang === 'en' ? WORD.en : WORD.sv;
    const out: Token[] = [];
    const used = new Map<string, number>();
    let heading = '';
    let inHeading = false;
    for (const token of state.tokens) {
      if (token.type === 'heading_open') inHeading = true;
      else if (token.type === 'heading_close') inHeading = false;
      else if (inHeading && token.type === 'inline') heading = (token.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('') || token.content;
      if (token.type === 'table_open') {
        const base = heading || word;
        const n = (used.get(base) ?? 0) + 1;
        used.set(base, n);
        const name = `${word}: ${base}${n > 1 ? ` (${n})` : ''}`;
        const open = new state.Token('html_block', '', 0);
        open.content = `<div class="table-scroll" role="region" aria-label="${md.utils.escapeHtml(name)}" tabindex="0">\n`;
        out.push(open);
      }
      out.push(token);
      if (token.type === 'table_close') {
        const close = new state.Token('html_block', '', 0);
        close.content = '</div>\n';
        out.push(close);
      }
    }
    state.tokens = out;
  });
}
