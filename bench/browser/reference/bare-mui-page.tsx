/** The bare MUI reference page: the builder's controls and nothing else. */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { markOnce } from './performance-marks';
import { ReferenceForm } from './reference-form';
import { ReferenceShell } from './reference-shell';

function BareMuiPage() {
  // Effects run after the first commit, when the controls are in the DOM with their handlers.
  useEffect(() => markOnce('vpce:form-usable'), []);
  return (
    <ReferenceShell>
      <ReferenceForm />
    </ReferenceShell>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BareMuiPage />
  </StrictMode>,
);
