/**
 * The rules of a stylesheet that apply to the whole document rather than to elements of a class:
 * `@font-face` (Monaco's codicon font) and custom properties set on `:root`. Added to a page
 * already drawn, a font face makes the browser compute the style of every element again and lay
 * the whole page out again (the fonts any text may use changed), and the root's properties are
 * inherited by every element: on the app's page, a task of 50-56 ms of style, layout and paint in
 * traces of first visits while Monaco loads. The build moves them out of Monaco's stylesheets
 * into the page's head, where they are in place before the first paint and cost nothing (a font
 * file is fetched only once a glyph needs it). Used by the build (`vite.config.ts`) on the
 * bundle's own stylesheets.
 */

export interface DocumentRules {
  /** The stylesheet without the moved rules. */
  css: string;
  /** The moved rules, in their order in the stylesheet. */
  moved: string[];
}

/** Whether a `:root` rule's body only sets custom properties (`--name: value`). */
function onlyCustomProperties(body: string): boolean {
  return body
    .split(';')
    .map((declaration) => declaration.trim())
    .every((declaration) => declaration === '' || declaration.startsWith('--'));
}

/**
 * Takes the top-level `@font-face` rules and the top-level `:root` rules that set only custom
 * properties out of `css`, a minified or plain stylesheet. A rule counts as top-level when it
 * starts the sheet or follows the end of another rule; rules inside `@media` and the like, and
 * `:root` in a list of selectors, stay. One pass over the text, no regular expression.
 */
export function takeDocumentRules(css: string): DocumentRules {
  const moved: string[] = [];
  let kept = '';
  let index = 0;
  while (index < css.length) {
    // The start of the next rule: after whitespace and comments, at the sheet's start or after a `}`.
    let start = index;
    for (;;) {
      while (start < css.length && /\s/.test(css[start]!)) start++;
      if (!css.startsWith('/*', start)) break;
      const comment = css.indexOf('*/', start + 2);
      start = comment < 0 ? css.length : comment + 2;
    }
    const open = css.indexOf('{', start);
    if (open < 0) break;
    const prelude = css.slice(start, open).trim();
    const documentWide = prelude === '@font-face' || prelude === ':root';
    const close = documentWide ? css.indexOf('}', open) : -1;
    if (documentWide && close > open) {
      const body = css.slice(open + 1, close);
      if (prelude === '@font-face' || onlyCustomProperties(body)) {
        kept += css.slice(index, start);
        moved.push(`${prelude}{${body.trim()}}`);
        index = close + 1;
        continue;
      }
    }
    // Not moved: keep everything up to the end of this rule (or block of rules).
    const end = endOfBlock(css, open);
    kept += css.slice(index, end);
    index = end;
  }
  kept += css.slice(index);
  return { css: kept, moved };
}

/**
 * The index just after the `}` that closes the block opened at `open`, or the sheet's end; braces in
 * strings and comments do not count.
 */
function endOfBlock(css: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let at = open; at < css.length; at++) {
    const char = css[at];
    if (quote) {
      if (char === '\\') at++;
      else if (char === quote) quote = '';
    } else if (char === '/' && css[at + 1] === '*') {
      const comment = css.indexOf('*/', at + 2);
      at = comment < 0 ? css.length : comment + 1;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return at + 1;
  }
  return css.length;
}
