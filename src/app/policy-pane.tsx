/**
 * The preview with the policy editor around the generated policy and the infrastructure-as-code
 * export beside Download all: the app joins the three features.
 */
import { memo } from 'react';
import { ExportAsButton } from '@/features/deploy/components/export-as-button';
import { PolicyEditorGate } from '@/features/policy-editor/components/policy-editor-gate';
import PreviewPanel from '@/features/preview/components/preview-panel';

export default memo(function PolicyPane() {
  return <PreviewPanel PolicyArea={PolicyEditorGate} extraActions={<ExportAsButton />} />;
});
