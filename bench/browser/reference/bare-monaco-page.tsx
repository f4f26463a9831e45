/** The Monaco reference page: the same controls, then a lazily loaded read-only JSON editor. */
import { StrictMode, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import Box from '@mui/material/Box';
import { markOnce } from './performance-marks';
import { ReferenceForm } from './reference-form';
import { ReferenceShell } from './reference-shell';

function LazyPolicyEditor() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let unmounted = false;
    void import('./monaco-viewer')
      .then(({ showReferencePolicy }) =>
        container.current ? showReferencePolicy(container.current) : undefined,
      )
      .then((disposeEditor) => {
        if (unmounted) disposeEditor?.();
        else {
          dispose = disposeEditor;
          markOnce('vpce:editor-ready');
        }
      });
    return () => {
      unmounted = true;
      dispose?.();
    };
  }, []);
  return <Box ref={container} sx={{ height: 480 }} aria-label="Policy" />;
}

function BareMonacoPage() {
  useEffect(() => markOnce('vpce:form-usable'), []);
  return (
    <ReferenceShell>
      <ReferenceForm preview={<LazyPolicyEditor />} />
    </ReferenceShell>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BareMonacoPage />
  </StrictMode>,
);
