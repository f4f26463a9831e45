/** Where a person can read a source: its documentation page, or the upstream file at its commit. */
import type { Source } from './schema';

/** The repository of the upstream data-perimeter samples that the catalog cites by file. */
export const UPSTREAM_REPOSITORY_URL =
  'https://github.com/aws-samples/data-perimeter-policy-examples';

export function sourceUrl(source: Source): string | undefined {
  if (source.url) return source.url;
  if (!source.upstreamFile) return undefined;
  const path = source.upstreamFile.split('/').map(encodeURIComponent).join('/');
  return `${UPSTREAM_REPOSITORY_URL}/blob/${source.commit ?? 'main'}/${path}`;
}
