/**
 * Pure accounting for the browser benchmark: which responses count as script or style, their gzip
 * size, what was fetched before a mark, and the medians, ratios and verdicts it prints.
 */
import { gzipSync } from 'node:zlib';
import { median, percentile } from '../stats';

export type AssetKind = 'js' | 'css';

/** Script or style by content type, else by extension; anything else (HTML, fonts, JSON) is not counted. */
export function assetKind(url: string, contentType: string | undefined): AssetKind | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('javascript') || type.includes('ecmascript')) return 'js';
  if (type.includes('text/css')) return 'css';
  const path = new URL(url).pathname.toLowerCase();
  if (/\.(m?js)$/.test(path)) return 'js';
  if (path.endsWith('.css')) return 'css';
  return undefined;
}

/** Bytes of a response body once gzipped at the default level, as a compressing server sends it. */
export function gzipSize(body: Uint8Array): number {
  return gzipSync(body).length;
}

export interface FetchedAsset {
  url: string;
  kind: AssetKind;
  gzipBytes: number;
  /** When the response ended, in ms since navigation start (the page's Resource Timing). */
  responseEnd: number;
}

export interface AssetBytes {
  js: number;
  css: number;
  total: number;
  files: number;
}

/** Gzip bytes of scripts and styles whose response ended at or before `time` (ms since navigation). */
export function assetBytesBefore(assets: readonly FetchedAsset[], time: number): AssetBytes {
  const before = assets.filter((asset) => asset.responseEnd <= time);
  const sum = (kind: AssetKind) =>
    before.filter((a) => a.kind === kind).reduce((total, a) => total + a.gzipBytes, 0);
  const js = sum('js');
  const css = sum('css');
  return { js, css, total: js + css, files: before.length };
}

/** Median of the samples that exist; undefined when none does. */
export function medianOf(samples: readonly (number | undefined)[]): number | undefined {
  const present = samples.filter((s): s is number => s !== undefined && Number.isFinite(s));
  return present.length === 0 ? undefined : median(present);
}

export function p95Of(samples: readonly number[]): number | undefined {
  return samples.length === 0 ? undefined : percentile(samples, 95);
}

export function ratio(
  value: number | undefined,
  reference: number | undefined,
): number | undefined {
  if (value === undefined || reference === undefined || reference <= 0) return undefined;
  return value / reference;
}

/** `information only` marks a figure printed for context, with no budget of its own. */
/**
 * Median of the ratios of samples taken side by side (same index, same round), over the pairs
 * where both exist: drift of a shared machine between rounds cancels out of each ratio.
 */
export function pairedRatio(
  values: readonly (number | undefined)[],
  references: readonly (number | undefined)[],
): number | undefined {
  const ratios: number[] = [];
  values.forEach((value, i) => {
    const r = ratio(value, references[i]);
    if (r !== undefined) ratios.push(r);
  });
  return ratios.length === 0 ? undefined : median(ratios);
}

export type Verdict = 'within budget' | 'OVER budget' | 'not measured' | 'information only';

/** A figure against its upper bound; a missing figure is "not measured", never a pass. */
export function verdict(value: number | undefined, budget: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  return value <= budget ? 'within budget' : 'OVER budget';
}

export interface BudgetRow {
  figure: string;
  measured: string;
  reference: string;
  compared: string;
  paired: string;
  budget: string;
  verdict: Verdict;
}

/** A plain-text table with columns padded to their widest cell. */
export function formatTable(rows: readonly BudgetRow[]): string {
  const header: BudgetRow = {
    figure: 'figure',
    measured: 'app',
    reference: 'reference',
    compared: 'ratio / value',
    paired: 'paired',
    budget: 'budget',
    verdict: 'verdict' as Verdict,
  };
  const columns = [
    'figure',
    'measured',
    'reference',
    'compared',
    'paired',
    'budget',
    'verdict',
  ] as const;
  const all = [header, ...rows];
  const widths = columns.map((column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: BudgetRow) =>
    columns
      .map((column, i) => row[column].padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const formatMilliseconds = (ms: number | undefined): string =>
  ms === undefined ? 'n/a' : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
export const formatKilobytes = (bytes: number | undefined): string =>
  bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`;
export const formatRatio = (value: number | undefined): string =>
  value === undefined ? 'n/a' : `${value.toFixed(2)}x`;

/**
 * A percentile of interaction durations where the browser reports only those of at least
 * `threshold` ms (Event Timing): the unreported ones are known to be shorter. Returns undefined
 * when the percentile falls among them, i.e. it is below the threshold.
 */
export function censoredPercentile(
  reported: readonly number[],
  interactions: number,
  p: number,
): number | undefined {
  if (interactions === 0 || reported.length === 0) return undefined;
  const unreported = Math.max(0, interactions - reported.length);
  const index = Math.min(interactions - 1, Math.max(0, Math.ceil((p / 100) * interactions) - 1));
  if (index < unreported) return undefined;
  const sorted = [...reported].sort((a, b) => a - b);
  return sorted[index - unreported];
}
