/**
 * The policy as plain text: shown at once (before the editor has loaded), on request instead of
 * the editor, and readable by any assistive technology. A requested statement is marked and
 * scrolled into view.
 */
import Box from '@mui/material/Box';
import { useEffect, useRef } from 'react';
import type { CodeHighlight } from '@/shared/editor/code-viewer';

export function PlainPolicyText({
  text,
  label,
  highlight,
  height,
}: {
  text: string;
  label: string;
  highlight?: CodeHighlight;
  height: number | string;
}) {
  const marked = useRef<HTMLElement>(null);
  useEffect(() => {
    marked.current?.scrollIntoView({ block: 'nearest' });
  }, [highlight]);
  return (
    <Box
      role="region"
      aria-label={label}
      tabIndex={0}
      sx={{
        height,
        overflow: 'auto',
        bgcolor: 'background.paper',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      <Box
        component="pre"
        data-testid="policy-text"
        sx={{ m: 0, p: 1, fontSize: 13, lineHeight: 1.45, whiteSpace: 'pre' }}
      >
        {highlight ? (
          <>
            {text.slice(0, highlight.start)}
            <Box
              component="mark"
              ref={marked}
              sx={{ bgcolor: 'action.selected', color: 'inherit' }}
            >
              {text.slice(highlight.start, highlight.end)}
            </Box>
            {text.slice(highlight.end)}
          </>
        ) : (
          text
        )}
      </Box>
    </Box>
  );
}
