import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { code, plain, policyHover } from './policy-hover';
import { statementSpan } from '@/shared/policy-text/policy-locations';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
};
const generated = generate(testConfig(config), testServiceId('s3'));
const text = generated.text;
const offsetOf = (needle: string, from = 0) => {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} is not in the policy`);
  return at + 2;
};

describe('policyHover', () => {
  it('says which data access pattern a resource comes from, with its source link', () => {
    const hover = policyHover(
      text,
      offsetOf('"arn:aws:s3:::al2023-us-east-1/*"'),
      generated,
      catalog,
    );
    const markdown = hover!.contents.join('\n');
    expect(markdown).toContain('`arn:aws:s3:::al2023-us-east-1/*`');
    expect(markdown).toMatch(/data access pattern \*\*Amazon Linux 2023/);
    expect(markdown).toMatch(
      /\]\(https:\/\/github\.com\/aws-samples\/data-perimeter-policy-examples\/blob\/[0-9a-f]{40}\/vpc_endpoint_policies\/s3_endpoint_policy\.json\)/,
    );
    expect(markdown).toContain('`us-east-1`');
    expect(text.slice(hover!.span.start, hover!.span.end)).toBe(
      '"arn:aws:s3:::al2023-us-east-1/*"',
    );
  });

  it('says that a condition value is the organization id the user set', () => {
    const hover = policyHover(text, offsetOf('"o-a1b2c3d4e5"'), generated, catalog);
    expect(hover!.contents.join('\n')).toMatch(/From your setting `organizationIds`/);
  });

  it('flags a placeholder as a missing value', () => {
    const withoutOrg = generate(
      testConfig({ ...config, organizationIds: [] }),
      testServiceId('s3'),
    );
    const hover = policyHover(
      withoutOrg.text,
      withoutOrg.text.indexOf('"<my-org-id>"') + 2,
      withoutOrg,
      catalog,
    );
    expect(hover!.contents.join('\n')).toMatch(/A value is missing here/);
  });

  it('explains the statement when hovering its Sid', () => {
    const hover = policyHover(
      text,
      offsetOf('"AllowRequestsByAWSServicePrincipals"'),
      generated,
      catalog,
    );
    const markdown = hover!.contents.join('\n');
    expect(markdown).toContain(catalog.statement('AllowRequestsByAWSServicePrincipals').title);
    expect(markdown).toMatch(/Why:/);
  });

  it('explains a condition key', () => {
    const hover = policyHover(text, offsetOf('"aws:PrincipalOrgID"'), generated, catalog);
    expect(hover!.contents[0]).toMatch(/Condition `StringEquals` on `aws:PrincipalOrgID`/);
  });

  it('has nothing to say outside the statements', () => {
    expect(policyHover(text, offsetOf('"Version"'), generated, catalog)).toBeUndefined();
  });
});

describe('statementSpan', () => {
  it('finds the range of a statement by its Sid', () => {
    const span = statementSpan(text, 'AllowRequestsToAWSOwnedResources')!;
    const statement = JSON.parse(text.slice(span.start, span.end)) as { Sid: string };
    expect(statement.Sid).toBe('AllowRequestsToAWSOwnedResources');
    expect(statementSpan(text, 'NoSuchSid')).toBeUndefined();
  });
});

describe('user text in hover Markdown', () => {
  // Monaco renders hovers with its own copy of marked: the test reads the Markdown the same way.
  const render = async (markdown: string) => {
    // The package's exports do not name the file, so it is imported by path.
    const file = new URL(
      '../../../node_modules/monaco-editor/esm/vs/base/common/marked/marked.js',
      import.meta.url,
    );
    const { marked } = (await import(/* @vite-ignore */ file.href)) as {
      marked: { parse(markdown: string, options: object): string };
    };
    return marked.parse(markdown, { async: false, gfm: true });
  };
  const textOf = (html: string) =>
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim();

  const hostile = [
    '[click](javascript:alert(1))',
    '![beacon](https://tracker.example/pixel.png)',
    '<img src="https://tracker.example/a.png">',
    '<script>alert(1)</script>',
    'https://tracker.example/x and www.tracker.example and me@tracker.example',
    '<https://tracker.example/auto>',
    '`a``b` [x](http://e.example)',
    '```\n\n[link](https://tracker.example)\n\n```',
    '&#106;avascript:alert(1) &lt;b&gt;',
    '[ref]\n\n[ref]: https://tracker.example/ref',
    ' leading and trailing ',
    '`',
  ];

  it('is shown as written, never as a link, an image or HTML', async () => {
    for (const text of hostile) {
      for (const markdown of [code(text), plain(text)]) {
        const html = await render(markdown);
        expect(html, markdown).not.toMatch(/<a\b|<img\b|<script\b|<[^>]*\b(?:href|src)=/i);
        expect(textOf(html), markdown).toBe(text.replace(/\n/g, ' ').trim());
      }
    }
  });

  it('cuts long values and says how much is left out', async () => {
    const sid = `A${'x'.repeat(1_000_000)}`;
    const shown = code(sid);
    expect(shown.length).toBeLessThan(300);
    expect(textOf(await render(shown))).toMatch(/^Ax+… \(999,801 more characters\)$/);
    expect(plain(sid).length).toBeLessThan(4_100);
    expect(await render(code(`${'😀'.repeat(150)}`))).not.toContain('\uFFFD');
  });
});
