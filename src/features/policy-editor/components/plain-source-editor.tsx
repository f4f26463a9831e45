/**
 * The user's policy in a plain text area: for readers who prefer plain text, and while the code
 * editor loads. Reveals a range by selecting it and reports the cursor like the code editor.
 */
import Box from '@mui/material/Box';
import { useEffect, useRef } from 'react';
import { offsetToPosition, type TextPosition, type TextRange } from '@/core/diagnostics';
import { monospaceFontStack } from '@/shared/editor/fonts';
import type { RevealRequest } from './problems-list';

/** The character offset of a 1-based line and column. */
export function offsetOf(text: string, position: TextPosition): number {
  let offset = 0;
  for (let line = 1; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.column - 1, text.length);
}

export function PlainSourceEditor({
  text,
  onChange,
  reveal,
  onCursor,
  label,
  height,
}: {
  text: string;
  onChange(text: string): void;
  reveal?: RevealRequest;
  onCursor(position: TextPosition): void;
  label: string;
  height: number | string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = area.current;
    if (!element || !reveal) return;
    const range: TextRange = reveal.range;
    const start = offsetOf(element.value, range.start);
    const end = offsetOf(element.value, range.end);
    element.focus();
    element.setSelectionRange(start, Math.max(start, end));
    onCursor(range.start);
    // Put the line in view: the text area scrolls to the selection only for some browsers.
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
    element.scrollTop = Math.max(0, (range.start.line - 3) * lineHeight);
  }, [reveal, onCursor]);
  const report = () => {
    const element = area.current;
    if (element) onCursor(offsetToPosition(element.value, element.selectionStart));
  };
  return (
    <Box
      component="textarea"
      ref={area}
      aria-label={label}
      value={text}
      spellCheck={false}
      onChange={(event) => onChange((event.target as HTMLTextAreaElement).value)}
      onSelect={report}
      onKeyUp={report}
      onClick={report}
      sx={{
        display: 'block',
        boxSizing: 'border-box',
        width: '100%',
        height,
        resize: 'vertical',
        p: 1,
        fontFamily: monospaceFontStack,
        fontSize: 13,
        lineHeight: 1.45,
        whiteSpace: 'pre',
        overflowWrap: 'normal',
        overflow: 'auto',
        bgcolor: 'background.paper',
        color: 'text.primary',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        tabSize: 2,
      }}
    />
  );
}
