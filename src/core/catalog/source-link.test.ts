import { describe, expect, it } from 'vitest';
import { catalog } from './catalog';
import { sourceUrl, UPSTREAM_REPOSITORY_URL } from './source-link';

describe('sourceUrl', () => {
  it('prefers the documentation page', () => {
    expect(
      sourceUrl({
        label: 'AWS docs',
        url: 'https://docs.aws.amazon.com/x.html',
        upstreamFile: 'a/b.json',
      }),
    ).toBe('https://docs.aws.amazon.com/x.html');
  });

  it('links an upstream file at its commit', () => {
    const commit = '8e0d3c5179a45dca414d4ea1f3a7b544aba02009';
    expect(
      sourceUrl({
        label: 'Upstream sample',
        upstreamFile: 'vpc_endpoint_policies/s3_endpoint_policy.json',
        commit,
      }),
    ).toBe(
      `${UPSTREAM_REPOSITORY_URL}/blob/${commit}/vpc_endpoint_policies/s3_endpoint_policy.json`,
    );
  });

  it('gives every source of the bundled catalog an https link', () => {
    const sources = [
      ...catalog.statements.flatMap((s) => s.sources),
      ...catalog.patterns.flatMap((p) => p.sources),
      ...catalog.accountTables.flatMap((t) => t.sources),
      ...Object.values(catalog.serviceSources),
    ];
    expect(sources.length).toBeGreaterThan(50);
    for (const source of sources) expect(sourceUrl(source)).toMatch(/^https:\/\//);
  });
});
