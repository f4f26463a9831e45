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
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    const mark = marked.current;
    const container = region.current;
    if (!mark || !container) return;
    // Scrolls the text only: scrollIntoView would also move the panes around it. Sideways too,
    // for a minified policy, where every statement is on the one line.
    const box = container.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    container.scrollTop += at.top - box.top - 8;
    if (at.left < box.left || at.left > box.right - 16)
      container.scrollLeft += at.left - box.left - 8;
  }, [highlight]);
  return (
    <Box
      ref={region}
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
