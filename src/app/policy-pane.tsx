/** The preview with the policy editor around the generated policy: the app joins the two features. */
import { PolicyEditorGate } from '@/features/policy-editor/components/policy-editor-gate';
import PreviewPanel from '@/features/preview/components/preview-panel';

export default function PolicyPane() {
  return <PreviewPanel PolicyArea={PolicyEditorGate} />;
}
