/** The sources of a catalog entry as links (documentation pages, or upstream files at their commit). */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { Source } from '@/core/catalog/schema';
import { sourceUrl } from '@/core/catalog/source-link';

export function SourceLinks({ sources }: { sources: readonly Source[] }) {
  if (sources.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: '0.8rem' }}>
      {sources.map((source) => {
        const url = sourceUrl(source);
        return (
          <li key={`${source.label}-${url ?? ''}`}>
            {url ? (
              <Link href={url} target="_blank" rel="noopener noreferrer">
                {source.label}
              </Link>
            ) : (
              source.label
            )}
            {source.verified === false ? ' (third-party material, not confirmed by AWS)' : ''}
          </li>
        );
      })}
    </Box>
  );
}
