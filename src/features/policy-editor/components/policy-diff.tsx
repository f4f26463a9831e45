/**
 * The user's policy beside the generated one in Monaco's diff editor, read-only, with the number
 * of changed blocks said in words. The diff editor comes with Monaco and its commands with the
 * editing contributions, both loaded when the user enters edit mode.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useColorScheme } from '@mui/material/styles';
import { useEffect, useId, useRef, useState } from 'react';
import { EditorFrame, policyTextOptions } from '@/shared/editor/editor-frame';
import type { MonacoModule } from '@/shared/editor/monaco-loader-types';
import type { editor } from 'monaco-editor/editor/editor.api';

const ORIGINAL_URI = 'inmemory://vpce-policy/compare-generated.json';
const MODIFIED_URI = 'inmemory://vpce-policy/compare-yours.json';

export interface PolicyDiffProps {
  monaco: MonacoModule;
  generated: string;
  generatedName: string;
  yours: string;
  height: number | string;
}

export default function PolicyDiff({
  monaco: module,
  generated,
  generatedName,
  yours,
  height,
}: PolicyDiffProps) {
  const ids = useId();
  const container = useRef<HTMLDivElement>(null);
  const models = useRef<{ original?: editor.ITextModel; modified?: editor.ITextModel }>({});
  const [changes, setChanges] = useState<number>();
  const { colorScheme } = useColorScheme();
  const initial = useRef({ generated, yours });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { monaco } = module;
    for (const uri of [ORIGINAL_URI, MODIFIED_URI])
      monaco.editor.getModel(monaco.Uri.parse(uri))?.dispose();
    const original = monaco.editor.createModel(
      initial.current.generated,
      'json',
      monaco.Uri.parse(ORIGINAL_URI),
    );
    const modified = monaco.editor.createModel(
      initial.current.yours,
      'json',
      monaco.Uri.parse(MODIFIED_URI),
    );
    models.current = { original, modified };
    const diff = monaco.editor.createDiffEditor(element, {
      readOnly: true,
      originalEditable: false,
      ...policyTextOptions,
      renderOverviewRuler: false,
      // Side by side where there is room, one column where there is not.
      useInlineViewWhenSpaceIsLimited: true,
    });
    diff.setModel({ original, modified });
    // The diff editor's own label options do not reach the inputs of its two editors; set them on each.
    diff
      .getOriginalEditor()
      .updateOptions({ ariaLabel: `Generated policy ${generatedName} (read-only)` });
    diff
      .getModifiedEditor()
      .updateOptions({ ariaLabel: 'Your policy (read-only in the comparison)' });
    const updates = diff.onDidUpdateDiff(() => setChanges(diff.getLineChanges()?.length ?? 0));
    return () => {
      updates.dispose();
      diff.dispose();
      original.dispose();
      modified.dispose();
      models.current = {};
    };
    // The heading's file name changes the labels only; the editor is not rebuilt for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [module]);

  useEffect(() => {
    const { original, modified } = models.current;
    if (original && original.getValue() !== generated) original.setValue(generated);
    if (modified && modified.getValue() !== yours) modified.setValue(yours);
  }, [generated, yours]);

  useEffect(() => {
    module.monaco.editor.setTheme(colorScheme === 'dark' ? 'vs-dark' : 'vs');
  }, [module, colorScheme]);

  return (
    <Box role="region" aria-labelledby={`${ids}-title`}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'baseline', flexWrap: 'wrap', mb: 0.5 }}>
        <Typography id={`${ids}-title`} variant="h3">
          Comparison with the generated policy
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status">
          {changes === undefined
            ? 'Comparing…'
            : changes === 0
              ? 'No differences from the generated policy.'
              : `${changes} changed block${changes === 1 ? '' : 's'} between the generated ${generatedName} and yours.`}
        </Typography>
      </Box>
      <EditorFrame ref={container} height={height} />
    </Box>
  );
}
