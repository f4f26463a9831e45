/**
 * The audit panel across the page's grid, loaded when it is first shown so that the page's first
 * screen stays small.
 */
import Box from '@mui/material/Box';
import { lazy, Suspense } from 'react';

const AuditPanel = lazy(() => import('./audit-panel'));

export function AuditSection() {
  return (
    <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
      <Suspense fallback={null}>
        <AuditPanel />
      </Suspense>
    </Box>
  );
}
