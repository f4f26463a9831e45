import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assetBytesBefore,
  assetKind,
  censoredPercentile,
  formatTable,
  gzipSize,
  medianOf,
  p95Of,
  pairedRatio,
  ratio,
  verdict,
  type FetchedAsset,
} from './accounting';

describe('assetKind', () => {
  it('classifies by content type first', () => {
    expect(assetKind('http://127.0.0.1/a', 'text/javascript; charset=utf-8')).toBe('js');
    expect(assetKind('http://127.0.0.1/a', 'application/javascript')).toBe('js');
    expect(assetKind('http://127.0.0.1/a.js', 'text/css')).toBe('css');
  });
  it('falls back to the extension and ignores the query', () => {
    expect(assetKind('http://127.0.0.1/assets/x.js?worker_file&type=module', undefined)).toBe('js');
    expect(assetKind('http://127.0.0.1/assets/x.css', '')).toBe('css');
  });
  it('does not count documents, fonts or data', () => {
    expect(assetKind('http://127.0.0.1/', 'text/html')).toBeUndefined();
    expect(assetKind('http://127.0.0.1/codicon.ttf', 'font/ttf')).toBeUndefined();
    expect(assetKind('http://127.0.0.1/schema.json', 'application/json')).toBeUndefined();
  });
});

describe('gzipSize', () => {
  it('is far below the raw size for repetitive source', () => {
    const body = new TextEncoder().encode(
      'export const statement = "AllowRequestsByAWSServicePrincipals";\n'.repeat(200),
    );
    const size = gzipSize(body);
    expect(size).toBeGreaterThan(18);
    expect(size).toBeLessThan(body.length / 10);
  });
  it('includes the gzip header and trailer, so random bytes grow', () => {
    const body = randomBytes(4096);
    expect(gzipSize(body)).toBeGreaterThan(body.length);
    expect(gzipSize(new Uint8Array(0))).toBe(20);
  });
});

describe('assetBytesBefore', () => {
  const assets: FetchedAsset[] = [
    { url: 'http://h/index.js', kind: 'js', gzipBytes: 1000, responseEnd: 100 },
    { url: 'http://h/index.css', kind: 'css', gzipBytes: 200, responseEnd: 120 },
    { url: 'http://h/vendor.js', kind: 'js', gzipBytes: 3000, responseEnd: 300 },
    { url: 'http://h/monaco.js', kind: 'js', gzipBytes: 50_000, responseEnd: 900 },
    {
      url: 'http://h/worker.js',
      kind: 'js',
      gzipBytes: 70_000,
      responseEnd: Number.POSITIVE_INFINITY,
    },
  ];
  it('counts what ended at or before the mark, by kind', () => {
    expect(assetBytesBefore(assets, 300)).toEqual({ js: 4000, css: 200, total: 4200, files: 3 });
    expect(assetBytesBefore(assets, 299.9)).toEqual({ js: 1000, css: 200, total: 1200, files: 2 });
  });
  it('counts nothing before the first response and everything at infinity', () => {
    expect(assetBytesBefore(assets, 50).total).toBe(0);
    expect(assetBytesBefore(assets, Number.POSITIVE_INFINITY).total).toBe(124_200);
  });
});

describe('statistics and verdicts', () => {
  it('takes the median of the loads that reached a mark', () => {
    expect(medianOf([900, undefined, 700, 800])).toBe(800);
    expect(medianOf([undefined, undefined])).toBeUndefined();
    expect(p95Of([])).toBeUndefined();
    expect(p95Of(Array.from({ length: 100 }, (_, i) => i + 1))).toBe(95);
  });
  it('compares against the reference and never passes a missing figure', () => {
    expect(ratio(1100, 1000)).toBeCloseTo(1.1);
    expect(ratio(undefined, 1000)).toBeUndefined();
    expect(ratio(10, 0)).toBeUndefined();
    expect(verdict(1.1, 1.1)).toBe('within budget');
    expect(verdict(1.11, 1.1)).toBe('OVER budget');
    expect(verdict(undefined, 1.1)).toBe('not measured');
    expect(verdict(Number.NaN, 16)).toBe('not measured');
  });
  it('lays the table out in aligned columns', () => {
    const table = formatTable([
      {
        figure: 'usable form',
        measured: '900 ms',
        reference: '800 ms',
        compared: '1.13x',
        paired: '1.12x',
        budget: '<= 1.10x',
        verdict: 'OVER budget',
      },
    ]).split('\n');
    expect(table).toHaveLength(3);
    expect(table[0]!.indexOf('app')).toBe(table[2]!.indexOf('900 ms'));
    expect(table[2]).toMatch(/OVER budget$/);
  });
});

describe('pairedRatio', () => {
  it('takes the median of per-round ratios over the rounds where both pages have a figure', () => {
    // Round 2 ran on a slow machine for both pages: its ratio is still 1.1.
    expect(pairedRatio([110, 2200, 99, undefined], [100, 2000, 110, 100])).toBeCloseTo(1.1);
    expect(pairedRatio([undefined], [100])).toBeUndefined();
  });
});

describe('censoredPercentile', () => {
  it('is below the threshold while the unreported interactions reach the percentile', () => {
    // 60 toggles, 5 reported (>= 16 ms): the median is among the 55 shorter ones.
    const reported = [16, 24, 40, 56, 104];
    expect(censoredPercentile(reported, 60, 50)).toBeUndefined();
    expect(censoredPercentile(reported, 60, 95)).toBe(24);
    expect(censoredPercentile(reported, 60, 100)).toBe(104);
  });
  it('is the plain percentile when every interaction was reported', () => {
    expect(censoredPercentile([30, 10, 20, 40], 4, 50)).toBe(20);
    expect(censoredPercentile([], 0, 50)).toBeUndefined();
  });
});
