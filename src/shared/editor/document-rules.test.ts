import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { takeDocumentRules } from './document-rules';

const FONT =
  '@font-face{font-family:codicon;font-display:block;src:url(/assets/codicon.ttf)format("truetype")}';

describe('takeDocumentRules', () => {
  it('moves a minified @font-face and a :root rule of custom properties, and keeps the rest in order', () => {
    const css = `.a{color:red}${FONT}.b{color:blue}:root{--vscode-sash-size:4px;--x:1}.c{top:0}`;
    const { css: kept, moved } = takeDocumentRules(css);
    expect(kept).toBe('.a{color:red}.b{color:blue}.c{top:0}');
    expect(moved).toEqual([FONT, ':root{--vscode-sash-size:4px;--x:1}']);
  });

  it('reads plain stylesheets with whitespace and comments', () => {
    const css =
      '/* a } comment */\n.a { color: red; }\n\n@font-face {\n  font-family: "x";\n}\n:root { --a: 1; }\n';
    const { css: kept, moved } = takeDocumentRules(css);
    expect(kept).toBe('/* a } comment */\n.a { color: red; }\n\n\n\n');
    expect(moved).toEqual(['@font-face{font-family: "x";}', ':root{--a: 1;}']);
  });

  it('keeps rules inside at-rule blocks, :root in a selector list, and :root rules that set real properties', () => {
    const css =
      '@media (min-width:1px){:root{--a:1}@font-face{font-family:y}}.x,:root{--b:2}:root{color:red;--c:3}.s[data-q="}{"]{top:0}';
    expect(takeDocumentRules(css)).toEqual({ css, moved: [] });
  });

  it('leaves an unterminated sheet as it is', () => {
    const css = '.a{color:red}.b{color:';
    expect(takeDocumentRules(css)).toEqual({ css, moved: [] });
  });

  it("takes Monaco's codicon font and its :root properties out of Monaco's own stylesheets", () => {
    const sheet = (path: string) =>
      readFileSync(
        new URL(`../../../node_modules/monaco-editor/esm/vs/${path}`, import.meta.url),
        'utf8',
      );
    const codicons = takeDocumentRules(sheet('base/browser/ui/codicons/codicon/codicon.css'));
    expect(codicons.moved).toHaveLength(1);
    expect(codicons.moved[0]).toMatch(/^@font-face\{[^}]*font-family:\s*"?codicon/);
    expect(codicons.css).not.toContain('@font-face');
    expect(codicons.css).toContain('.codicon[class*=');
    expect(codicons.css.startsWith('/*')).toBe(true);
    const sash = takeDocumentRules(sheet('base/browser/ui/sash/sash.css'));
    expect(sash.moved).toEqual([
      ':root{--vscode-sash-size: 4px;\n\t--vscode-sash-hover-size: 4px;}',
    ]);
    expect(sash.css).toContain('.monaco-sash');
  });
});
