/** What every editor of a policy shares: its font and layout options, and the framed box it sits in. */
import Box from '@mui/material/Box';
import type { Ref } from 'react';
import type { editor } from 'monaco-editor/editor/editor.api';
import { monospaceFontStack } from './fonts';

/** Options common to the viewer, the editor and the comparison of policies. */
export const policyTextOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontFamily: monospaceFontStack,
  fontSize: 13,
  // Policies are hostile: a URL in a value must not become a live link with a "Follow link" hover.
  links: false,
} satisfies editor.IEditorOptions;

/** The viewer's and the editor's further options: line numbers, folding, hovers, no bracket colours. */
export const policyCodeOptions = {
  ...policyTextOptions,
  folding: true,
  lineNumbersMinChars: 4,
  fixedOverflowWidgets: true,
  hover: { delay: 250 },
  // Coloured bracket pairs help little in a policy and cost a redraw on every change.
  bracketPairColorization: { enabled: false },
} satisfies editor.IEditorOptions;

export function EditorFrame({
  ref,
  height,
}: {
  ref: Ref<HTMLDivElement>;
  height: string | number;
}) {
  return (
    <Box
      ref={ref}
      sx={{
        height,
        width: '100%',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
      }}
    />
  );
}
